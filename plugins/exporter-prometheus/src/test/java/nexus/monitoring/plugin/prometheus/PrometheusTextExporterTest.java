package nexus.monitoring.plugin.prometheus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nexus.monitoring.api.ExportFormat;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MetricSnapshot.Distribution;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.Tenants;
import nexus.monitoring.plugin.prometheus.StrictExpositionParser.Exposition;
import nexus.monitoring.plugin.prometheus.StrictExpositionParser.Family;
import nexus.monitoring.plugin.prometheus.StrictExpositionParser.Sample;
import org.junit.jupiter.api.Test;

final class PrometheusTextExporterTest {
  private final PrometheusTextExporter exporter = new PrometheusTextExporter();

  @Test
  void format_isPrometheusText004() {
    assertThat(exporter.format()).isEqualTo(ExportFormat.PROMETHEUS_TEXT);
    assertThat(exporter.format().contentType())
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
  }

  @Test
  void export_gauge_writesHelpTypeAndSampleWithTenant() {
    String text =
        export(gauge("queue.depth", "Messages waiting", 42, MetricTag.of("queue", "orders")));

    assertThat(text)
        .isEqualTo(
            """
            # HELP queue_depth Messages waiting
            # TYPE queue_depth gauge
            queue_depth{queue="orders",tenant="default"} 42
            """);
  }

  @Test
  void export_counterWithoutSuffix_usesTotalNameOnEveryLine() {
    String text = export(snapshot("jobs.processed", MetricType.COUNTER, "Jobs done", 7));

    assertThat(text)
        .isEqualTo(
            """
            # HELP jobs_processed_total Jobs done
            # TYPE jobs_processed_total counter
            jobs_processed_total{tenant="default"} 7
            """);
  }

  @Test
  void export_counterWithSuffix_keepsName() {
    Exposition parsed = parse(snapshot("http_requests_total", MetricType.COUNTER, "", 3));

    assertThat(parsed.families()).extracting(Family::name).containsExactly("http_requests_total");
  }

  @Test
  void export_timing_rendersSummaryInSeconds() {
    MetricSnapshot timing =
        new MetricSnapshot(
            "http.server.duration",
            MetricType.TIMING,
            "Request latency",
            "seconds",
            List.of(MetricTag.of("route", "/orders")),
            "acme",
            Double.NaN,
            new Distribution(120, 3.5, 0.001, 0.4, Map.of(0.5, 0.012, 0.99, 0.25, 0.999, 0.375)),
            null);

    String text = export(timing);

    assertThat(text)
        .isEqualTo(
            """
            # HELP http_server_duration_seconds Request latency
            # TYPE http_server_duration_seconds summary
            http_server_duration_seconds{route="/orders",tenant="acme",quantile="0.5"} 0.012
            http_server_duration_seconds{route="/orders",tenant="acme",quantile="0.99"} 0.25
            http_server_duration_seconds{route="/orders",tenant="acme",quantile="0.999"} 0.375
            http_server_duration_seconds_sum{route="/orders",tenant="acme"} 3.5
            http_server_duration_seconds_count{route="/orders",tenant="acme"} 120
            """);
    assertThat(StrictExpositionParser.parse(text).family("http_server_duration_seconds").type())
        .isEqualTo("summary");
  }

  @Test
  void export_timingAlreadyInSeconds_keepsName() {
    Exposition parsed =
        parse(
            distribution(
                "db_query_seconds",
                MetricType.TIMING,
                Tenants.DEFAULT,
                List.of(),
                new Distribution(1, 0.2, 0.2, 0.2, Map.of(0.5, 0.2))));

    assertThat(parsed.families()).extracting(Family::name).containsExactly("db_query_seconds");
  }

  @Test
  void export_histogram_rendersSummaryWithoutUnitSuffix() {
    Exposition parsed =
        parse(
            distribution(
                "payload.size",
                MetricType.HISTOGRAM,
                Tenants.DEFAULT,
                List.of(),
                new Distribution(4, 4096, 512, 2048, Map.of(0.5, 768.0, 1.0, 2048.0))));

    Family family = parsed.family("payload_size");
    assertThat(family.type()).isEqualTo("summary");
    assertThat(family.samples())
        .extracting(Sample::name, s -> s.labels().get("quantile"), Sample::value)
        .containsExactly(
            tuple("payload_size", "0.5", 768.0),
            tuple("payload_size", "1", 2048.0),
            tuple("payload_size_sum", null, 4096.0),
            tuple("payload_size_count", null, 4.0));
  }

