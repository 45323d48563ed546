package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class MetricNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"http_requests_total", "http.server.request.duration", "a:b", "A1", "x"})
  void isValid_prometheusAndOpenTelemetryNames_accepted(String name) {
    assertThat(MetricNames.isValid(name)).isTrue();
    assertThat(MetricNames.requireValid("metric name", name)).isSameAs(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1abc", "_x", "a-b", "", "a b", "é", ".a", "a/b"})
  void isValid_badNames_rejected(String name) {
    assertThat(MetricNames.isValid(name)).isFalse();
  }

  @Test
  void isValid_null_rejected() {
    assertThat(MetricNames.isValid(null)).isFalse();
  }

  @Test
  void isValid_200Characters_acceptedAnd201Rejected() {
    assertThat(MetricNames.isValid("a".repeat(200))).isTrue();
    assertThat(MetricNames.isValid("a".repeat(201))).isFalse();
  }

  @Test
  void requireValid_badName_messageNamesFieldValueAndRule() {
    assertThatThrownBy(() -> MetricNames.requireValid("metric name", "1abc"))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "metric name '1abc' is invalid: expected an ASCII letter followed by letters, digits,"
                + " '_', '.' or ':', at most 200 characters");
  }

  @Test
  void requireValid_null_messageNamesField() {
    assertThatThrownBy(() -> MetricNames.requireValid("tag key", null))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("tag key must not be null");
  }
}
