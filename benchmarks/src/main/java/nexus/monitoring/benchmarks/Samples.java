package nexus.monitoring.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Each benchmark thread's position in the sample values of {@link Workload}, so every library
 * records the same sequence and no thread shares a cursor with another.
 */
@State(Scope.Thread)
public class Samples {
  private int next;

  /** The next duration, in nanoseconds. */
  public long nextNanos() {
    return Workload.LATENCY_NANOS[advance()];
  }

  /** The next size, in bytes. */
  public double nextBytes() {
    return Workload.PAYLOAD_BYTES[advance()];
  }

  private int advance() {
    int index = next;
    next = (index + 1) & (Workload.SAMPLE_COUNT - 1);
    return index;
  }
}