  @Test
  void export_emptyDistribution_writesNaNQuantilesAndZeroCount() {
    String text =
        export(
            distribution(
                "idle",
                MetricType.TIMING,
                Tenants.DEFAULT,
                List.of(),
                new Distribution(0, 0, Double.NaN, Double.NaN, Map.of(0.5, Double.NaN))));

    assertThat(text)
        .contains("idle_seconds{tenant=\"default\",quantile=\"0.5\"} NaN\n")
        .contains("idle_seconds_sum{tenant=\"default\"} 0\n")
        .contains("idle_seconds_count{tenant=\"default\"} 0\n");
    StrictExpositionParser.parse(text);
  }

  @Test
  void export_specialAndFractionalValues_areWrittenAsGoParseFloatReadsThem() {
    String text =
        export(
            gauge("v", "", Double.NaN, MetricTag.of("case", "nan")),
            gauge("v", "", Double.POSITIVE_INFINITY, MetricTag.of("case", "plus-inf")),
            gauge("v", "", Double.NEGATIVE_INFINITY, MetricTag.of("case", "minus-inf")),
            gauge("v", "", 0.25, MetricTag.of("case", "fraction")),
            gauge("v", "", -3, MetricTag.of("case", "negative")),
            gauge("v", "", 1e20, MetricTag.of("case", "large")),
            gauge("v", "", 1.5e-7, MetricTag.of("case", "small")));

    assertThat(text)
        .contains("v{case=\"nan\",tenant=\"default\"} NaN\n")
        .contains("v{case=\"plus-inf\",tenant=\"default\"} +Inf\n")
        .contains("v{case=\"minus-inf\",tenant=\"default\"} -Inf\n")
        .contains("v{case=\"fraction\",tenant=\"default\"} 0.25\n")
        .contains("v{case=\"negative\",tenant=\"default\"} -3\n");
    Map<String, Double> values = new HashMap<>();
    for (Sample sample : StrictExpositionParser.parse(text).family("v").samples()) {
      values.put(sample.labels().get("case"), sample.value());
    }
    assertThat(values.get("nan")).isNaN();
    assertThat(values)
        .containsEntry("plus-inf", Double.POSITIVE_INFINITY)
        .containsEntry("minus-inf", Double.NEGATIVE_INFINITY)
        .containsEntry("large", 1e20)
        .containsEntry("small", 1.5e-7);
  }

  @Test
  void export_labelValues_escapeBackslashQuoteAndNewline() {
    String path = "C:\\temp";
    String quote = "say \"hi\"";
    String twoLines = "first\nsecond";

    String text =
        export(
            gauge(
                "files",
                "",
                1,
                MetricTag.of("path", path),
                MetricTag.of("quote", quote),
                MetricTag.of("text", twoLines)));

    assertThat(text)
        .contains(
            "files{path=\"C:\\\\temp\",quote=\"say \\\"hi\\\"\",tenant=\"default\","
                + "text=\"first\\nsecond\"} 1\n");
    Sample sample = StrictExpositionParser.parse(text).family("files").samples().get(0);
    assertThat(sample.labels())
        .containsEntry("path", path)
        .containsEntry("quote", quote)
        .containsEntry("text", twoLines);
  }

  @Test
  void export_utf8Text_isWrittenAsUtf8() {
    MetricSnapshot snapshot =
        gauge("temperature", "Température ☃", 3, MetricTag.of("city", "Zürich ☃"));

    byte[] bytes = exportBytes(List.of(snapshot));

    String expectedSample = "temperature{city=\"Zürich ☃\",tenant=\"default\"} 3\n";
    assertThat(new String(bytes, UTF_8)).contains("# HELP temperature Température ☃\n");
    assertThat(bytes).containsSequence(expectedSample.getBytes(UTF_8));
    assertThat(parse(snapshot).family("temperature").samples().get(0).labels())
        .containsEntry("city", "Zürich ☃");
  }

  @Test
  void export_help_escapesBackslashAndNewlineButNotQuote() {
    String text = export(gauge("odd", "a \"quoted\" C:\\path\nsecond line", 1));

    assertThat(text).startsWith("# HELP odd a \"quoted\" C:\\\\path\\nsecond line\n");
    assertThat(StrictExpositionParser.parse(text).family("odd").help())
        .isEqualTo("a \"quoted\" C:\\path\nsecond line");
  }

