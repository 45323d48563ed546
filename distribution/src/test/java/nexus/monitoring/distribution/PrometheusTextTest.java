package nexus.monitoring.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The launch tests trust this reader to reject bad scrapes; these tests hold it to that. */
final class PrometheusTextTest {
  private static final String VALID =
      """
      # HELP requests_total Requests served, by "path"; a backslash \\\\ and\\na line feed
      # TYPE requests_total counter
      requests_total{path="/a\\"b\\\\c\\nd",code="200"} 3 1700000000000
      requests_total{path="/"} 1.5e3
      # just a comment
      # HELP latency_seconds Latency
      # TYPE latency_seconds histogram
      latency_seconds_bucket{le="0.1"} 1
      latency_seconds_bucket{le="+Inf"} 2
      latency_seconds_sum 0.3
      latency_seconds_count 2
      # HELP temperature Temperature
      # TYPE temperature gauge
      temperature NaN
      temperature{room="b"} -Inf
      """;

  @Test
  void parse_wellFormedScrape_readsFamiliesSamplesAndEscapedLabels() {
    Map<String, PrometheusText.Family> families = PrometheusText.parse(VALID);

    assertThat(families).containsOnlyKeys("requests_total", "latency_seconds", "temperature");
    PrometheusText.Family requests = families.get("requests_total");
    assertThat(requests.type()).isEqualTo("counter");
    assertThat(requests.samples()).hasSize(2);
    assertThat(requests.samples().get(0).labels())
        .containsExactly(Map.entry("path", "/a\"b\\c\nd"), Map.entry("code", "200"));
    assertThat(requests.samples().get(1).value()).isEqualTo(1500.0);
    assertThat(families.get("latency_seconds").samples()).hasSize(4);
    assertThat(families.get("temperature").samples().get(0).value()).isNaN();
  }

  /** Broken scrapes, written with the escapes the test turns into line feeds and quotes. */
  static Stream<Arguments> malformedScrapes() {
    return Stream.of(
        Arguments.of(
            "sample without TYPE",
            "# HELP a A\\na 1\\n",
            "line 2: sample of a family without TYPE: a 1"),
        Arguments.of(
            "family without HELP", "# TYPE a gauge\\na 1\\n", "line 0: family without HELP: a"),
        Arguments.of(
            "TYPE after samples",
            "# HELP a A\\n# TYPE b gauge\\n# HELP b B\\nb 1\\n# TYPE b gauge\\n",
            "line 5: TYPE after samples of b: # TYPE b gauge"),
        Arguments.of(
            "family split in two groups",
            "# HELP a A\\n# TYPE a gauge\\na 1\\n"
                + "# HELP b B\\n# TYPE b gauge\\nb 1\\na{x=\"1\"} 2\\n",
            "line 7: lines of a are not in one group: a{x=\"1\"} 2"),
        Arguments.of(
            "duplicate series",
            "# HELP a A\\n# TYPE a gauge\\na{x=\"1\"} 1\\na{x=\"1\"} 2\\n",
            "line 4: duplicate series: a{x=\"1\"} 2"),
        Arguments.of(
            "invalid escape in label",
            "# HELP a A\\n# TYPE a gauge\\na{x=\"\\t\"} 1\\n",
            "line 3: invalid escape \\t: a{x=\"\\t\"} 1"),
        Arguments.of(
            "unquoted label value",
            "# HELP a A\\n# TYPE a gauge\\na{x=1} 1\\n",
            "line 3: label value is not quoted: a{x=1} 1"),
        Arguments.of(
            "Java-only float syntax",
            "# HELP a A\\n# TYPE a gauge\\na 1.0f\\n",
            "line 3: expected a value and an optional timestamp: a 1.0f"),
        Arguments.of(
            "two spaces before the value",
            "# HELP a A\\n# TYPE a gauge\\na  1\\n",
            "line 3: expected a value and an optional timestamp: a  1"),
        Arguments.of(
            "negative counter",
            "# HELP a A\\n# TYPE a counter\\na -1\\n",
            "line 3: negative counter: a -1"),
        Arguments.of(
            "unknown TYPE", "# HELP a A\\n# TYPE a thing\\n", "line 2: TYPE must be one of"),
        Arguments.of(
            "no final line feed",
            "# HELP a A\\n# TYPE a gauge\\na 1",
            "line 0: the scrape does not end with a line feed: a 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedScrapes")
  void parse_malformedScrape_isRejectedNamingTheLine(String problem, String text, String message) {
    String scrape = text.replace("\\n", "\n").replace("\\\"", "\"");

    assertThatThrownBy(() -> PrometheusText.parse(scrape))
        .as(problem)
        .isInstanceOf(PrometheusText.FormatException.class)
        .message()
        .startsWith(message.replace("\\\"", "\""));
  }
}
