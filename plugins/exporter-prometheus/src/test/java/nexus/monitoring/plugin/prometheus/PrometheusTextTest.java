package nexus.monitoring.plugin.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class PrometheusTextTest {

  @Test
  void value_nonFinite_usesGoSpelling() {
    assertThat(PrometheusText.value(Double.NaN)).isEqualTo("NaN");
    assertThat(PrometheusText.value(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(PrometheusText.value(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }

  @Test
  void value_integral_hasNoFraction() {
    assertThat(PrometheusText.value(42)).isEqualTo("42");
    assertThat(PrometheusText.value(-0.0)).isEqualTo("0");
    assertThat(PrometheusText.value(-7)).isEqualTo("-7");
  }

  @Test
  void value_fractionalOrHuge_roundTrips() {
    assertThat(PrometheusText.value(0.1)).isEqualTo("0.1");
    assertThat(PrometheusText.value(1e20)).isEqualTo("1.0E20");
    assertThat(Double.parseDouble(PrometheusText.value(1.234e-9))).isEqualTo(1.234e-9);
  }

  @Test
  void quantile_isPlainDecimalWithoutTrailingZeros() {
    assertThat(PrometheusText.quantile(0.5)).isEqualTo("0.5");
    assertThat(PrometheusText.quantile(0.999)).isEqualTo("0.999");
    assertThat(PrometheusText.quantile(1.0)).isEqualTo("1");
    assertThat(PrometheusText.quantile(0.0)).isEqualTo("0");
    assertThat(PrometheusText.quantile(0.0001)).isEqualTo("0.0001");
  }

  @Test
  void escapeLabelValue_escapesBackslashQuoteAndNewline() {
    assertThat(PrometheusText.escapeLabelValue("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
  }

  @Test
  void escapeHelp_leavesQuotes() {
    assertThat(PrometheusText.escapeHelp("a\\b\"c\nd")).isEqualTo("a\\\\b\"c\\nd");
  }

  @Test
  void escape_plainText_returnsSameString() {
    String text = "Zürich ☃";

    assertThat(PrometheusText.escapeLabelValue(text)).isSameAs(text);
  }
}
