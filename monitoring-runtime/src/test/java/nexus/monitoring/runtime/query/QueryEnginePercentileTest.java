package nexus.monitoring.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import nexus.monitoring.api.AggregationFunction;
import nexus.monitoring.api.AggregationResult;
import nexus.monitoring.api.AggregationSpec;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.runtime.telemetry.Sketches;
import org.junit.jupiter.api.Test;

/**
 * Percentiles from merged sketches against exact percentiles of the same values, on skewed data
 * spread over many steps and two hosts.
 */
final class QueryEnginePercentileTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final int STEPS = 60;
  private static final int VALUES_PER_STEP_AND_HOST = 500;

  private final InMemoryMetricStorage storage = new InMemoryMetricStorage();
  private final QueryEngine engine = new QueryEngine(storage);

  /** The exact nearest-rank percentile: the value at rank ceil(p/100 * n) of the sorted values. */
  private static double exactPercentile(double[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** Records values from {@code source} in 10 s steps from two hosts; returns them all, sorted. */
  private double[] record(String metric, MetricType type, DoubleSupplier source) {
    List<double[]> perStep = recordPerStep(metric, type, source);
    double[] all = new double[0];
    for (double[] step : perStep) {
      all = concat(all, step);
    }
    Arrays.sort(all);
    return all;
  }

  /** Records like {@link #record}; returns the values of each step, both hosts together. */
  private List<double[]> recordPerStep(String metric, MetricType type, DoubleSupplier source) {
    List<MetricAggregate> batch = new ArrayList<>();
    List<double[]> perStep = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      perStep.add(new double[0]);
    }
    for (String host : List.of("a", "b")) {
      Recorded series = Recorded.series(metric, type).tags("host", host);
      for (int step = 0; step < STEPS; step++) {
        double[] values = new double[VALUES_PER_STEP_AND_HOST];
        for (int i = 0; i < values.length; i++) {
          values[i] = source.getAsDouble();
        }
        perStep.set(step, concat(perStep.get(step), values));
        batch.add(series.at(T0.plusSeconds(step * 10L), values));
      }
    }
    storage.append(batch);
    return perStep;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private double percentileOverTheWholeRange(String metric, AggregationFunction function) {
    QuerySpec tenMinutes =
        QuerySpec.builder(metric).between(T0, T0.plus(Duration.ofMinutes(10))).build();
    AggregationResult result = engine.query(tenMinutes, AggregationSpec.of(function));
    assertThat(result.series()).hasSize(1);
    assertThat(result.series().get(0).points()).hasSize(1);
    return result.series().get(0).points().get(0).value();
  }

  private void assertWithinSketchError(String metric, double[] sorted) {
    int[] percents = {50, 95, 99};
    AggregationFunction[] functions = {
      AggregationFunction.P50, AggregationFunction.P95, AggregationFunction.P99
    };
    for (int i = 0; i < percents.length; i++) {
      double exact = exactPercentile(sorted, percents[i]);
      double fromSketches = percentileOverTheWholeRange(metric, functions[i]);
      assertThat(Math.abs(fromSketches - exact))
          .as("%s: P%d from sketches %s, exact %s", metric, percents[i], fromSketches, exact)
          .isLessThanOrEqualTo(Sketches.RELATIVE_ERROR * exact);
    }
  }

  @Test
  void percentiles_ofLognormalTimings_areWithinTheSketchErrorOfTheExactOnes() {
    Random random = new Random(20250101);
    // Median about 50 ms, a long right tail: P99 is about ten times the median.
    double[] sorted =
        record(
            "rpc.latency",
            MetricType.TIMING,
            () -> Math.exp(Math.log(0.05) + random.nextGaussian()));

    assertWithinSketchError("rpc.latency", sorted);
    assertThat(exactPercentile(sorted, 99) / exactPercentile(sorted, 50)).isGreaterThan(5);
  }

  @Test
  void percentiles_ofBimodalHistogram_areWithinTheSketchErrorOfTheExactOnes() {
    Random random = new Random(99);
    // 90% fast answers around 2 ms, 10% slow ones around 800 ms: P50 in one mode, P95 in the other.
    double[] sorted =
        record(
            "payload.size",
            MetricType.HISTOGRAM,
            () ->
                random.nextDouble() < 0.9
                    ? Math.abs(0.002 + 0.0003 * random.nextGaussian())
                    : Math.abs(0.8 + 0.1 * random.nextGaussian()));

    assertWithinSketchError("payload.size", sorted);
    assertThat(exactPercentile(sorted, 50)).isLessThan(0.01);
    assertThat(exactPercentile(sorted, 95)).isGreaterThan(0.5);
  }

  @Test
  void percentiles_overStepsTooFarApartForOneSketch_answerWithTheLargeValuesRange() {
    Recorded series = Recorded.series("rv.wide", MetricType.HISTOGRAM);
    storage.append(
        List.of(
            series.at(T0, 0.000001),
            series.at(T0.plusSeconds(10), 1e12),
            series.at(T0.plusSeconds(20), 1e12, 2e12)));

    double p50 = percentileOverTheWholeRange("rv.wide", AggregationFunction.P50);
    double p99 = percentileOverTheWholeRange("rv.wide", AggregationFunction.P99);

    assertThat(p50).isCloseTo(1e12, within(Sketches.RELATIVE_ERROR * 1e12));
    assertThat(p99).isCloseTo(2e12, within(Sketches.RELATIVE_ERROR * 2e12));
  }

  @Test
  void percentiles_perBucket_mergeOnlyThatBucketsSketches() {
    Random random = new Random(3);
    List<double[]> perStep =
        recordPerStep(
            "rpc.latency", MetricType.TIMING, () -> Math.exp(-4 + 1.5 * random.nextGaussian()));
    QuerySpec perMinute =
        QuerySpec.builder("rpc.latency")
            .between(T0, T0.plus(Duration.ofMinutes(10)))
            .step(Duration.ofMinutes(1))
            .build();

    AggregationResult result = engine.query(perMinute, AggregationSpec.of(AggregationFunction.P99));

    List<AggregationResult.Point> points = result.series().get(0).points();
    assertThat(points).hasSize(10);
    for (int minute = 0; minute < 10; minute++) {
      double[] inMinute = new double[0];
      for (int step = minute * 6; step < minute * 6 + 6; step++) {
        inMinute = concat(inMinute, perStep.get(step));
      }
      Arrays.sort(inMinute);
      double exact = exactPercentile(inMinute, 99);
      assertThat(points.get(minute).timestamp()).isEqualTo(T0.plusSeconds(minute * 60L));
      assertThat(Math.abs(points.get(minute).value() - exact))
          .isLessThanOrEqualTo(Sketches.RELATIVE_ERROR * exact);
    }
  }
}
