package nexus.monitoring.benchmarks;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor: what a counter and a distribution cost with no metrics library at all, a bare {@link
 * LongAdder} and a bare HdrHistogram {@link Recorder} (auto-resizing, two significant digits, the
 * precision of the runtime's sketches).
 */
@State(Scope.Benchmark)
public class FloorState {
  LongAdder counter;
  Recorder timer;
  Recorder histogram;

  @Setup
  public void setUp() {
    counter = new LongAdder();
    timer = new Recorder(2);
    histogram = new Recorder(2);
  }
}
