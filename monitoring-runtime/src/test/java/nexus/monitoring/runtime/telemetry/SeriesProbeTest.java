package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nexus.monitoring.api.MetricTag;
import org.junit.jupiter.api.Test;

final class SeriesProbeTest {
  private final SeriesKey key =
      new SeriesKey("acme", "http.requests", MetricTag.ofPairs("method", "GET", "status", "200"));

  private boolean matches(String tenant, String name, String... pairs) {
    SeriesProbe probe = new SeriesProbe().set(tenant, name, pairs);
    return probe.hashCode() == key.hashCode() && probe.equals(key) && key.equals(probe);
  }

  @Test
  void aProbe_matchesTheKeyWithTheSameTagsInAnyOrder() {
    assertThat(matches("acme", "http.requests", "method", "GET", "status", "200")).isTrue();
    assertThat(matches("acme", "http.requests", "status", "200", "method", "GET")).isTrue();
    assertThat(
            new SeriesProbe()
                .set(
                    "acme",
                    "http.requests",
                    List.of(MetricTag.of("status", "200"), MetricTag.of("method", "GET")))
                .equals(key))
        .isTrue();
  }

  @Test
  void aProbe_differingInAnyPart_doesNotMatch() {
    assertThat(matches("globex", "http.requests", "method", "GET", "status", "200")).isFalse();
    assertThat(matches("acme", "http.responses", "method", "GET", "status", "200")).isFalse();
    assertThat(matches("acme", "http.requests", "method", "GET", "status", "500")).isFalse();
    assertThat(matches("acme", "http.requests", "method", "GET")).isFalse();
  }

  @Test
  void malformedTags_neverMatch_soTheSlowPathValidatesThem() {
    assertThat(matches("acme", "http.requests", "method", "GET", "method", "GET")).isFalse();
    assertThat(matches("acme", "http.requests", "method", "GET", "status")).isFalse();
    assertThat(matches("acme", "http.requests", "method", null, "status", "200")).isFalse();
    assertThat(matches("acme", null, "method", "GET", "status", "200")).isFalse();
    assertThat(
            new SeriesProbe()
                .set("acme", "http.requests", java.util.Arrays.asList(MetricTag.of("a", "b"), null))
                .equals(key))
        .isFalse();
  }
}
