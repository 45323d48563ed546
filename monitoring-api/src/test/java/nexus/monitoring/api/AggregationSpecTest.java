package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

final class AggregationSpecTest {

  @ParameterizedTest
  @EnumSource(value = AggregationFunction.class, names = "EWMA", mode = EnumSource.Mode.EXCLUDE)
  void of_everyFunctionButEwma_hasNoAlpha(AggregationFunction function) {
    AggregationSpec spec = AggregationSpec.of(function);

    assertThat(spec.function()).isEqualTo(function);
    assertThat(spec.hasAlpha()).isFalse();
    assertThat(spec.alpha()).isNaN();
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 1.0, Double.MIN_VALUE})
  void ewma_alphaInZeroExclusiveToOneInclusive_accepted(double alpha) {
    AggregationSpec spec = AggregationSpec.ewma(alpha);

    assertThat(spec.hasAlpha()).isTrue();
    assertThat(spec.alpha()).isEqualTo(alpha);
  }

  @Test
  void ewma_withoutAlpha_rejectedAsUnsupported() {
    assertThatThrownBy(() -> AggregationSpec.of(AggregationFunction.EWMA))
        .isInstanceOf(UnsupportedAggregationException.class)
        .hasMessage("aggregation EWMA needs a smoothing factor alpha in (0, 1]; none was given");
  }

  @Test
  void ewma_alphaZero_rejectedQuotingValue() {
    assertThatThrownBy(() -> AggregationSpec.ewma(0.0))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("aggregation EWMA has alpha 0.0; expected a number in (0, 1]");
  }

  @Test
  void ewma_alphaAboveOneOrInfinite_rejected() {
    assertThatThrownBy(() -> AggregationSpec.ewma(1.5))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("aggregation EWMA has alpha 1.5; expected a number in (0, 1]");
    assertThatThrownBy(() -> AggregationSpec.ewma(Double.POSITIVE_INFINITY))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("aggregation EWMA has alpha Infinity; expected a number in (0, 1]");
  }

  @Test
  void alpha_onOtherFunction_rejectedNotIgnored() {
    assertThatThrownBy(() -> new AggregationSpec(AggregationFunction.AVG, 0.3))
        .isInstanceOf(UnsupportedAggregationException.class)
        .hasMessage(
            "aggregation AVG takes no smoothing factor, but alpha 0.3 was given; only EWMA uses"
                + " alpha");
  }

  @Test
  void spec_noFunction_rejected() {
    assertThatThrownBy(() -> new AggregationSpec(null, AggregationSpec.NO_ALPHA))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("aggregation needs a function");
  }

  @Test
  void requireApplicableTo_rateOverGauge_rejectedNamingMetricAndType() {
    AggregationSpec rate = AggregationSpec.of(AggregationFunction.RATE);

    assertThatThrownBy(() -> rate.requireApplicableTo("queue.depth", MetricType.GAUGE))
        .isInstanceOf(UnsupportedAggregationException.class)
        .hasMessage(
            "aggregation RATE over 'queue.depth' of type GAUGE is not supported; RATE needs a"
                + " COUNTER");
  }

  @Test
  void requireApplicableTo_rateOverCounterAndP99OverGauge_accepted() {
    assertThatCode(
            () ->
                AggregationSpec.of(AggregationFunction.RATE)
                    .requireApplicableTo("jobs.done", MetricType.COUNTER))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                AggregationSpec.of(AggregationFunction.P99)
                    .requireApplicableTo("queue.depth", MetricType.GAUGE))
        .doesNotThrowAnyException();
  }

  @Test
  void toString_showsAlphaOnlyForEwma() {
    assertThat(AggregationSpec.ewma(0.5)).hasToString("EWMA(alpha=0.5)");
    assertThat(AggregationSpec.of(AggregationFunction.P95)).hasToString("P95");
  }
}
