package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricType;
import org.HdrHistogram.DoubleHistogram;
import org.junit.jupiter.api.Test;

final class SketchesTest {
  private static DoubleHistogram sketchOf(double... values) {
    DoubleHistogram sketch = Sketches.empty();
    for (double value : values) {
      sketch.recordValue(value);
    }
    return sketch;
  }

  @Test
  void merge_sketchesThatFitOneRange_addsExactlyAsHdrHistogramDoes() {
    DoubleHistogram target = sketchOf(0.001, 0.5, 2, 40);
    DoubleHistogram source = sketchOf(0, 0.003, 7, 900);
    DoubleHistogram expected = sketchOf(0.001, 0.5, 2, 40);
    expected.add(source);

    Sketches.Merged merged = Sketches.merge(target, source);

    assertThat(merged.folded()).isZero();
    assertThat(merged.sketch()).isSameAs(target).isEqualTo(expected);
  }

  @Test
  void merge_sketchesTooFarApart_keepsTheCountAndTheRangeOfTheLargestValues() {
    DoubleHistogram target = sketchOf(0.000001);
    DoubleHistogram source = sketchOf(1e12, 0);

    Sketches.Merged merged = Sketches.merge(target, source);

    DoubleHistogram sketch = merged.sketch();
    assertThat(merged.folded()).isEqualTo(1);
    assertThat(sketch.getTotalCount()).isEqualTo(3);
    assertThat(sketch.getMaxValue()).isCloseTo(1e12, within(Sketches.RELATIVE_ERROR * 1e12));
    // The tiny value counts at the smallest kept value, so ranks stay right: P100 is the large
    // value, and the folded observation sits between the zero and it.
    assertThat(sketch.getValueAtPercentile(100))
        .isCloseTo(1e12, within(Sketches.RELATIVE_ERROR * 1e12));
    assertThat(sketch.getValueAtPercentile(0)).isZero();
    assertThat(Sketches.decode(Sketches.encode(sketch)).getTotalCount()).isEqualTo(3);
  }

  @Test
  void merge_inEitherOrder_keepsTheLargeValuesAndAddsLaterFittingSketchesExactly() {
    DoubleHistogram small = sketchOf(0.000001, 0.000002);
    DoubleHistogram large = sketchOf(1e12, 3e12, 5e12);

    Sketches.Merged smallFirst =
        Sketches.merge(Sketches.merge(Sketches.empty(), small).sketch(), large);
    Sketches.Merged largeFirst =
        Sketches.merge(Sketches.merge(Sketches.empty(), large).sketch(), small);

    assertThat(smallFirst.folded()).isEqualTo(2);
    assertThat(largeFirst.folded()).isEqualTo(2);
    for (double percent : new double[] {0, 40, 50, 99, 100}) {
      assertThat(smallFirst.sketch().getValueAtPercentile(percent))
          .as("P%s", percent)
          .isEqualTo(largeFirst.sketch().getValueAtPercentile(percent));
    }
    assertThat(smallFirst.sketch().getTotalCount()).isEqualTo(5);
    assertThat(smallFirst.sketch().getValueAtPercentile(99))
        .isCloseTo(5e12, within(Sketches.RELATIVE_ERROR * 5e12));
    DoubleHistogram thenMore = Sketches.merge(smallFirst.sketch(), sketchOf(1e12, 2e12)).sketch();
    assertThat(thenMore.getTotalCount()).isEqualTo(7);
    assertThat(thenMore.getValueAtPercentile(50))
        .isCloseTo(1e12, within(Sketches.RELATIVE_ERROR * 1e12));
    assertThat(thenMore.getValueAtPercentile(80))
        .isCloseTo(3e12, within(Sketches.RELATIVE_ERROR * 3e12));
  }

  @Test
  void merge_withAMetricName_foldsByTheSameRule() {
    DoubleHistogram merged = Sketches.merge(sketchOf(0.000001), sketchOf(1e12), "rv.wide", "test");

    assertThat(merged.getTotalCount()).isEqualTo(2);
    assertThat(merged.getValueAtPercentile(0))
        .isCloseTo(1e12, within(Sketches.RELATIVE_ERROR * 1e12));
  }

  @Test
  void aStepsValuesTooFarApart_areFoldedByTheMergeRule_soEveryObservationIsInTheSketch() {
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    DistributionState state =
        new DistributionState(
            new SeriesKey("default", "rv.wide", List.of()), MetricType.HISTOGRAM, t0);
    state.record(0.000001);
    state.record(1e12);
    state.record(0);

    MetricAggregate step = state.drain(t0, Duration.ofSeconds(10), false);

    assertThat(step.count()).isEqualTo(3);
    assertThat(step.min()).isZero();
    assertThat(step.max()).isEqualTo(1e12);
    DoubleHistogram sketch = Sketches.decode(step.sketch());
    assertThat(sketch.getTotalCount()).isEqualTo(3);
    assertThat(sketch.getValueAtPercentile(100))
        .isCloseTo(1e12, within(Sketches.RELATIVE_ERROR * 1e12));
  }
}
