package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class EnumsTest {

  @Test
  void aggregationFunction_allElevenInDocumentedOrder() {
    assertThat(AggregationFunction.values())
        .extracting(Enum::name)
        .containsExactly(
            "AVG", "SUM", "MIN", "MAX", "COUNT", "P50", "P95", "P99", "STDDEV", "RATE", "EWMA");
  }

  @Test
  void aggregationFunction_quantile_onlyForPercentiles() {
    assertThat(AggregationFunction.P50.quantile()).isEqualTo(0.50);
    assertThat(AggregationFunction.P95.quantile()).isEqualTo(0.95);
    assertThat(AggregationFunction.P99.quantile()).isEqualTo(0.99);
    assertThat(AggregationFunction.AVG.quantile()).isNaN();
    assertThat(AggregationFunction.EWMA.quantile()).isNaN();
  }

  @Test
  void alertSeverity_worst_takesTheMoreSevere() {
    assertThat(AlertSeverity.INFO.worst(AlertSeverity.CRITICAL)).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(AlertSeverity.CRITICAL.worst(AlertSeverity.WARNING))
        .isEqualTo(AlertSeverity.CRITICAL);
    assertThat(AlertSeverity.values())
        .containsExactly(AlertSeverity.INFO, AlertSeverity.WARNING, AlertSeverity.CRITICAL);
  }

  @Test
  void metricType_isDistribution_onlyForTimingAndHistogram() {
    assertThat(MetricType.TIMING.isDistribution()).isTrue();
    assertThat(MetricType.HISTOGRAM.isDistribution()).isTrue();
    assertThat(MetricType.COUNTER.isDistribution()).isFalse();
    assertThat(MetricType.GAUGE.isDistribution()).isFalse();
  }

  @Test
  void alertStatus_firingThenResolved() {
    assertThat(AlertStatus.values()).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
  }
}
