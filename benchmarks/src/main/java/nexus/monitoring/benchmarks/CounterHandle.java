package nexus.monitoring.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counter increment by 1 on a handle resolved once: one series with two tags, shared by all
 * benchmark threads. The floor is {@link java.util.concurrent.atomic.LongAdder#increment()}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public abstract class CounterHandle {

  @Benchmark
  public void nexus(NexusState state) {
    state.counter.increment();
  }

  @Benchmark
  public void micrometer(MicrometerState state) {
    state.counter.increment();
  }

  @Benchmark
  public void prometheus(PrometheusClientState state) {
    state.counter.inc();
  }

  @Benchmark
  public void dropwizard(DropwizardState state) {
    state.counter.inc();
  }

  @Benchmark
  public void openTelemetry(OpenTelemetryState state) {
    state.requests.add(1, state.handleAttributes);
  }

  @Benchmark
  public void floorLongAdder(FloorState state) {
    state.counter.increment();
  }

  /** One benchmark thread. */
  @Threads(1)
  public static class OneThread extends CounterHandle {}

  /** Four benchmark threads on the same series. */
  @Threads(4)
  public static class FourThreads extends CounterHandle {}
}
