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
 * Histogram record of a size on a handle resolved once, the sizes cycling through {@link
 * Workload#PAYLOAD_BYTES}. Dropwizard and the floor take whole numbers, which the sizes are. The
 * floor is {@link org.HdrHistogram.Recorder#recordValue}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public abstract class HistogramHandle {

  @Benchmark
  public void nexus(NexusState state, Samples samples) {
    state.histogram.record(samples.nextBytes());
  }

  @Benchmark
  public void micrometer(MicrometerState state, Samples samples) {
    state.summary.record(samples.nextBytes());
  }

  @Benchmark
  public void prometheus(PrometheusClientState state, Samples samples) {
    state.histogram.observe(samples.nextBytes());
  }

  @Benchmark
  public void dropwizard(DropwizardState state, Samples samples) {
    state.histogram.update((long) samples.nextBytes());
  }

  @Benchmark
  public void openTelemetry(OpenTelemetryState state, Samples samples) {
    state.payload.record(samples.nextBytes(), state.handleAttributes);
  }

  @Benchmark
  public void floorRecorder(FloorState state, Samples samples) {
    state.histogram.recordValue((long) samples.nextBytes());
  }

  /** One benchmark thread. */
  @Threads(1)
  public static class OneThread extends HistogramHandle {}

  /** Four benchmark threads on the same series. */
  @Threads(4)
  public static class FourThreads extends HistogramHandle {}
}
