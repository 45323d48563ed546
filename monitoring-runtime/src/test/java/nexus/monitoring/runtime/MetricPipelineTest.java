package nexus.monitoring.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import nexus.monitoring.api.AggregationFunction;
import nexus.monitoring.api.AggregationResult;
import nexus.monitoring.api.AggregationSpec;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricStorageException;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.runtime.config.ConfigLoader;
import nexus.monitoring.runtime.config.HostConfig;
import nexus.monitoring.runtime.ingest.JsonIngest;
import nexus.monitoring.runtime.metrics.HostMetrics;
import nexus.monitoring.runtime.query.InMemoryMetricStorage;
import org.junit.jupiter.api.Test;

final class MetricPipelineTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  private final HostConfig config =
      new ConfigLoader(Map.of(), Path.of("/opt/nexus"))
          .parse(
              Path.of("/opt/nexus/conf/monitoring.yaml"),
              "metrics: {step: 10s}\ningest: {statsd: {enabled: false}}\nstorage: {type: memory}\n");

  /** Fails every append while {@code failing} is set; otherwise keeps history in memory. */
  private static final class FlakyStorage implements MetricStorage {
    private final InMemoryMetricStorage memory = new InMemoryMetricStorage();
    volatile boolean failing;

    @Override
    public void append(List<MetricAggregate> batch) {
      if (failing) {
        throw new MetricStorageException("disk full");
      }
      memory.append(batch);
    }

    @Override
    public List<MetricAggregate> read(QuerySpec query) {
      return memory.read(query);
    }

    @Override
    public List<MetricAggregate> readAll(String metricName, Instant from, Instant to) {
      return memory.readAll(metricName, from, to);
    }

    @Override
    public Map<String, MetricType> metrics() {
      return memory.metrics();
    }

    @Override
    public long rewrite(
        String metricName, Instant from, Instant to, List<MetricAggregate> replacement) {
      return memory.rewrite(metricName, from, to, replacement);
    }

    @Override
    public long deleteBefore(String metricName, Instant cutoff) {
      return memory.deleteBefore(metricName, cutoff);
    }

    volatile boolean closed;

    @Override
    public void close() {
      // The test still reads the history after the pipeline closed its storage.
      closed = true;
    }

    long size() {
      return memory.size();
    }
  }

  private static JsonIngest.Result push(MetricPipeline pipeline, String json) {
    return pipeline.ingest(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "default");
  }

  private static double sum(MetricPipeline pipeline, String metric) {
    AggregationResult result =
        pipeline.query(
            QuerySpec.builder(metric).between(T0.minusSeconds(3600), T0.plusSeconds(3600)).build(),
            AggregationSpec.of(AggregationFunction.SUM));
    return result.series().isEmpty() ? 0 : result.series().get(0).points().get(0).value();
  }

  @Test
  void pushedSamples_areStoredBeforeTheAnswer_andQueryable() {
    InMemoryMetricStorage storage = new InMemoryMetricStorage();
    MetricPipeline pipeline =
        new MetricPipeline(
            config, storage, "memory", new HostMetrics(), Clock.fixed(T0, ZoneOffset.UTC));

    JsonIngest.Result result =
        push(
            pipeline,
            "[{\"name\":\"jobs\",\"type\":\"counter\",\"value\":3,\"timestamp\":\""
                + T0
                + "\"},{\"name\":\"jobs\",\"type\":\"counter\",\"value\":-1}]");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.accepted()).hasSize(1);
    assertThat(result.rejected())
        .singleElement()
        .satisfies(r -> assertThat(r.index()).isEqualTo(1));
    assertThat(storage.size()).isEqualTo(1);
    assertThat(sum(pipeline, "jobs")).isEqualTo(3.0);
  }

  @Test
  void pushedSampleWhoseNameHasAnotherType_isRejectedAloneWithItsIndex() {
    InMemoryMetricStorage storage = new InMemoryMetricStorage();
    MetricPipeline pipeline =
        new MetricPipeline(
            config, storage, "memory", new HostMetrics(), Clock.fixed(T0, ZoneOffset.UTC));
    pipeline.tracker().gauge("temp", 21.5);

    JsonIngest.Result result =
        push(
            pipeline,
            "[{\"name\":\"jobs\",\"type\":\"nope\",\"value\":1},"
                + "{\"name\":\"temp\",\"type\":\"counter\",\"value\":1},"
                + "{\"name\":\"jobs\",\"type\":\"counter\",\"value\":2}]");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.accepted())
        .singleElement()
        .satisfies(m -> assertThat(m.name()).isEqualTo("jobs"));
    assertThat(result.rejected()).extracting(JsonIngest.Rejection::index).containsExactly(0, 1);
    assertThat(result.rejected().get(1).error()).contains("temp").contains("GAUGE");
    assertThat(storage.size()).isEqualTo(1);
  }

  @Test
  void typeKnownOnlyFromStoredHistory_isEnforcedAfterARestart() {
    InMemoryMetricStorage storage = new InMemoryMetricStorage();
    MetricPipeline before =
        new MetricPipeline(
            config, storage, "memory", new HostMetrics(), Clock.fixed(T0, ZoneOffset.UTC));
    push(before, "[{\"name\":\"h.two\",\"type\":\"counter\",\"value\":1}]");
    MetricPipeline after =
        new MetricPipeline(
            config, storage, "memory", new HostMetrics(), Clock.fixed(T0, ZoneOffset.UTC));

    JsonIngest.Result result =
        push(after, "[{\"name\":\"h.two\",\"type\":\"gauge\",\"value\":42}]");
    after.tracker().gauge("h.two", 7);
    after.flush();

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.rejected().get(0).error())
        .isEqualTo(
            "metric 'h.two' is a COUNTER in this host's history, not a GAUGE; a name keeps one"
                + " type, so use another name");
    assertThat(storage.metrics()).containsEntry("h.two", MetricType.COUNTER);
    assertThat(sum(after, "h.two")).isEqualTo(1.0);
  }

  @Test
  void sampleFarInTheFuture_isRejectedAloneAndTheRestStored() {
    InMemoryMetricStorage storage = new InMemoryMetricStorage();
    MetricPipeline pipeline =
        new MetricPipeline(
            config, storage, "memory", new HostMetrics(), Clock.fixed(T0, ZoneOffset.UTC));

    JsonIngest.Result result =
        push(
            pipeline,
            "[{\"name\":\"fut\",\"type\":\"gauge\",\"value\":1,"
                + "\"timestamp\":\"2100-01-01T00:00:00Z\"},"
                + "{\"name\":\"fut\",\"type\":\"gauge\",\"value\":2}]");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.index()).isZero();
              assertThat(r.error())
                  .startsWith("timestamp 2100-01-01T00:00:00Z is more than 1h ahead");
            });
    assertThat(storage.size()).isEqualTo(1);
  }

  @Test
  void trackerRecords_reachStorageAtTheStepFlush() {
    InMemoryMetricStorage storage = new InMemoryMetricStorage();
    MetricPipeline pipeline =
        new MetricPipeline(
            config,
            storage,
            "memory",
            new HostMetrics(),
            Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC));
    pipeline.tracker().increment("orders", 4, "region", "eu");

    pipeline.flush();

    assertThat(sum(pipeline, "orders")).isEqualTo(4.0);
  }

  @Test
  void whenStorageFails_aggregatesAreKeptAndStoredOnTheNextFlush() {
    FlakyStorage storage = new FlakyStorage();
    HostMetrics metrics = new HostMetrics();
    MetricPipeline pipeline =
        new MetricPipeline(
            config, storage, "flaky", metrics, Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC));
    pipeline.tracker().increment("orders", 2);
    storage.failing = true;

    pipeline.flush();
    storage.failing = false;
    pipeline.flush();

    assertThat(sum(pipeline, "orders")).isEqualTo(2.0);
    assertThat(metrics.snapshot())
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("metrics.flush.failures");
              assertThat(s.value()).isEqualTo(1.0);
            });
  }

  @Test
  void whenStorageFailsOnPush_theClientGets503AndNothingIsCountedTwice() {
    FlakyStorage storage = new FlakyStorage();
    storage.failing = true;
    MetricPipeline pipeline =
        new MetricPipeline(
            config, storage, "flaky", new HostMetrics(), Clock.fixed(T0, ZoneOffset.UTC));

    JsonIngest.Result result =
        push(pipeline, "[{\"name\":\"jobs\",\"type\":\"counter\",\"value\":3}]");

    assertThat(result.status()).isEqualTo(503);
    assertThat(result.error()).isEqualTo("storage 'flaky' failed: disk full");
    storage.failing = false;
    pipeline.flush();
    assertThat(storage.size()).isZero();
  }

  @Test
  void close_flushesTheUnfinishedStepThenClosesStorage() {
    FlakyStorage storage = new FlakyStorage();
    MetricPipeline pipeline =
        new MetricPipeline(
            config,
            storage,
            "memory",
            new HostMetrics(),
            Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC));
    pipeline.tracker().timing("latency", Duration.ofMillis(250));

    pipeline.close();

    assertThat(storage.closed).isTrue();
    assertThat(storage.readAll("latency", T0, T0.plusSeconds(20)))
        .singleElement()
        .satisfies(a -> assertThat(a.sum()).isEqualTo(0.25));
  }
}
