package nexus.monitoring.benchmarks;

import io.prometheus.metrics.model.snapshots.Unit;
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
 * Timer record of a duration in nanoseconds on a handle resolved once, the durations cycling
 * through {@link Workload#LATENCY_NANOS}. The floor is {@link
 * org.HdrHistogram.Recorder#recordValue}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public abstract class TimerHandle {

  @Benchmark
  public void nexus(NexusState state, Samples samples) {
    state.timer.recordNanos(samples.nextNanos());
  }

  @Benchmark
  public void micrometer(MicrometerState state, Samples samples) {
    state.timer.record(samples.nextNanos(), TimeUnit.NANOSECONDS);
  }

  @Benchmark
  public void prometheus(PrometheusClientState state, Samples samples) {
    state.timer.observe(Unit.nanosToSeconds(samples.nextNanos()));
  }

  @Benchmark
  public void dropwizard(DropwizardState state, Samples samples) {
    state.timer.update(samples.nextNanos(), TimeUnit.NANOSECONDS);
  }

  @Benchmark
  public void openTelemetry(OpenTelemetryState state, Samples samples) {
    state.latency.record(Unit.nanosToSeconds(samples.nextNanos()), state.handleAttributes);
  }

  @Benchmark
  public void floorRecorder(FloorState state, Samples samples) {
    state.timer.recordValue(samples.nextNanos());
  }

  /** One benchmark thread. */
  @Threads(1)
  public static class OneThread extends TimerHandle {}

  /** Four benchmark threads on the same series. */
  @Threads(4)
  public static class FourThreads extends TimerHandle {}
}
