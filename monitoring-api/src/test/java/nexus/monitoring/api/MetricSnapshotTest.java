package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class MetricSnapshotTest {

  private static final MetricSnapshot.Distribution DIST =
      new MetricSnapshot.Distribution(3, 0.6, 0.1, 0.3, Map.of(0.99, 0.3, 0.5, 0.2));

  @Test
  void of_counter_defaultTenantNoDistribution() {
    MetricSnapshot snapshot =
        MetricSnapshot.of(
            "jobs.done", MetricType.COUNTER, "Jobs done", "", List.of(MetricTag.of("q", "a")), 7);

    assertThat(snapshot.tenant()).isEqualTo(Tenants.DEFAULT);
    assertThat(snapshot.distribution()).isNull();
    assertThat(snapshot.value()).isEqualTo(7);
  }

  @Test
  void snapshot_timingWithoutDistribution_rejected() {
    assertThatThrownBy(
            () -> MetricSnapshot.of("db.query", MetricType.TIMING, "", "seconds", List.of(), 1))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("snapshot of TIMING 'db.query' needs a distribution");
  }

  @Test
  void snapshot_gaugeWithDistribution_rejected() {
    assertThatThrownBy(
            () ->
                new MetricSnapshot(
                    "g", MetricType.GAUGE, "", "", List.of(), "default", 1, DIST, null))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("snapshot of GAUGE 'g' must not carry a distribution");
  }

  @Test
  void snapshot_nullDescription_rejected() {
    assertThatThrownBy(() -> MetricSnapshot.of("g", MetricType.GAUGE, null, "", List.of(), 1))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("snapshot of 'g' needs a description and a unit (use \"\" for none)");
  }

  @Test
  void distribution_quantiles_sortedAscending() {
    assertThat(DIST.quantiles().keySet()).containsExactly(0.5, 0.99);
  }

  @Test
  void distribution_quantileOutsideZeroToOne_rejected() {
    assertThatThrownBy(() -> new MetricSnapshot.Distribution(1, 1, 1, 1, Map.of(1.5, 1.0)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("distribution quantile 1.5 is outside 0..1");
  }

  @Test
  void distribution_negativeCount_rejected() {
    assertThatThrownBy(() -> new MetricSnapshot.Distribution(-1, 0, 0, 0, Map.of()))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("distribution count -1 is negative");
  }
}
