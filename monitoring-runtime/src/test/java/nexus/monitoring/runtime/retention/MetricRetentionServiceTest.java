package nexus.monitoring.runtime.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nexus.monitoring.api.AggregationFunction;
import nexus.monitoring.api.AggregationResult;
import nexus.monitoring.api.AggregationSpec;
import nexus.monitoring.api.Exemplar;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricStorageException;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.PurgeResult;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.api.RetentionPolicy;
import nexus.monitoring.api.TraceContext;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.runtime.query.InMemoryMetricStorage;
import nexus.monitoring.runtime.query.QueryEngine;
import nexus.monitoring.runtime.telemetry.Sketches;
import org.junit.jupiter.api.Test;

final class MetricRetentionServiceTest {
  private static final Instant NOW = Instant.parse("2025-03-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final RetentionPolicy DOWNSAMPLE_AFTER_AN_HOUR =
      RetentionPolicy.of("rpc.*", Duration.ofDays(30))
          .withDownsampling(Duration.ofHours(1), FIVE_MINUTES);

  private final InMemoryMetricStorage storage = new InMemoryMetricStorage();

  private MetricRetentionService service(RetentionPolicy... policies) {
    return new MetricRetentionService(storage, List.of(policies), CLOCK);
  }

  private static Instant ago(Duration age) {
    return NOW.minus(age);
  }

  /** Everything stored, over every metric and tenant. */
  private List<MetricAggregate> everything() {
    List<MetricAggregate> all = new ArrayList<>();
    for (String metric : storage.metrics().keySet()) {
      all.addAll(storage.readAll(metric, Instant.EPOCH, NOW.plus(DAY)));
    }
    return all;
  }

  private static PurgeReport.MetricPurge entry(PurgeReport report, String metric) {
    return report.metrics().stream()
        .filter(m -> m.metricName().equals(metric))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no entry for " + metric + " in " + report));
  }

  private void recordAtAges(String metric, MetricType type, double... agesInDays) {
    List<MetricAggregate> batch = new ArrayList<>();
    for (double days : agesInDays) {
      Instant start = ago(Duration.ofSeconds((long) (days * DAY.toSeconds())));
      batch.add(Steps.of(metric, type).at(start, 1));
    }
    storage.append(batch);
  }

  @Test
  void purge_deletesWhatExpired_underTheFirstMatchingPolicy_thenTheDefault() {
    recordAtAges("http.requests", MetricType.COUNTER, 0.5, 1.5, 2.5, 3.5);
    recordAtAges("queue.depth", MetricType.GAUGE, 0.5, 1.5, 2.5, 3.5);
    recordAtAges("rpc.latency", MetricType.TIMING, 0.5, 1.5, 2.5, 3.5);
    RetentionPolicy http = RetentionPolicy.of("http.*", DAY);
    RetentionPolicy gauges =
        RetentionPolicy.of("*", DAY.multipliedBy(2)).withType(MetricType.GAUGE);
    RetentionPolicy fallback = RetentionPolicy.of("*", DAY.multipliedBy(3));
    MetricRetentionService retention =
        new MetricRetentionService(storage, List.of(http, gauges), CLOCK, fallback);

    PurgeReport report = retention.purge(false);

    assertThat(entry(report, "http.requests").deleted()).isEqualTo(3);
    assertThat(entry(report, "http.requests").policy()).isEqualTo(http);
    assertThat(entry(report, "queue.depth").deleted()).isEqualTo(2);
    assertThat(entry(report, "queue.depth").policy()).isEqualTo(gauges);
    assertThat(entry(report, "rpc.latency").deleted()).isEqualTo(1);
    assertThat(entry(report, "rpc.latency").policy()).isEqualTo(fallback);
    assertThat(report.total()).isEqualTo(new PurgeResult(6, 0));
    assertThat(report.failures()).isEmpty();
    assertThat(storage.size()).isEqualTo(12 - 6);
  }

  @Test
  void purge_keepsAMetricNoPolicyMatches() {
    recordAtAges("jobs.done", MetricType.COUNTER, 400);

    PurgeReport report = service(RetentionPolicy.of("http.*", DAY)).purge(false);

    assertThat(report.metrics()).isEmpty();
    assertThat(storage.size()).isEqualTo(1);
  }

  @Test
  void purge_keepsAnAggregateUntilItsWholeStepHasExpired() {
    Instant cutoff = ago(DAY);
    storage.append(
        List.of(
            Steps.of("http.requests", MetricType.COUNTER).at(cutoff.minusSeconds(10), 1),
            Steps.of("http.requests", MetricType.COUNTER).at(cutoff.minusSeconds(5), 1)));

    PurgeReport report = service(RetentionPolicy.of("*", DAY)).purge(false);

    assertThat(entry(report, "http.requests").deleted()).isEqualTo(1);
    assertThat(everything())
        .extracting(MetricAggregate::start)
        .containsExactly(cutoff.minusSeconds(5));
  }

  /** Two tenants record a timing in 10 s steps for two hours; returns the raw values per step. */
  private Map<MetricAggregate, double[]> recordTwoHoursOfTimings(long seed) {
    Random random = new Random(seed);
    Map<MetricAggregate, double[]> raw = new HashMap<>();
    List<MetricAggregate> batch = new ArrayList<>();
    for (String tenant : List.of("acme", "globex")) {
      Steps series = Steps.of("rpc.latency", MetricType.TIMING).tags("host", "a").tenant(tenant);
      for (int i = 0; i < 720; i++) {
        Instant start = ago(Duration.ofHours(2)).plusSeconds(i * 10L);
        double[] values = new double[1 + random.nextInt(40)];
        for (int v = 0; v < values.length; v++) {
          values[v] = Math.exp(Math.log(0.02) + 1.2 * random.nextGaussian());
        }
        Exemplar exemplar =
            i % 7 == 0
                ? new Exemplar(
                    values[0],
                    new TraceContext(String.format("%032x", i + 1), String.format("%016x", i + 1)),
                    start.plusSeconds(3))
                : null;
        MetricAggregate aggregate = series.at(start, Double.NaN, exemplar, values);
        raw.put(aggregate, values);
        batch.add(aggregate);
      }
    }
    storage.append(batch);
    return raw;
  }

  @Test
  void downsampling_mergesEachSeriesPerCoarseBucket_countsSumsExtremesAndExemplarsIncluded() {
    Map<MetricAggregate, double[]> raw = recordTwoHoursOfTimings(11);
    Instant downsampleBefore = ago(Duration.ofHours(1));

    PurgeReport report = service(DOWNSAMPLE_AFTER_AN_HOUR).purge(false);

    assertThat(entry(report, "rpc.latency").downsampled()).isEqualTo(2 * 360);
    assertThat(entry(report, "rpc.latency").downsampledInto()).isEqualTo(2 * 12);
    List<MetricAggregate> coarse = storage.readAll("rpc.latency", Instant.EPOCH, downsampleBefore);
    assertThat(coarse).hasSize(24);
    for (MetricAggregate merged : coarse) {
      assertThat(merged.step()).isEqualTo(FIVE_MINUTES);
      Instant end = merged.end();
      List<MetricAggregate> originals =
          raw.keySet().stream()
              .filter(a -> a.tenant().equals(merged.tenant()))
              .filter(a -> !a.start().isBefore(merged.start()) && a.start().isBefore(end))
              .sorted((x, y) -> x.start().compareTo(y.start()))
              .toList();
      assertThat(originals).hasSize(30);
      double[] values =
          originals.stream().flatMapToDouble(a -> Arrays.stream(raw.get(a))).toArray();
      double sum = 0;
      double sumOfSquares = 0;
      for (double v : values) {
        sum += v;
        sumOfSquares += v * v;
      }
      assertThat(merged.count()).isEqualTo(values.length);
      assertThat(merged.sum()).isCloseTo(sum, within(1e-9));
      assertThat(merged.sumOfSquares()).isCloseTo(sumOfSquares, within(1e-9));
      assertThat(merged.min()).isEqualTo(Arrays.stream(values).min().orElseThrow());
      assertThat(merged.max()).isEqualTo(Arrays.stream(values).max().orElseThrow());
      assertThat(Sketches.decode(merged.sketch()).getTotalCount()).isEqualTo(values.length);
      Exemplar latest = null;
      for (MetricAggregate original : originals) {
        latest = original.exemplar() == null ? latest : original.exemplar();
      }
      assertThat(merged.exemplar()).isEqualTo(latest);
    }
    assertThat(storage.readAll("rpc.latency", downsampleBefore, NOW)).hasSize(2 * 360);
  }

  @Test
  void downsampling_keepsP99WithinTheSketchError_perBucketAndOverTheWholeRange() {
    Map<MetricAggregate, double[]> raw = recordTwoHoursOfTimings(23);
    QueryEngine engine = new QueryEngine(storage);
    AggregationSpec p99 = AggregationSpec.of(AggregationFunction.P99);
    QuerySpec oldHour =
        QuerySpec.builder("rpc.latency")
            .between(ago(Duration.ofHours(2)), ago(Duration.ofHours(1)))
            .tenant("acme")
            .build();
    QuerySpec perFiveMinutes =
        QuerySpec.builder("rpc.latency")
            .between(ago(Duration.ofHours(2)), ago(Duration.ofHours(1)))
            .step(FIVE_MINUTES)
            .tenant("acme")
            .build();
    double wholeBefore = engine.query(oldHour, p99).series().get(0).points().get(0).value();
    AggregationResult perBucketBefore = engine.query(perFiveMinutes, p99);

    service(DOWNSAMPLE_AFTER_AN_HOUR).purge(false);

    double wholeAfter = engine.query(oldHour, p99).series().get(0).points().get(0).value();
    AggregationResult perBucketAfter = engine.query(perFiveMinutes, p99);
    assertThat(storage.readAll("rpc.latency", oldHour.from(), oldHour.to())).hasSize(24);
    assertThat(Math.abs(wholeAfter - wholeBefore))
        .isLessThanOrEqualTo(Sketches.RELATIVE_ERROR * wholeBefore);
    double[] exact =
        raw.entrySet().stream()
            .filter(e -> e.getKey().tenant().equals("acme"))
            .filter(e -> e.getKey().start().isBefore(oldHour.to()))
            .flatMapToDouble(e -> Arrays.stream(e.getValue()))
            .sorted()
            .toArray();
    double exactP99 = exact[(int) Math.ceil(0.99 * exact.length) - 1];
    assertThat(Math.abs(wholeAfter - exactP99))
        .isLessThanOrEqualTo(Sketches.RELATIVE_ERROR * exactP99);
    List<AggregationResult.Point> before = perBucketBefore.series().get(0).points();
    List<AggregationResult.Point> after = perBucketAfter.series().get(0).points();
    assertThat(after).hasSize(12).hasSameSizeAs(before);
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i).timestamp()).isEqualTo(before.get(i).timestamp());
      assertThat(Math.abs(after.get(i).value() - before.get(i).value()))
          .isLessThanOrEqualTo(Sketches.RELATIVE_ERROR * before.get(i).value());
    }
  }

  @Test
  void downsampling_stepsTooFarApartForOneSketch_mergeKeepingEveryObservation() {
    Instant bucket = ago(Duration.ofHours(2));
    Steps wide = Steps.of("rpc.wide", MetricType.HISTOGRAM);
    storage.append(
        List.of(
            wide.at(bucket, 0.000001),
            wide.at(bucket.plusSeconds(10), 9.96e11),
            wide.at(bucket.plusSeconds(20), 0)));

    PurgeReport report = service(DOWNSAMPLE_AFTER_AN_HOUR).purge(false);

    assertThat(report.failures()).isEmpty();
    assertThat(entry(report, "rpc.wide").downsampledInto()).isEqualTo(1);
    MetricAggregate merged = storage.readAll("rpc.wide", Instant.EPOCH, NOW).get(0);
    assertThat(merged.count()).isEqualTo(3);
    assertThat(merged.min()).isZero();
    assertThat(merged.max()).isEqualTo(9.96e11);
    assertThat(Sketches.decode(merged.sketch()).getTotalCount()).isEqualTo(3);
  }

  @Test
  void downsampling_aCounterWithAResetInsideACoarseStep_keepsItsRate() {
    Random random = new Random(5);
    Steps counter = Steps.of("rpc.calls", MetricType.COUNTER);
    List<MetricAggregate> batch = new ArrayList<>();
    double total = 5000;
    double trueIncrease = 0;
    for (int i = 0; i < 360; i++) {
      double increment = random.nextInt(10);
      // The process restarts at step 200, in the middle of a 5 minute bucket.
      total = i == 200 ? increment : total + increment;
      trueIncrease += increment;
      Instant start = ago(Duration.ofHours(2)).plusSeconds(i * 10L);
      batch.add(counter.at(start, total, null, increment));
    }
    storage.append(batch);
    QueryEngine engine = new QueryEngine(storage);
    QuerySpec oldHour =
        QuerySpec.builder("rpc.calls")
            .between(ago(Duration.ofHours(2)), ago(Duration.ofHours(1)))
            .build();
    AggregationSpec rate = AggregationSpec.of(AggregationFunction.RATE);
    double before = engine.query(oldHour, rate).series().get(0).points().get(0).value();

    service(DOWNSAMPLE_AFTER_AN_HOUR).purge(false);

    double after = engine.query(oldHour, rate).series().get(0).points().get(0).value();
    assertThat(before).isEqualTo(trueIncrease / 3600);
    assertThat(after).isEqualTo(before);
    assertThat(storage.readAll("rpc.calls", oldHour.from(), oldHour.to()))
        .hasSize(12)
        .last()
        .extracting(MetricAggregate::last)
        .isEqualTo(total);
  }

  @Test
  void downsampling_aGauge_keepsTheLatestKnownLastValue() {
    Steps gauge = Steps.of("rpc.queue", MetricType.GAUGE);
    Instant bucket = ago(Duration.ofHours(3));
    storage.append(
        List.of(
            gauge.at(bucket, 4, 9, 7),
            gauge.at(bucket.plusSeconds(10), -2, 3),
            gauge.at(bucket.plusSeconds(20))));

    service(DOWNSAMPLE_AFTER_AN_HOUR).purge(false);

    MetricAggregate merged = storage.readAll("rpc.queue", Instant.EPOCH, NOW).get(0);
    assertThat(merged.count()).isEqualTo(5);
    assertThat(merged.min()).isEqualTo(-2);
    assertThat(merged.max()).isEqualTo(9);
    assertThat(merged.last()).isEqualTo(3);
    assertThat(merged.sketch()).isNull();
  }

  @Test
  void downsampling_leavesAggregatesCoarserThanItsStepAlone() {
    MetricAggregate hourly =
        Steps.of("rpc.calls", MetricType.COUNTER)
            .step(Duration.ofHours(1))
            .at(ago(Duration.ofHours(5)), 1, 2, 3);
    storage.append(List.of(hourly));

    PurgeReport report = service(DOWNSAMPLE_AFTER_AN_HOUR).purge(false);

    assertThat(entry(report, "rpc.calls").downsampled()).isZero();
    assertThat(everything()).containsExactly(hourly);
  }

  private static MetricAggregate withSketchAndSum(MetricAggregate a, byte[] sketch, double sum) {
    return new MetricAggregate(
        a.name(),
        a.type(),
        a.tags(),
        a.tenant(),
        a.start(),
        a.step(),
        a.count(),
        sum,
        a.sumOfSquares(),
        a.min(),
        a.max(),
        a.last(),
        sketch,
        a.exemplar());
  }

  @Test
  void downsampling_keepsAGroupAsItIs_whenMergingWouldLoseItsDistribution() {
    Steps timing = Steps.of("rpc.latency", MetricType.TIMING);
    Instant bucket = ago(Duration.ofHours(3));
    MetricAggregate sketched = timing.at(bucket, 0.1, 0.2);
    MetricAggregate bare = timing.at(bucket.plusSeconds(10), 0.3, 0.9);
    MetricAggregate unsketched = withSketchAndSum(bare, null, bare.sum());
    storage.append(List.of(sketched, unsketched));
    MetricRetentionService retention = service(DOWNSAMPLE_AFTER_AN_HOUR);

    PurgeReport first = retention.purge(false);
    PurgeReport second = retention.purge(false);

    assertThat(first.changedAnything()).isFalse();
    assertThat(second.changedAnything()).isFalse();
    assertThat(everything()).containsExactlyInAnyOrder(sketched, unsketched);
  }

  @Test
  void downsampling_aCounterReportingRunningTotalsOnly_keepsItsSumUnknown() {
    Steps counter = Steps.of("rpc.calls", MetricType.COUNTER);
    Instant bucket = ago(Duration.ofHours(3));
    List<MetricAggregate> batch = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      MetricAggregate step = counter.at(bucket.plusSeconds(i * 10L), 100 + i, null);
      batch.add(withSketchAndSum(step, null, Double.NaN));
    }
    storage.append(batch);

    service(DOWNSAMPLE_AFTER_AN_HOUR).purge(false);

    assertThat(everything())
        .singleElement()
        .satisfies(
            merged -> {
              assertThat(merged.sum()).isNaN();
              assertThat(merged.last()).isEqualTo(102);
              assertThat(merged.step()).isEqualTo(FIVE_MINUTES);
            });
  }

  @Test
  void dryRun_reportsWhatARealPassDoes_andChangesNothing() {
    recordTwoHoursOfTimings(3);
    recordAtAges("rpc.latency", MetricType.TIMING, 40, 41);
    recordAtAges("http.requests", MetricType.COUNTER, 0.5, 1.5, 2.5);
    MetricRetentionService retention =
        service(DOWNSAMPLE_AFTER_AN_HOUR, RetentionPolicy.of("http.*", DAY));
    List<MetricAggregate> before = everything();

    PurgeReport dry = retention.purge(true);

    assertThat(dry.dryRun()).isTrue();
    assertThat(everything()).containsExactlyInAnyOrderElementsOf(before);
    PurgeReport real = retention.purge(false);
    assertThat(dry.metrics()).isEqualTo(real.metrics());
    assertThat(dry.total()).isEqualTo(new PurgeResult(2 + 2, 720));
    assertThat(dry.summary())
        .isEqualTo(
            "would delete 4 and would downsample 720 aggregates of 2 metrics (http.requests:"
                + " deleted 2, downsampled 0 into 0; rpc.latency: deleted 2, downsampled 720 into"
                + " 24)");
  }

  @Test
  void aSecondPass_changesNothing() {
    recordTwoHoursOfTimings(8);
    recordAtAges("rpc.latency", MetricType.TIMING, 40);
    MetricRetentionService retention = service(DOWNSAMPLE_AFTER_AN_HOUR);
    retention.purge(false);
    List<MetricAggregate> afterFirst = everything();

    PurgeReport second = retention.purge(false);

    assertThat(second.changedAnything()).isFalse();
    assertThat(second.total()).isEqualTo(PurgeResult.NONE);
    assertThat(everything()).containsExactlyInAnyOrderElementsOf(afterFirst);
  }

  @Test
  void lateDataInADownsampledBucket_mergesIntoItsCoarseAggregateOnTheNextPass() {
    Steps timing = Steps.of("rpc.latency", MetricType.TIMING);
    Instant bucket = ago(Duration.ofHours(3));
    storage.append(List.of(timing.at(bucket, 0.1), timing.at(bucket.plusSeconds(10), 0.2)));
    MetricRetentionService retention = service(DOWNSAMPLE_AFTER_AN_HOUR);
    retention.purge(false);

    storage.append(List.of(timing.at(bucket.plusSeconds(20), 0.3)));
    PurgeReport report = retention.purge(false);

    assertThat(entry(report, "rpc.latency").downsampled()).isEqualTo(2);
    assertThat(entry(report, "rpc.latency").downsampledInto()).isEqualTo(1);
    assertThat(everything())
        .singleElement()
        .satisfies(
            merged -> {
              assertThat(merged.start()).isEqualTo(bucket);
              assertThat(merged.count()).isEqualTo(3);
              assertThat(merged.max()).isEqualTo(0.3);
            });
  }

  @Test
  void whenTheStorageFailsOnOneMetric_thePassReportsItAndPurgesTheOthers() {
    recordAtAges("http.requests", MetricType.COUNTER, 5);
    recordAtAges("http.errors", MetricType.COUNTER, 5);
    MetricStorage failingOnErrors =
        new DelegatingStorage(storage) {
          @Override
          public long deleteBefore(String metricName, Instant cutoff) {
            if (metricName.equals("http.errors")) {
              throw new MetricStorageException("storage 'test' cannot delete: disk is read-only");
            }
            return super.deleteBefore(metricName, cutoff);
          }
        };
    MetricRetentionService retention =
        new MetricRetentionService(
            failingOnErrors, List.of(RetentionPolicy.of("*", DAY)), CLOCK, null);

    PurgeReport report = retention.purge(false);

    assertThat(report.failures())
        .containsExactly(
            new PurgeReport.Failure(
                "http.errors", "storage 'test' cannot delete: disk is read-only"));
    assertThat(entry(report, "http.requests").deleted()).isEqualTo(1);
  }

  @Test
  void whenTheStorageCannotListMetrics_purgeThrowsNamingTheStorage() {
    MetricStorage broken =
        new DelegatingStorage(storage) {
          @Override
          public Map<String, MetricType> metrics() {
            throw new IllegalStateException("connection reset");
          }
        };
    MetricRetentionService retention =
        new MetricRetentionService(broken, List.of(RetentionPolicy.of("*", DAY)), CLOCK);

    assertThatThrownBy(() -> retention.purge(true))
        .isInstanceOf(MetricStorageException.class)
        .hasMessageContaining("failed to list metrics: java.lang.IllegalStateException")
        .hasMessageContaining(broken.getClass().getName());
  }

  @Test
  void whenAScheduledPassFails_theScheduleKeepsRunning() throws Exception {
    recordAtAges("http.requests", MetricType.COUNTER, 5);
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch purgedAfterFailures = new CountDownLatch(1);
    MetricStorage flaky =
        new DelegatingStorage(storage) {
          @Override
          public Map<String, MetricType> metrics() {
            if (attempts.incrementAndGet() <= 2) {
              throw new MetricStorageException("storage 'test' is not reachable");
            }
            return super.metrics();
          }

          @Override
          public long deleteBefore(String metricName, Instant cutoff) {
            long deleted = super.deleteBefore(metricName, cutoff);
            purgedAfterFailures.countDown();
            return deleted;
          }
        };
    MetricRetentionService retention =
        new MetricRetentionService(flaky, List.of(RetentionPolicy.of("*", DAY)), CLOCK);
    ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);
    try {
      ScheduledFuture<?> schedule = retention.start(scheduler, Duration.ofMillis(20));

      assertThat(purgedAfterFailures.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
      assertThat(schedule.isDone()).isFalse();
      assertThat(storage.size()).isZero();
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void start_refusesANonPositiveInterval() {
    ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);
    try {
      assertThatThrownBy(() -> service().start(scheduler, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("retention interval PT0S is invalid; expected a positive duration");
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** Passes every call to another storage; tests override the calls they break. */
  private static class DelegatingStorage implements MetricStorage {
    private final MetricStorage delegate;

    DelegatingStorage(MetricStorage delegate) {
      this.delegate = delegate;
    }

    @Override
    public void append(List<MetricAggregate> batch) {
      delegate.append(batch);
    }

    @Override
    public List<MetricAggregate> read(QuerySpec query) {
      return delegate.read(query);
    }

    @Override
    public List<MetricAggregate> readAll(String metricName, Instant from, Instant to) {
      return delegate.readAll(metricName, from, to);
    }

    @Override
    public Map<String, MetricType> metrics() {
      return delegate.metrics();
    }

    @Override
    public long rewrite(
        String metricName, Instant from, Instant to, List<MetricAggregate> replacement) {
      return delegate.rewrite(metricName, from, to, replacement);
    }

    @Override
    public long deleteBefore(String metricName, Instant cutoff) {
      return delegate.deleteBefore(metricName, cutoff);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
