package nexus.monitoring.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import nexus.monitoring.api.AggregationFunction;
import nexus.monitoring.api.AggregationResult;
import nexus.monitoring.api.AggregationResult.Point;
import nexus.monitoring.api.AggregationResult.Series;
import nexus.monitoring.api.AggregationSpec;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricStorageException;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.api.UnsupportedAggregationException;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.runtime.telemetry.Sketches;
import org.junit.jupiter.api.Test;

final class QueryEngineTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final InMemoryMetricStorage storage = new InMemoryMetricStorage();
  private final QueryEngine engine = new QueryEngine(storage);

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static QuerySpec.Builder query(String metric, long fromSeconds, long toSeconds) {
    return QuerySpec.builder(metric).between(at(fromSeconds), at(toSeconds)).step(MINUTE);
  }

  private AggregationResult run(QuerySpec query, AggregationFunction function) {
    return engine.query(query, AggregationSpec.of(function));
  }

  /** The points of the only series. */
  private static Map<Instant, Double> single(AggregationResult result) {
    assertThat(result.series()).hasSize(1);
    Map<Instant, Double> points = new TreeMap<>();
    for (Point p : result.series().get(0).points()) {
      points.put(p.timestamp(), p.value());
    }
    return points;
  }

  /**
   * Two hosts record a timing: host a in 10 s steps, host b in one 30 s step per minute, over two
   * minutes. Returns the raw values per minute, as the test's own record of the truth.
   */
  private Map<Instant, List<Double>> recordTimingsFromTwoHosts() {
    Random random = new Random(7);
    Recorded hostA = Recorded.series("rpc.latency", MetricType.TIMING).tags("host", "a");
    Recorded hostB =
        Recorded.series("rpc.latency", MetricType.TIMING)
            .tags("host", "b")
            .step(Duration.ofSeconds(30));
    Map<Instant, List<Double>> truth = new TreeMap<>();
    List<MetricAggregate> batch = new ArrayList<>();
    for (int minute = 0; minute < 2; minute++) {
      List<Double> inMinute = truth.computeIfAbsent(at(minute * 60L), k -> new ArrayList<>());
      for (int step = 0; step < 6; step++) {
        double[] values = random.doubles(1 + random.nextInt(20), 0.001, 2.0).toArray();
        batch.add(hostA.at(at(minute * 60L + step * 10L), values));
        for (double v : values) {
          inMinute.add(v);
        }
      }
      double[] values = random.doubles(15, 0.5, 3.0).toArray();
      batch.add(hostB.at(at(minute * 60L + 20), values));
      for (double v : values) {
        inMinute.add(v);
      }
    }
    storage.append(batch);
    return truth;
  }

  @Test
  void avgSumMinMaxCountStddev_mergeStepsAndHostsOfOneBucket() {
    Map<Instant, List<Double>> truth = recordTimingsFromTwoHosts();
    QuerySpec q = query("rpc.latency", 0, 120).build();

    Map<Instant, Double> avg = single(run(q, AggregationFunction.AVG));
    Map<Instant, Double> sum = single(run(q, AggregationFunction.SUM));
    Map<Instant, Double> min = single(run(q, AggregationFunction.MIN));
    Map<Instant, Double> max = single(run(q, AggregationFunction.MAX));
    Map<Instant, Double> count = single(run(q, AggregationFunction.COUNT));
    Map<Instant, Double> stddev = single(run(q, AggregationFunction.STDDEV));

    assertThat(avg.keySet()).containsExactly(at(0), at(60));
    for (Map.Entry<Instant, List<Double>> bucket : truth.entrySet()) {
      List<Double> values = bucket.getValue();
      double total = 0;
      for (double v : values) {
        total += v;
      }
      double mean = total / values.size();
      double squaredDeviations = 0;
      for (double v : values) {
        squaredDeviations += (v - mean) * (v - mean);
      }
      Instant t = bucket.getKey();
      assertThat(avg.get(t)).isCloseTo(mean, within(1e-12));
      assertThat(sum.get(t)).isCloseTo(total, within(1e-9));
      assertThat(min.get(t)).isEqualTo(values.stream().mapToDouble(d -> d).min().orElseThrow());
      assertThat(max.get(t)).isEqualTo(values.stream().mapToDouble(d -> d).max().orElseThrow());
      assertThat(count.get(t)).isEqualTo(values.size());
      assertThat(stddev.get(t))
          .isCloseTo(Math.sqrt(squaredDeviations / values.size()), within(1e-9));
    }
  }

  @Test
  void stddev_ofOneValue_isExactlyZero() {
    storage.append(List.of(Recorded.series("temp", MetricType.GAUGE).at(at(0), 0.1)));

    assertThat(single(run(query("temp", 0, 60).build(), AggregationFunction.STDDEV)))
        .containsExactly(Map.entry(at(0), 0.0));
  }

  @Test
  void stddev_isThePopulationOne() {
    // Values 2, 4, 4, 4, 5, 5, 7, 9: population standard deviation 2 (the sample one is 2.138).
    Recorded gauge = Recorded.series("temp", MetricType.GAUGE);
    storage.append(List.of(gauge.at(at(0), 2, 4, 4, 4), gauge.at(at(10), 5, 5, 7, 9)));

    assertThat(single(run(query("temp", 0, 60).build(), AggregationFunction.STDDEV)).get(at(0)))
        .isCloseTo(2.0, within(1e-12));
  }

  @Test
  void rate_acrossACounterReset_countsTheIncreaseAfterTheDropFromZero() {
    // The process counts 10, 30, 30, then restarts and counts 20, 30, 30 within one minute.
    // Running totals at the end of each 10 s step: 100, 130, 160, 20, 50, 80.
    double[] totals = {100, 130, 160, 20, 50, 80};
    double[] increments = {10, 30, 30, 20, 30, 30};
    Recorded counter = Recorded.series("jobs.done", MetricType.COUNTER);
    List<MetricAggregate> batch = new ArrayList<>();
    double trueIncrease = 0;
    for (int i = 0; i < totals.length; i++) {
      batch.add(counter.total(totals[i]).at(at(i * 10L), increments[i]));
      trueIncrease += increments[i];
    }
    storage.append(batch);

    assertThat(single(run(query("jobs.done", 0, 60).build(), AggregationFunction.RATE)))
        .containsExactly(Map.entry(at(0), trueIncrease / 60));
    assertThat(trueIncrease / 60).isEqualTo(2.5);
  }

  /** What a source that reports only running totals stores: no count, no sum, the total. */
  private static MetricAggregate totalOnly(String host, long seconds, double runningTotal) {
    return new MetricAggregate(
        "jobs.done",
        MetricType.COUNTER,
        MetricTag.ofPairs("host", host),
        "default",
        at(seconds),
        Duration.ofSeconds(10),
        0,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        runningTotal,
        null,
        null);
  }

  @Test
  void rate_fromRunningTotalsAlone_usesTheirIncreasesAndTheDropAsAReset() {
    double[] totals = {100, 130, 160, 20, 50, 80};
    List<MetricAggregate> batch = new ArrayList<>();
    for (int i = 0; i < totals.length; i++) {
      batch.add(totalOnly("a", i * 10L, totals[i]));
    }
    storage.append(batch);

    // The first step has nothing before it in the bucket; then +30, +30, reset to 20, +30, +30.
    double expected = (30 + 30 + 20 + 30 + 30) / 60.0;
    assertThat(single(run(query("jobs.done", 0, 60).build(), AggregationFunction.RATE)))
        .containsExactly(Map.entry(at(0), expected));
  }

  @Test
  void rate_ofOneSeriesRecordedByTwoHosts_addsTheirIncreases_despiteInterleavedTotals() {
    // Two processes record the same series without a host tag; their running totals interleave.
    Recorded counter = Recorded.series("jobs.done", MetricType.COUNTER).tags("queue", "mail");
    storage.append(
        List.of(
            counter.total(1000).at(at(0), 10),
            counter.total(50).at(at(0), 5),
            counter.total(1010).at(at(10), 10),
            counter.total(60).at(at(10), 10),
            counter.total(1020).at(at(20), 10),
            counter.total(70).at(at(20), 10)));

    assertThat(single(run(query("jobs.done", 0, 60).build(), AggregationFunction.RATE)))
        .containsExactly(Map.entry(at(0), (10 + 5 + 10 + 10 + 10 + 10) / 60.0));
  }

  @Test
  void rate_withoutRunningTotals_addsTheIncreasesPerSecondOfEachBucket_lastBucketCutAtTo() {
    Recorded counter = Recorded.series("jobs.done", MetricType.COUNTER);
    storage.append(
        List.of(
            counter.at(at(0), 1, 1, 1),
            counter.at(at(50), 3),
            counter.at(at(60), 2, 2),
            counter.at(at(80), 5)));

    // Range [0, 90): the second bucket is 30 s long.
    assertThat(single(run(query("jobs.done", 0, 90).build(), AggregationFunction.RATE)))
        .containsExactly(Map.entry(at(0), 6 / 60.0), Map.entry(at(60), 9 / 30.0));
  }

  @Test
  void rate_fromRunningTotals_keepsEachSeriesApart() {
    storage.append(
        List.of(
            totalOnly("a", 0, 1000),
            totalOnly("b", 0, 5),
            totalOnly("a", 10, 1010),
            totalOnly("b", 10, 15),
            totalOnly("a", 20, 1030)));

    // In one sequence 1000 -> 5 would look like a reset; per series it is +10 +20 and +10.
    assertThat(single(run(query("jobs.done", 0, 60).build(), AggregationFunction.RATE)))
        .containsExactly(Map.entry(at(0), 40 / 60.0));
  }

  @Test
  void ewma_smoothsBucketMeansInTimeOrder_withTheGivenAlpha_skippingEmptyBuckets() {
    Recorded gauge = Recorded.series("queue.depth", MetricType.GAUGE);
    storage.append(
        List.of(
            gauge.at(at(0), 10, 20),
            gauge.at(at(70), 40),
            gauge.at(at(100), 50, 60, 70),
            gauge.at(at(190), 5)));
    double alpha = 0.3;

    AggregationResult result =
        engine.query(query("queue.depth", 0, 240).build(), AggregationSpec.ewma(alpha));

    double first = 15;
    double second = alpha * 55 + (1 - alpha) * first;
    double fourth = alpha * 5 + (1 - alpha) * second;
    assertThat(single(result))
        .containsExactly(
            Map.entry(at(0), first), Map.entry(at(60), second), Map.entry(at(180), fourth));
  }

  @Test
  void ewma_withAlphaOne_isTheBucketMean() {
    Recorded timing = Recorded.series("rpc.latency", MetricType.TIMING);
    storage.append(List.of(timing.at(at(0), 1, 2), timing.at(at(60), 4)));

    assertThat(single(engine.query(query("rpc.latency", 0, 120).build(), AggregationSpec.ewma(1))))
        .containsExactly(Map.entry(at(0), 1.5), Map.entry(at(60), 4.0));
  }

  @Test
  void percentiles_ofAGauge_areExactNearestRankOverTheLastValueOfEachStep() {
    Recorded gauge = Recorded.series("temp", MetricType.GAUGE);
    double[] lasts = {-3, 7, 1, 12, 4, 9, -1, 0, 5, 2};
    List<MetricAggregate> batch = new ArrayList<>();
    for (int i = 0; i < lasts.length; i++) {
      // Each step sets the gauge twice; only the value at its end counts.
      batch.add(gauge.at(at(i * 5L), 1000, lasts[i]));
    }
    storage.append(batch);
    QuerySpec q = query("temp", 0, 60).build();

    // Sorted: -3 -1 0 1 2 4 5 7 9 12; ranks ceil(0.5*10)=5, ceil(0.95*10)=10, ceil(0.99*10)=10.
    assertThat(single(run(q, AggregationFunction.P50)).get(at(0))).isEqualTo(2.0);
    assertThat(single(run(q, AggregationFunction.P95)).get(at(0))).isEqualTo(12.0);
    assertThat(single(run(q, AggregationFunction.P99)).get(at(0))).isEqualTo(12.0);
  }

  @Test
  void percentiles_ofSingleSamplesWithoutSketch_useTheirValues() {
    Recorded timing = Recorded.series("rpc.latency", MetricType.TIMING).withoutSketch();
    List<MetricAggregate> batch = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      batch.add(timing.at(at(0), i / 100.0));
    }
    storage.append(batch);

    double p95 =
        single(run(query("rpc.latency", 0, 60).build(), AggregationFunction.P95)).get(at(0));
    assertThat(p95).isCloseTo(0.95, within(0.95 * Sketches.RELATIVE_ERROR));
  }

  @Test
  void percentiles_ofAggregatesWithManyValuesAndNoSketch_areRefusedWithTheReason() {
    storage.append(
        List.of(
            Recorded.series("rpc.latency", MetricType.TIMING)
                .withoutSketch()
                .tags("host", "a")
                .at(at(10), 0.5, 1.5)));

    assertThatThrownBy(() -> run(query("rpc.latency", 0, 60).build(), AggregationFunction.P99))
        .isInstanceOf(UnsupportedAggregationException.class)
        .hasMessage(
            "aggregation P99 over 'rpc.latency' needs distribution sketches, but the aggregate of"
                + " [MetricTag[key=host, value=a]] at 2025-01-01T00:00:10Z holds 2 values from 0.5"
                + " to 1.5 without one; its source recorded no distribution");
  }

  @Test
  void percentiles_ofACounter_areRefusedWithTheReason() {
    storage.append(List.of(Recorded.series("jobs.done", MetricType.COUNTER).at(at(0), 1)));

    assertThatThrownBy(() -> run(query("jobs.done", 0, 60).build(), AggregationFunction.P99))
        .isInstanceOf(UnsupportedAggregationException.class)
        .hasMessage(
            "aggregation P99 over 'jobs.done' of type COUNTER is not supported; a counter keeps"
                + " increments, not their distribution: percentiles need a TIMING, HISTOGRAM or"
                + " GAUGE");
  }

  @Test
  void rate_ofAGauge_isRefusedWithTheReason_evenWhenTheRangeIsEmpty() {
    storage.append(List.of(Recorded.series("queue.depth", MetricType.GAUGE).at(at(0), 1)));

    assertThatThrownBy(() -> run(query("queue.depth", 0, 60).build(), AggregationFunction.RATE))
        .isInstanceOf(UnsupportedAggregationException.class)
        .hasMessage(
            "aggregation RATE over 'queue.depth' of type GAUGE is not supported; RATE needs a"
                + " COUNTER");
    assertThatThrownBy(
            () -> run(query("queue.depth", 3600, 3660).build(), AggregationFunction.RATE))
        .isInstanceOf(UnsupportedAggregationException.class);
  }

  @Test
  void rate_ofATiming_isRefusedWithTheReason() {
    storage.append(List.of(Recorded.series("rpc.latency", MetricType.TIMING).at(at(0), 1)));

    assertThatThrownBy(() -> run(query("rpc.latency", 0, 60).build(), AggregationFunction.RATE))
        .isInstanceOf(UnsupportedAggregationException.class)
        .hasMessage(
            "aggregation RATE over 'rpc.latency' of type TIMING is not supported; RATE needs a"
                + " COUNTER");
  }

  @Test
  void emptyRange_givesAResultWithoutSeries_forEveryFunction() {
    storage.append(List.of(Recorded.series("rpc.latency", MetricType.TIMING).at(at(0), 1)));
    QuerySpec later = query("rpc.latency", 3600, 7200).build();
    QuerySpec unknown = query("never.recorded", 0, 60).build();

    for (AggregationFunction function : AggregationFunction.values()) {
      if (function == AggregationFunction.RATE) {
        continue;
      }
      AggregationSpec spec =
          function == AggregationFunction.EWMA
              ? AggregationSpec.ewma(0.5)
              : AggregationSpec.of(function);
      assertThat(engine.query(later, spec).isEmpty()).as(function.name()).isTrue();
      assertThat(engine.query(unknown, spec).isEmpty()).as(function.name()).isTrue();
    }
    assertThat(run(unknown, AggregationFunction.RATE).series()).isEmpty();
  }

  @Test
  void bucketsWithoutValues_haveNoPoint() {
    Recorded gauge = Recorded.series("temp", MetricType.GAUGE);
    storage.append(List.of(gauge.at(at(0), 1), gauge.at(at(120), 3)));

    assertThat(single(run(query("temp", 0, 180).build(), AggregationFunction.AVG)).keySet())
        .containsExactly(at(0), at(120));
  }

  @Test
  void buckets_ofCenturiesLongRanges_areThoseQuerySpecDefines() {
    Instant end = Instant.parse("2400-01-01T00:00:00Z");
    Duration threeCenturies = Duration.ofDays(300 * 365);
    Recorded gauge = Recorded.series("temp", MetricType.GAUGE);
    Instant late = Instant.parse("2300-06-01T00:00:00Z");
    storage.append(List.of(gauge.at(Instant.EPOCH, 1), gauge.at(T0, 2), gauge.at(late, 3)));
    QuerySpec q =
        QuerySpec.builder("temp").between(Instant.EPOCH, end).step(threeCenturies).build();

    assertThat(single(run(q, AggregationFunction.SUM)))
        .containsExactly(
            Map.entry(Instant.EPOCH, 3.0), Map.entry(q.bucketStart(late).orElseThrow(), 3.0));
  }

  @Test
  void groupBy_splitsIntoSeries_andAMissingKeyGroupsUnderTheEmptyValue() {
    Recorded get = Recorded.series("http.requests", MetricType.COUNTER).tags("method", "GET");
    Recorded post = Recorded.series("http.requests", MetricType.COUNTER).tags("method", "POST");
    Recorded untagged = Recorded.series("http.requests", MetricType.COUNTER);
    Recorded getOtherHost =
        Recorded.series("http.requests", MetricType.COUNTER).tags("method", "GET", "host", "b");
    storage.append(
        List.of(
            get.at(at(0), 1, 1),
            getOtherHost.at(at(0), 1),
            post.at(at(10), 5),
            untagged.at(at(20), 7)));

    AggregationResult result =
        run(query("http.requests", 0, 60).groupBy("method").build(), AggregationFunction.SUM);

    Map<String, Double> byMethod = new TreeMap<>();
    for (Series s : result.series()) {
      assertThat(s.groupTags()).hasSize(1);
      byMethod.put(s.groupTags().get(0).value(), s.points().get(0).value());
    }
    assertThat(byMethod).isEqualTo(Map.of("", 7.0, "GET", 3.0, "POST", 5.0));
  }

  @Test
  void groupBy_twoKeys_givesOneSeriesPerCombination() {
    storage.append(
        List.of(
            Recorded.series("http.requests", MetricType.COUNTER)
                .tags("method", "GET", "status", "200")
                .at(at(0), 1),
            Recorded.series("http.requests", MetricType.COUNTER)
                .tags("method", "GET", "status", "500")
                .at(at(0), 2),
            Recorded.series("http.requests", MetricType.COUNTER)
                .tags("method", "GET", "status", "500", "host", "b")
                .at(at(0), 4)));

    AggregationResult result =
        run(
            query("http.requests", 0, 60).groupBy("status", "method").build(),
            AggregationFunction.COUNT);

    assertThat(result.series())
        .extracting(Series::groupTags)
        .containsExactly(
            MetricTag.ofPairs("method", "GET", "status", "200"),
            MetricTag.ofPairs("method", "GET", "status", "500"));
    assertThat(result.series().get(1).points()).containsExactly(new Point(at(0), 2));
  }

  @Test
  void tagFilters_keepOnlySeriesCarryingEveryFilterTag() {
    storage.append(
        List.of(
            Recorded.series("http.requests", MetricType.COUNTER)
                .tags("method", "GET", "status", "200")
                .at(at(0), 1),
            Recorded.series("http.requests", MetricType.COUNTER)
                .tags("method", "GET", "status", "500")
                .at(at(0), 20),
            Recorded.series("http.requests", MetricType.COUNTER)
                .tags("method", "POST", "status", "200")
                .at(at(0), 300),
            Recorded.series("http.requests", MetricType.COUNTER)
                .tags("method", "GET")
                .at(at(0), 4000)));

    QuerySpec q = query("http.requests", 0, 60).tag("method", "GET").tag("status", "200").build();

    assertThat(single(run(q, AggregationFunction.SUM))).containsExactly(Map.entry(at(0), 1.0));
  }

  @Test
  void tenants_areIsolated() {
    storage.append(
        List.of(
            Recorded.series("jobs.done", MetricType.COUNTER).tenant("acme").at(at(0), 1),
            Recorded.series("jobs.done", MetricType.COUNTER).tenant("globex").at(at(0), 100)));

    assertThat(
            single(run(query("jobs.done", 0, 60).tenant("acme").build(), AggregationFunction.SUM)))
        .containsExactly(Map.entry(at(0), 1.0));
    assertThat(run(query("jobs.done", 0, 60).build(), AggregationFunction.SUM).isEmpty()).isTrue();
  }

  @Test
  void aStorageReturningAnotherTenantsData_doesNotLeakItIntoTheResult() {
    MetricAggregate mine =
        Recorded.series("jobs.done", MetricType.COUNTER).tenant("acme").at(at(0), 1);
    MetricAggregate theirs =
        Recorded.series("jobs.done", MetricType.COUNTER).tenant("globex").at(at(0), 100);
    QueryEngine careless = new QueryEngine(new FixedStorage(List.of(mine, theirs)));

    AggregationResult result =
        careless.query(
            query("jobs.done", 0, 60).tenant("acme").build(),
            AggregationSpec.of(AggregationFunction.SUM));

    assertThat(single(result)).containsExactly(Map.entry(at(0), 1.0));
  }

  @Test
  void whenStorageThrows_theFailureNamesTheStorageAndTheRead() {
    QueryEngine failing = new QueryEngine(new FailingStorage());

    assertThatThrownBy(
            () ->
                failing.query(
                    query("jobs.done", 0, 60).build(), AggregationSpec.of(AggregationFunction.SUM)))
        .isInstanceOf(MetricStorageException.class)
        .hasMessage(
            "metric storage "
                + FailingStorage.class.getName()
                + " failed to read 'jobs.done' for tenant default:"
                + " java.lang.IllegalStateException: disk unplugged")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  /** A storage that returns the same aggregates for any read, ignoring the query. */
  private static final class FixedStorage extends ReadOnlyStorage {
    private final List<MetricAggregate> aggregates;

    FixedStorage(List<MetricAggregate> aggregates) {
      this.aggregates = aggregates;
    }

    @Override
    public List<MetricAggregate> read(QuerySpec query) {
      return aggregates;
    }
  }

  private static final class FailingStorage extends ReadOnlyStorage {
    @Override
    public List<MetricAggregate> read(QuerySpec query) {
      throw new IllegalStateException("disk unplugged");
    }
  }

  /** The part of a storage the engine does not use. */
  private abstract static class ReadOnlyStorage implements MetricStorage {
    @Override
    public void append(List<MetricAggregate> batch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<MetricAggregate> readAll(String metricName, Instant from, Instant to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, MetricType> metrics() {
      return Map.of();
    }

    @Override
    public long rewrite(
        String metricName, Instant from, Instant to, List<MetricAggregate> replacement) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long deleteBefore(String metricName, Instant cutoff) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
