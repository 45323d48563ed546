package nexus.monitoring.plugin.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The parser the exporter tests rely on must itself refuse what Prometheus would refuse. */
final class StrictExpositionParserTest {

  @Test
  void parse_validExposition_returnsFamilies() {
    var parsed =
        StrictExpositionParser.parse(
            """
            # HELP a_total Things \\\\ done\\n
            # TYPE a_total counter
            a_total{k="v \\"q\\""} 1
            # a comment
            # TYPE s summary
            s{quantile="0.5"} NaN
            s_sum 2
            s_count 3
            """);

    assertThat(parsed.families()).hasSize(2);
    assertThat(parsed.family("a_total").help()).isEqualTo("Things \\ done\n");
    assertThat(parsed.family("a_total").samples().get(0).labels()).containsEntry("k", "v \"q\"");
    assertThat(parsed.comments()).containsExactly("# a comment");
  }

  @Test
  void parse_sampleWithoutType_isRejected() {
    assertRejected("x 1\n", "outside a family declared with TYPE");
  }

  @Test
  void parse_secondType_isRejected() {
    assertRejected("# TYPE x gauge\n# TYPE x gauge\nx 1\n", "second TYPE");
  }

  @Test
  void parse_familySplitInTwo_isRejected() {
    assertRejected(
        "# TYPE x gauge\nx{a=\"1\"} 1\n# TYPE y gauge\ny 1\n# TYPE x gauge\nx{a=\"2\"} 1\n",
        "appears in two places");
  }

  @Test
  void parse_sampleOfOtherFamily_isRejected() {
    assertRejected("# TYPE x gauge\nx 1\ny 1\n", "does not belong to gauge family x");
  }

  @Test
  void parse_duplicateSeries_isRejected() {
    assertRejected(
        "# TYPE x gauge\nx{a=\"1\",b=\"2\"} 1\nx{b=\"2\",a=\"1\"} 2\n", "duplicate series");
  }

  @Test
  void parse_badEscapeInLabelValue_isRejected() {
    assertRejected("# TYPE x gauge\nx{a=\"\\t\"} 1\n", "invalid escape");
  }

  @Test
  void parse_escapedQuoteInHelp_isRejected() {
    assertRejected("# HELP x say \\\"hi\\\"\n# TYPE x gauge\nx 1\n", "escaped quote in HELP");
  }

  @Test
  void parse_invalidLabelName_isRejected() {
    assertRejected("# TYPE x gauge\nx{a.b=\"1\"} 1\n", "invalid label name");
    assertRejected("# TYPE x gauge\nx{__a=\"1\"} 1\n", "invalid label name");
  }

  @Test
  void parse_invalidValue_isRejected() {
    assertRejected("# TYPE x gauge\nx 1,5\n", "invalid value");
  }

  @Test
  void parse_summarySampleNameTakenByGauge_isRejected() {
    assertRejected(
        "# TYPE s summary\ns_sum 1\ns_count 1\n# TYPE s_sum gauge\ns_sum 1\n",
        "already belongs to family s");
  }

  @Test
  void parse_missingFinalLineFeed_isRejected() {
    assertThatThrownBy(() -> StrictExpositionParser.parse("# TYPE x gauge\nx 1"))
        .hasMessageContaining("does not end with a line feed");
  }

  private static void assertRejected(String text, String problem) {
    assertThatThrownBy(() -> StrictExpositionParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }
}
