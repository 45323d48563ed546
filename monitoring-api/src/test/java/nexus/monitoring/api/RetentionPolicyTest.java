package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class RetentionPolicyTest {

  private static final Instant NOW = Instant.parse("2025-03-31T00:00:00Z");

  @ParameterizedTest
  @CsvSource({
    "http.*, http.server.requests, true",
    "http.*, https.requests, false",
    "http.*, http, false",
    "*, anything.at:all, true",
    "*_total, http_requests_total, true",
    "*_total, http_requests_total_x, false",
    "a?c, abc, true",
    "a?c, ac, false",
    "a*b*c, aXXbYYc, true",
    "a*b*c, abc, true",
    "a*b*c, acb, false",
    "jvm.memory.used, jvm.memory.used, true",
    "jvm.memory.used, jvm.memory.used.max, false"
  })
  void matches_globOverMetricNames(String pattern, String name, boolean expected) {
    assertThat(RetentionPolicy.of(pattern, Duration.ofDays(1)).matches(name, MetricType.GAUGE))
        .isEqualTo(expected);
  }

  @Test
  void withType_restrictsToThatType() {
    RetentionPolicy gauges =
        RetentionPolicy.of("*", Duration.ofDays(30)).withType(MetricType.GAUGE);

    assertThat(gauges.matches("queue.depth", MetricType.GAUGE)).isTrue();
    assertThat(gauges.matches("queue.depth", MetricType.COUNTER)).isFalse();
    assertThat(gauges.type()).contains(MetricType.GAUGE);
    assertThat(RetentionPolicy.of("*", Duration.ofDays(1)).type()).isEmpty();
  }

  @Test
  void expiresBefore_isNowMinusRetention() {
    RetentionPolicy policy = RetentionPolicy.of("*", Duration.ofDays(30));

    assertThat(policy.expiresBefore(NOW)).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    assertThat(policy.isDownsampling()).isFalse();
    assertThat(policy.downsamplesBefore(NOW)).isEmpty();
  }

  @Test
  void withDownsampling_cutoffIsNowMinusAfter() {
    RetentionPolicy policy =
        RetentionPolicy.of("http.*", Duration.ofDays(90))
            .withDownsampling(Duration.ofDays(7), Duration.ofMinutes(5));

    assertThat(policy.isDownsampling()).isTrue();
    assertThat(policy.downsamplesBefore(NOW)).contains(Instant.parse("2025-03-24T00:00:00Z"));
    assertThat(policy.downsampleStep()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void firstMatch_firstMatchingPolicyInOrderWins() {
    RetentionPolicy http = RetentionPolicy.of("http.*", Duration.ofDays(90));
    RetentionPolicy all = RetentionPolicy.of("*", Duration.ofDays(7));
    List<RetentionPolicy> policies = List.of(http, all);

    assertThat(RetentionPolicy.firstMatch(policies, "http.server.requests", MetricType.COUNTER))
        .contains(http);
    assertThat(RetentionPolicy.firstMatch(policies, "jvm.threads", MetricType.GAUGE)).contains(all);
    assertThat(RetentionPolicy.firstMatch(List.of(http), "jvm.threads", MetricType.GAUGE))
        .isEmpty();
  }

  @Test
  void policy_zeroRetention_rejected() {
    assertThatThrownBy(() -> RetentionPolicy.of("http.*", Duration.ZERO))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("retention policy 'http.*' has retention PT0S; expected a positive duration");
  }

  @Test
  void policy_negativeRetention_rejected() {
    assertThatThrownBy(() -> RetentionPolicy.of("http.*", Duration.ofDays(-1)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("retention policy 'http.*' has retention PT-24H; expected a positive duration");
  }

  @Test
  void policy_downsampleAfterWithoutStep_rejected() {
    assertThatThrownBy(
            () ->
                new RetentionPolicy("http.*", null, Duration.ofDays(90), Duration.ofDays(7), null))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "retention policy 'http.*' has downsampleAfter PT168H and downsampleStep null;"
                + " expected both or neither");
  }

  @Test
  void policy_downsampleAfterNotShorterThanRetention_rejectedQuotingBoth() {
    RetentionPolicy month = RetentionPolicy.of("http.*", Duration.ofDays(30));

    assertThatThrownBy(() -> month.withDownsampling(Duration.ofDays(90), Duration.ofMinutes(5)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "retention policy 'http.*' has downsampleAfter PT2160H; expected a positive"
                + " duration shorter than retention PT720H");
  }

  @Test
  void policy_zeroDownsampleStep_rejected() {
    RetentionPolicy month = RetentionPolicy.of("http.*", Duration.ofDays(30));

    assertThatThrownBy(() -> month.withDownsampling(Duration.ofDays(7), Duration.ZERO))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "retention policy 'http.*' has downsampleStep PT0S; expected a positive duration");
  }

  @Test
  void withDownsampling_missingDuration_rejected() {
    RetentionPolicy month = RetentionPolicy.of("http.*", Duration.ofDays(30));

    assertThatThrownBy(() -> month.withDownsampling(Duration.ofDays(7), null))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "retention policy 'http.*' was given downsampling after PT168H with step null;"
                + " expected both");
  }

  @Test
  void withType_null_rejected() {
    assertThatThrownBy(() -> RetentionPolicy.of("*", Duration.ofDays(1)).withType(null))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("retention policy '*' was given a null type; expected a MetricType");
  }

  @Test
  void pattern_invalidCharacter_rejectedNamingCharacterAndIndex() {
    assertThatThrownBy(() -> RetentionPolicy.of("http-*", Duration.ofDays(1)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "retention metric pattern 'http-*' is invalid: character '-' at index 4 is not a"
                + " metric name character, '*' or '?'");
  }

  @Test
  void pattern_emptyOrTooLong_rejected() {
    assertThatThrownBy(() -> RetentionPolicy.of("", Duration.ofDays(1)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("retention metric pattern '' is invalid: expected 1 to 200 characters");
    assertThatThrownBy(() -> RetentionPolicy.of("*".repeat(201), Duration.ofDays(1)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageEndingWith("is invalid: expected 1 to 200 characters");
  }
}