  @Test
  void export_emptyDescription_usesOriginalNameAsHelp() {
    assertThat(export(gauge("jvm.threads.live", "", 12)))
        .startsWith("# HELP jvm_threads_live jvm.threads.live\n");
  }

  @Test
  void export_names_translateDotsInNamesAndColonsInLabels() {
    String text =
        export(
            gauge(
                "job:requests:rate5m",
                "",
                1,
                MetricTag.of("http.route", "/a"),
                MetricTag.of("k8s:pod", "p-1")));

    assertThat(text)
        .contains("job:requests:rate5m{http_route=\"/a\",k8s_pod=\"p-1\",tenant=\"default\"} 1\n");
  }

  @Test
  void export_alwaysWritesTenantLabel() {
    MetricSnapshot acme =
        new MetricSnapshot("logins", MetricType.GAUGE, "", "", List.of(), "acme", 2, null, null);

    Exposition parsed = parse(gauge("logins", "", 1), acme);

    assertThat(parsed.family("logins").samples())
        .extracting(s -> s.labels().get("tenant"))
        .containsExactly("acme", "default");
  }

  @Test
  void export_tagNamedTenant_isRenamedWithExportedPrefix() {
    String text = export(gauge("seats", "", 5, MetricTag.of("tenant", "from-tag")));

    assertThat(text).contains("seats{exported_tenant=\"from-tag\",tenant=\"default\"} 5\n");
  }

  @Test
  void export_tagNamedQuantileOnSummary_isRenamedWithExportedPrefix() {
    String text =
        export(
            distribution(
                "work",
                MetricType.HISTOGRAM,
                Tenants.DEFAULT,
                List.of(MetricTag.of("quantile", "mine")),
                new Distribution(1, 1, 1, 1, Map.of(0.5, 1.0))));

    assertThat(text)
        .contains("work{exported_quantile=\"mine\",tenant=\"default\",quantile=\"0.5\"} 1\n");
    StrictExpositionParser.parse(text);
  }

  @Test
  void export_tagKeysCollidingAfterTranslation_keepBothValues() {
    String text =
        export(gauge("g", "", 1, MetricTag.of("a.b", "dotted"), MetricTag.of("a_b", "plain")));

    assertThat(text).contains("g{a_b=\"plain\",exported_a_b=\"dotted\",tenant=\"default\"} 1\n");
  }

  @Test
  void export_namesCollidingWithSameType_shareOneFamily() {
    String text =
        export(
            gauge("cache.size", "Dotted", 1, MetricTag.of("region", "eu")),
            gauge("cache_size", "Plain", 2, MetricTag.of("region", "us")));

    assertThat(text)
        .isEqualTo(
            """
            # HELP cache_size Plain
            # TYPE cache_size gauge
            cache_size{region="us",tenant="default"} 2
            cache_size{region="eu",tenant="default"} 1
            """);
  }

  @Test
  void export_collidingSeriesWithSameLabels_keepsUntranslatedAndNotesSkip() {
    String text = export(gauge("cache.size", "", 1), gauge("cache_size", "", 2));

    assertThat(text)
        .isEqualTo(
            """
            # HELP cache_size cache_size
            # TYPE cache_size gauge
            cache_size{tenant="default"} 2
            # nexus-monitoring: skipped a series of GAUGE 'cache.size' {tenant="default"}: \
            GAUGE 'cache_size' has a series with the same name and labels
            """);
    StrictExpositionParser.parse(text);
  }

  @Test
  void export_repeatedSeriesOfOneName_isWrittenOnceAndNoted() {
    String text =
        export(
            gauge("cache.size", "", 1, MetricTag.of("region", "eu")),
            gauge("cache.size", "", 2, MetricTag.of("region", "us")),
            gauge("cache.size", "", 3, MetricTag.of("region", "eu")));

    assertThat(text)
        .isEqualTo(
            """
            # HELP cache_size cache.size
            # TYPE cache_size gauge
            cache_size{region="eu",tenant="default"} 1
            cache_size{region="us",tenant="default"} 2
            # nexus-monitoring: skipped a series of GAUGE 'cache.size' \
            {region="eu",tenant="default"}: GAUGE 'cache.size' has a series with the same name and \
            labels
            """);
  }

