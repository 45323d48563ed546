package nexus.monitoring.plugin.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import nexus.monitoring.api.MetricType;
import org.junit.jupiter.api.Test;

final class PrometheusNamesTest {

  @Test
  void metricName_dotsBecomeUnderscores_colonsStay() {
    assertThat(PrometheusNames.metricName("http.server.requests"))
        .isEqualTo("http_server_requests");
    assertThat(PrometheusNames.metricName("job:errors:rate5m")).isEqualTo("job:errors:rate5m");
  }

  @Test
  void metricName_anyOtherCharacter_becomesUnderscore() {
    assertThat(PrometheusNames.metricName("a-b/c é☃")).isEqualTo("a_b_c___");
  }

  @Test
  void metricName_leadingDigit_getsUnderscorePrefix() {
    assertThat(PrometheusNames.metricName("5xx.count")).isEqualTo("_5xx_count");
  }

  @Test
  void labelName_dotsAndColons_becomeUnderscores() {
    assertThat(PrometheusNames.labelName("http.route")).isEqualTo("http_route");
    assertThat(PrometheusNames.labelName("k8s:pod")).isEqualTo("k8s_pod");
    assertThat(PrometheusNames.labelName("plain_name")).isEqualTo("plain_name");
  }

  @Test
  void labelName_reservedDoubleUnderscore_getsTagPrefix() {
    assertThat(PrometheusNames.labelName("__name__")).isEqualTo("tag__name__");
    assertThat(PrometheusNames.labelName(":_hidden")).isEqualTo("tag__hidden");
    assertThat(PrometheusNames.labelName(".hidden")).isEqualTo("_hidden");
  }

  @Test
  void labelName_leadingDigit_getsUnderscorePrefix() {
    assertThat(PrometheusNames.labelName("1st")).isEqualTo("_1st");
  }

  @Test
  void familyName_counter_addsTotalOnce() {
    assertThat(PrometheusNames.familyName("jobs.done", MetricType.COUNTER))
        .isEqualTo("jobs_done_total");
    assertThat(PrometheusNames.familyName("jobs_total", MetricType.COUNTER))
        .isEqualTo("jobs_total");
    assertThat(PrometheusNames.familyName("jobs.total", MetricType.COUNTER))
        .isEqualTo("jobs_total");
  }

  @Test
  void familyName_timing_addsSecondsOnce() {
    assertThat(PrometheusNames.familyName("rpc.latency", MetricType.TIMING))
        .isEqualTo("rpc_latency_seconds");
    assertThat(PrometheusNames.familyName("rpc.latency.seconds", MetricType.TIMING))
        .isEqualTo("rpc_latency_seconds");
  }

  @Test
  void familyName_gaugeAndHistogram_keepTranslatedName() {
    assertThat(PrometheusNames.familyName("queue.depth", MetricType.GAUGE))
        .isEqualTo("queue_depth");
    assertThat(PrometheusNames.familyName("payload.bytes", MetricType.HISTOGRAM))
        .isEqualTo("payload_bytes");
  }
}
