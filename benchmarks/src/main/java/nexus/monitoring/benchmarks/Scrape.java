package nexus.monitoring.benchmarks;

import java.io.IOException;
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
 * Rendering 10,000 and 100,000 series ({@link ScrapeWorkload}) as Prometheus text format 0.0.4 into
 * a sink that counts the bytes. Two kinds of row:
 *
 * <ul>
 *   <li>{@code ...Writer}: the text writer alone, given a snapshot taken before the benchmark;
 *   <li>{@code ...Scrape}: what a scrape of {@code /metrics} does, a fresh snapshot of the registry
 *       and then the text writer. Micrometer offers only this one.
 * </ul>
 *
 * Each benchmark returns the bytes written, so the output cannot be optimised away.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Threads(1)
public class Scrape {

  @Benchmark
  public long nexusWriter(NexusScrapeState state) throws IOException {
    state.exporter.export(state.snapshots, state.sink);
    return state.sink.reset();
  }

  @Benchmark
  public long nexusScrape(NexusScrapeState state) throws IOException {
    state.exporter.export(state.tracker.snapshot(), state.sink);
    return state.sink.reset();
  }

  @Benchmark
  public long prometheusWriter(PrometheusScrapeState state) throws IOException {
    state.writer.write(state.sink, state.snapshots);
    return state.sink.reset();
  }

  @Benchmark
  public long prometheusScrape(PrometheusScrapeState state) throws IOException {
    state.writer.write(state.sink, state.registry.scrape());
    return state.sink.reset();
  }

  @Benchmark
  public long micrometerScrape(MicrometerScrapeState state) throws IOException {
    state.registry.scrape(state.sink);
    return state.sink.reset();
  }
}