  @Test
  void export_tagKeysBeforeAndAfterTenant_areSortedWithTheTenantLabel() {
    String text =
        export(
            gauge(
                "pool.size",
                "",
                4,
                MetricTag.of("zone", "b"),
                MetricTag.of("app", "shop"),
                MetricTag.of("tenantless", "x")));

    assertThat(text)
        .contains("pool_size{app=\"shop\",tenant=\"default\",tenantless=\"x\",zone=\"b\"} 4\n");
  }

  @Test
  void export_outputLargerThanOneBuffer_isWrittenWholeAndInOrder() {
    List<MetricSnapshot> snapshots = new ArrayList<>();
    String longValue = "v".repeat(1_000);
    for (int i = 0; i < 100; i++) {
      snapshots.add(
          gauge("wide", "", i, MetricTag.of("id", String.format("%03d", i) + longValue + "☃")));
    }

    Exposition parsed = StrictExpositionParser.parse(new String(exportBytes(snapshots), UTF_8));

    List<Sample> samples = parsed.family("wide").samples();
    assertThat(samples).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(samples.get(i).labels())
          .containsEntry("id", String.format("%03d", i) + longValue + "☃");
    }
  }

  @Test
  void export_supplementaryCharacters_areOneUtf8Sequence_andLoneSurrogatesAQuestionMark() {
    String emoji = new String(Character.toChars(0x1F600));
    byte[] bytes =
        exportBytes(
            List.of(
                gauge("mood", "", 1, MetricTag.of("face", emoji)),
                gauge("mood", "", 2, MetricTag.of("face", "broken\uD83D"))));

    assertThat(bytes)
        .containsSequence(("mood{face=\"" + emoji + "\",").getBytes(UTF_8))
        .containsSequence("mood{face=\"broken?\",".getBytes(UTF_8));
  }

  @Test
  void export_counterNamedWithAndWithoutTotal_keepsTheOneNamedAsFamily() {
    String text =
        export(
            snapshot("requests", MetricType.COUNTER, "Short", 10),
            snapshot("requests_total", MetricType.COUNTER, "Full", 11));

    assertThat(text)
        .isEqualTo(
            """
            # HELP requests_total Full
            # TYPE requests_total counter
            requests_total{tenant="default"} 11
            # nexus-monitoring: skipped a series of COUNTER 'requests' {tenant="default"}: \
            COUNTER 'requests_total' has a series with the same name and labels
            """);
  }

  @Test
  void export_namesCollidingWithDifferentTypes_keepsFirstAndNotesSkip() {
    MetricSnapshot histogram =
        distribution(
            "a.b",
            MetricType.HISTOGRAM,
            Tenants.DEFAULT,
            List.of(),
            new Distribution(1, 1, 1, 1, Map.of()));

    String text = export(histogram, gauge("a_b", "", 2));

    assertThat(text)
        .isEqualTo(
            """
            # HELP a_b a_b
            # TYPE a_b gauge
            a_b{tenant="default"} 2
            # nexus-monitoring: skipped HISTOGRAM 'a.b': its name 'a_b' belongs to gauge family of \
            GAUGE 'a_b'
            """);
    StrictExpositionParser.parse(text);
  }

  @Test
  void export_gaugeNamedLikeSummarySample_isSkippedWhole() {
    MetricSnapshot latency =
        distribution(
            "latency",
            MetricType.HISTOGRAM,
            Tenants.DEFAULT,
            List.of(),
            new Distribution(2, 1, 0.5, 0.5, Map.of(0.5, 0.5)));

    String text = export(gauge("latency.count", "", 9), latency);

    Exposition parsed = StrictExpositionParser.parse(text);
    assertThat(parsed.families()).extracting(Family::name).containsExactly("latency");
    assertThat(parsed.family("latency").samples())
        .filteredOn(s -> s.name().equals("latency_count"))
        .singleElement()
        .extracting(Sample::value)
        .isEqualTo(2.0);
    assertThat(parsed.comments())
        .containsExactly(
            "# nexus-monitoring: skipped GAUGE 'latency.count': sample name 'latency_count' is"
                + " already written by family 'latency'");
  }

  @Test
  void export_counterAndGaugeOfSameName_areSeparateFamilies() {
    Exposition parsed =
        parse(
            snapshot("jobs", MetricType.COUNTER, "", 5), snapshot("jobs", MetricType.GAUGE, "", 2));

    assertThat(parsed.families())
        .extracting(Family::name, Family::type)
        .containsExactly(tuple("jobs", "gauge"), tuple("jobs_total", "counter"));
  }

  @Test
  void export_snapshotsOfOneNameApart_areGroupedIntoOneFamily() {
    Exposition parsed =
        parse(
            gauge("a", "", 1, MetricTag.of("x", "1")),
            gauge("b", "", 2),
            gauge("a", "", 3, MetricTag.of("x", "2")));

    assertThat(parsed.families()).extracting(Family::name).containsExactly("a", "b");
    assertThat(parsed.family("a").samples()).hasSize(2);
  }

  @Test
  void export_inputOrder_doesNotChangeOutput() {
    List<MetricSnapshot> snapshots = new ArrayList<>(mixedSnapshots());
    String expected = export(snapshots.toArray(MetricSnapshot[]::new));
    Random random = new Random(20240611L);

    for (int i = 0; i < 20; i++) {
      Collections.shuffle(snapshots, random);
      assertThat(export(snapshots.toArray(MetricSnapshot[]::new))).isEqualTo(expected);
    }
    StrictExpositionParser.parse(expected);
  }

  @Test
  void export_noSnapshots_writesNothing() {
    assertThat(exportBytes(List.of())).isEmpty();
  }

  @Test
  void export_leavesStreamOpen() throws IOException {
    CloseTrackingStream out = new CloseTrackingStream();

    exporter.export(List.of(gauge("g", "", 1)), out);

    assertThat(out.closed).isFalse();
    assertThat(out.toString(UTF_8)).endsWith("g{tenant=\"default\"} 1\n");
  }

  @Test
  void export_concurrentCalls_produceIdenticalOutput() throws Exception {
    List<MetricSnapshot> snapshots = mixedSnapshots();
    String expected = new String(exportBytes(snapshots), UTF_8);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(pool.submit(() -> new String(exportBytes(snapshots), UTF_8)));
      }
      for (Future<String> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<MetricSnapshot> mixedSnapshots() {
    return List.of(
        gauge("cache.size", "", 1, MetricTag.of("region", "eu")),
        gauge("cache_size", "", 2, MetricTag.of("region", "eu")),
        gauge("cache_size", "", 3, MetricTag.of("region", "us")),
        snapshot("requests", MetricType.COUNTER, "Requests", 10),
        snapshot("requests_total", MetricType.COUNTER, "", 11),
        snapshot("a.b", MetricType.GAUGE, "", 4),
        distribution(
            "a_b",
            MetricType.HISTOGRAM,
            Tenants.DEFAULT,
            List.of(),
            new Distribution(1, 1, 1, 1, Map.of(0.5, 1.0))),
        distribution(
            "rpc",
            MetricType.TIMING,
            "acme",
            List.of(MetricTag.of("method", "get")),
            new Distribution(3, 0.3, 0.1, 0.1, Map.of(0.5, 0.1, 0.9, 0.1))),
        gauge("rpc.seconds.sum", "", 7),
        gauge("weird", "Zürich ☃ \\ \"", 1, MetricTag.of("v", "a\"b\\c\nd")));
  }

  private static MetricSnapshot gauge(String name, String help, double value, MetricTag... tags) {
    return MetricSnapshot.of(name, MetricType.GAUGE, help, "", List.of(tags), value);
  }

  private static MetricSnapshot snapshot(String name, MetricType type, String help, double value) {
    return MetricSnapshot.of(name, type, help, "", List.of(), value);
  }

  private static MetricSnapshot distribution(
      String name, MetricType type, String tenant, List<MetricTag> tags, Distribution summary) {
    return new MetricSnapshot(name, type, "", "", tags, tenant, Double.NaN, summary, null);
  }

  private String export(MetricSnapshot... snapshots) {
    return new String(exportBytes(List.of(snapshots)), UTF_8);
  }

  private Exposition parse(MetricSnapshot... snapshots) {
    return StrictExpositionParser.parse(export(snapshots));
  }

  private byte[] exportBytes(List<MetricSnapshot> snapshots) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      exporter.export(snapshots, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Remembers whether the exporter closed it. */
  private static final class CloseTrackingStream extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }
}
