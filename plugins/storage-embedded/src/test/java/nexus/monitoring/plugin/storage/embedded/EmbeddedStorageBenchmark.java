package nexus.monitoring.plugin.storage.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import nexus.monitoring.api.Exemplar;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.QuerySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints how fast the embedded storage appends and reads; asserts nothing about speed. Skipped
 * unless asked for:
 *
 * <pre>
 * ./mvnw -B -q -f plugins/storage-embedded/pom.xml test -Dtest=EmbeddedStorageBenchmark -Dbenchmark=true
 * </pre>
 *
 * <p>The data: one timing metric of 1,000 series (10 methods x 100 routes), a 96-byte sketch on
 * every aggregate and an exemplar on every tenth, flushed every 10 s; each batch is one flush of
 * all 1,000 series, and 1,000 batches make 1,000,000 stored aggregates (2.8 hours of history).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
final class EmbeddedStorageBenchmark {
  private static final String METRIC = "http.server.duration";
  private static final int SERIES = 1_000;
  private static final int BATCHES = Integer.getInteger("benchmark.batches", 1_000);
  private static final Duration STEP = Duration.ofSeconds(10);
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @TempDir Path home;

  @Test
  void appendAndRead() throws Exception {
    List<List<MetricTag>> tags = new ArrayList<>();
    for (int method = 0; method < 10; method++) {
      for (int route = 0; route < SERIES / 10; route++) {
        tags.add(MetricTag.ofPairs("method", "m" + method, "route", "/api/r" + route));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%nEmbedded storage benchmark: %s, %s, %d cores%n",
        System.getProperty("java.vm.name") + " " + Runtime.version(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors());

    appendBenchmark(
        "synchronous=normal (default)", home.resolve("normal"), "normal", BATCHES, tags);
    appendBenchmark("synchronous=full", home.resolve("full"), "full", 100, tags);

    try (EmbeddedMetricStorage storage =
        new EmbeddedMetricStorage(
            StorageTestSettings.of(home, "path", home.resolve("normal").toString()))) {
      Instant end = T0.plus(STEP.multipliedBy(BATCHES));
      Instant hourAgo = end.minus(Duration.ofHours(1));
      System.out.printf(
          Locale.ROOT,
          "%nReads from %,d stored aggregates (%,d bytes on disk incl. WAL):%n",
          (long) SERIES * BATCHES,
          directorySize(home.resolve("normal")));
      readBenchmark(
          "1 series, last hour",
          50,
          () ->
              storage.read(
                  QuerySpec.builder(METRIC)
                      .between(hourAgo, end)
                      .tag("method", "m3")
                      .tag("route", "/api/r42")
                      .build()));
      readBenchmark(
          "10 series (one route), last hour",
          50,
          () ->
              storage.read(
                  QuerySpec.builder(METRIC)
                      .between(hourAgo, end)
                      .tag("route", "/api/r42")
                      .build()));
      readBenchmark(
          "1 series, whole history",
          50,
          () ->
              storage.read(
                  QuerySpec.builder(METRIC)
                      .between(T0, end)
                      .tag("method", "m3")
                      .tag("route", "/api/r42")
                      .build()));
      readBenchmark(
          "all 1,000 series, last hour",
          10,
          () -> storage.read(QuerySpec.builder(METRIC).between(hourAgo, end).build()));
      readBenchmark(
          "all 1,000 series, whole history",
          5,
          () -> storage.read(QuerySpec.builder(METRIC).between(T0, end).build()));
    }
  }

  private static void appendBenchmark(
      String label, Path directory, String synchronous, int batches, List<List<MetricTag>> tags)
      throws Exception {
    long[] nanos = new long[batches];
    long cpuStarted = cpuNanos();
    try (EmbeddedMetricStorage storage =
        new EmbeddedMetricStorage(
            StorageTestSettings.of(
                directory, "path", directory.toString(), "synchronous", synchronous))) {
      for (int b = 0; b < batches; b++) {
        List<MetricAggregate> batch = batch(b, tags);
        long started = System.nanoTime();
        storage.append(batch);
        nanos[b] = System.nanoTime() - started;
      }
    }
    long cpu = cpuNanos() - cpuStarted;

    long total = Arrays.stream(nanos).sum();
    long steady = Arrays.stream(nanos, 1, batches).sum();
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%nAppend, %s: %d batches of %,d aggregates%n"
            + "  %,.0f aggregates/s overall; %,.0f aggregates/s after the first batch (which"
            + " creates the series)%n"
            + "  per batch: first %.1f ms, median %.1f ms, p99 %.1f ms, max %.1f ms;"
            + " process CPU %.1f ms per batch%n",
        label,
        batches,
        SERIES,
        (double) SERIES * batches / (total / 1e9),
        (double) SERIES * (batches - 1) / (steady / 1e9),
        nanos[0] / 1e6,
        sorted[batches / 2] / 1e6,
        sorted[(int) (batches * 0.99)] / 1e6,
        sorted[batches - 1] / 1e6,
        cpu / 1e6 / batches);
  }

  private static void readBenchmark(String label, int runs, Supplier<List<MetricAggregate>> query) {
    int rows = 0;
    for (int i = 0; i < Math.max(2, runs / 2); i++) {
      rows = query.get().size();
    }
    long[] nanos = new long[runs];
    long cpuStarted = cpuNanos();
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      rows = query.get().size();
      nanos[i] = System.nanoTime() - started;
    }
    long cpu = (cpuNanos() - cpuStarted) / runs;
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "  %-34s %,9d aggregates: median %8.2f ms, max %8.2f ms (%d runs), process CPU %8.2f ms%n",
        label,
        rows,
        nanos[runs / 2] / 1e6,
        nanos[runs - 1] / 1e6,
        runs,
        cpu / 1e6);
  }

  private static List<MetricAggregate> batch(int b, List<List<MetricTag>> tags) {
    Instant start = T0.plus(STEP.multipliedBy(b));
    byte[] sketch = new byte[96];
    Arrays.fill(sketch, (byte) b);
    List<MetricAggregate> batch = new ArrayList<>(tags.size());
    for (int s = 0; s < tags.size(); s++) {
      double sum = 0.05 * (s % 17 + 1) * 20;
      batch.add(
          new MetricAggregate(
              METRIC,
              MetricType.TIMING,
              tags.get(s),
              "default",
              start,
              STEP,
              20,
              sum,
              sum * sum / 10,
              0.001,
              0.9,
              Double.NaN,
              sketch,
              s % 10 == 0 ? new Exemplar(0.2, Aggregates.TRACE, start.plusMillis(1234)) : null));
    }
    return batch;
  }

  /** CPU time of the whole process (so including GC and JIT threads), in nanoseconds. */
  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }

  private static long directorySize(Path directory) throws Exception {
    try (var files = Files.list(directory)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
