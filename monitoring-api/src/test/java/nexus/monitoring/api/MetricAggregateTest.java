package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class MetricAggregateTest {
  private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

  private static MetricAggregate aggregate(long count, Duration step, byte[] sketch) {
    return new MetricAggregate(
        "latency",
        MetricType.TIMING,
        List.of(),
        Tenants.DEFAULT,
        T,
        step,
        count,
        1,
        1,
        1,
        1,
        Double.NaN,
        sketch,
        null);
  }

  @Test
  void of_pushedCounterSample_isOneIncreaseWithUnknownTotal() {
    Metric sample = Metric.builder("jobs", MetricType.COUNTER).value(3).timestamp(T).build();

    MetricAggregate a = MetricAggregate.of(sample, Duration.ofSeconds(10));

    assertThat(a.count()).isEqualTo(1);
    assertThat(a.sum()).isEqualTo(3);
    assertThat(a.sumOfSquares()).isEqualTo(9);
    assertThat(a.last()).isNaN();
    assertThat(a.end()).isEqualTo(T.plusSeconds(10));
  }

  @Test
  void of_tracedGaugeSample_keepsItsExemplarAndLastValue() {
    TraceContext trace = new TraceContext("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");
    Metric sample =
        Metric.builder("temp", MetricType.GAUGE).value(-4).timestamp(T).trace(trace).build();

    MetricAggregate a = MetricAggregate.of(sample, Duration.ofSeconds(1));

    assertThat(a.last()).isEqualTo(-4);
    assertThat(a.exemplar()).isEqualTo(new Exemplar(-4, trace, T));
  }

  @Test
  void constructor_negativeCount_isRejectedNamingTheValue() {
    assertThatThrownBy(() -> aggregate(-1, Duration.ofSeconds(1), null))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("aggregate of 'latency' has count -1; expected zero or more");
  }

  @Test
  void constructor_zeroStep_isRejected() {
    assertThatThrownBy(() -> aggregate(1, Duration.ZERO, null))
        .hasMessage("aggregate of 'latency' has step PT0S; expected a positive duration");
  }

  @Test
  void sketch_isCopiedInAndOut() {
    byte[] bytes = {1, 2, 3};
    MetricAggregate a = aggregate(1, Duration.ofSeconds(1), bytes);
    bytes[0] = 9;
    a.sketch()[1] = 9;

    assertThat(a.sketch()).containsExactly(1, 2, 3);
    assertThat(a).isEqualTo(aggregate(1, Duration.ofSeconds(1), new byte[] {1, 2, 3}));
  }
}
