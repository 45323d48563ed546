package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class MetricTest {

  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void builder_defaults_defaultTenantNoTraceNow() {
    Instant before = Instant.now();

    Metric metric = Metric.builder("jobs.done", MetricType.COUNTER).value(1).build();

    assertThat(metric.tenant()).isEqualTo(Tenants.DEFAULT);
    assertThat(metric.trace()).isEmpty();
    assertThat(metric.tags()).isEmpty();
    assertThat(metric.timestamp()).isBetween(before, Instant.now());
  }

  @Test
  void metric_tags_sortedAndFoundByKey() {
    Metric metric =
        Metric.builder("http.server.requests", MetricType.COUNTER)
            .tag("status", "200")
            .tags(Map.of("method", "GET"))
            .timestamp(T)
            .build();

    assertThat(metric.tags())
        .containsExactly(MetricTag.of("method", "GET"), MetricTag.of("status", "200"));
    assertThat(metric.tag("method")).contains("GET");
    assertThat(metric.tag("route")).isEmpty();
  }

  @Test
  void metric_negativeCounter_rejectedNamingField() {
    assertThatThrownBy(() -> Metric.builder("jobs.done", MetricType.COUNTER).value(-1).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "metric 'jobs.done' of type COUNTER has negative value -1.0; only gauges may be"
                + " negative");
  }

  @Test
  void metric_negativeTiming_rejected() {
    assertThatThrownBy(() -> Metric.builder("db.query", MetricType.TIMING).value(-0.5).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageContaining("of type TIMING has negative value -0.5");
  }

  @Test
  void metric_negativeGauge_accepted() {
    assertThat(Metric.builder("temperature", MetricType.GAUGE).value(-12.5).build().value())
        .isEqualTo(-12.5);
  }

  @Test
  void metric_nan_rejected() {
    assertThatThrownBy(
            () -> Metric.builder("temperature", MetricType.GAUGE).value(Double.NaN).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("metric 'temperature' has value NaN; expected a finite number");
  }

  @Test
  void metric_infinity_rejected() {
    assertThatThrownBy(
            () ->
                Metric.builder("temperature", MetricType.GAUGE)
                    .value(Double.POSITIVE_INFINITY)
                    .build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("metric 'temperature' has value Infinity; expected a finite number");
  }

  @Test
  void metric_noType_rejected() {
    assertThatThrownBy(() -> Metric.builder("x", null).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("metric 'x' has no type");
  }

  @Test
  void metric_timestampBeforeEpoch_rejected() {
    Instant early = Instant.parse("1969-12-31T23:59:59Z");

    assertThatThrownBy(() -> Metric.builder("x", MetricType.GAUGE).timestamp(early).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("metric 'x' has timestamp 1969-12-31T23:59:59Z before 1970-01-01T00:00:00Z");
  }

  @Test
  void metric_nullTimestamp_rejected() {
    assertThatThrownBy(() -> Metric.builder("x", MetricType.GAUGE).timestamp(null).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("metric 'x' has no timestamp");
  }

  @Test
  void metric_invalidName_rejected() {
    assertThatThrownBy(() -> Metric.builder("1abc", MetricType.GAUGE).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageStartingWith("metric name '1abc' is invalid");
  }

  @Test
  void metric_invalidTenant_rejected() {
    assertThatThrownBy(() -> Metric.builder("x", MetricType.GAUGE).tenant("a b").build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageStartingWith("tenant 'a b' is invalid");
  }

  @Test
  void metric_duplicateTagKey_rejected() {
    assertThatThrownBy(
            () -> Metric.builder("x", MetricType.GAUGE).tag("env", "a").tag("env", "b").build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("tag key 'env' appears twice, with values 'a' and 'b'");
  }

  @Test
  void metric_traceContext_keptAsExemplarSource() {
    TraceContext trace = new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");

    Metric metric = new Metric("x", MetricType.HISTOGRAM, 3, List.of(), T, "acme", trace);

    assertThat(metric.trace()).contains(trace);
    assertThat(metric.tenant()).isEqualTo("acme");
  }
}
