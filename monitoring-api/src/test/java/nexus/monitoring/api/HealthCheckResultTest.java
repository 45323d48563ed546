package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class HealthCheckResultTest {

  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void factories_setStatusAndMessage() {
    assertThat(HealthCheckResult.healthy("ok").status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(HealthCheckResult.warning("w").status()).isEqualTo(HealthStatus.WARNING);
    assertThat(HealthCheckResult.degraded("d").status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(HealthCheckResult.critical("c").status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(HealthCheckResult.offline("o").message()).isEqualTo("o");
    assertThat(HealthCheckResult.offline("o").duration()).isEqualTo(Duration.ZERO);
  }

  @Test
  void withDetail_numbersStringsBooleans_keptInInsertionOrder() {
    HealthCheckResult result =
        HealthCheckResult.warning("12% free")
            .withDetail("free.ratio", 0.12)
            .withDetail("free.bytes", 1_234_567_890L)
            .withDetail("path", "/var")
            .withDetail("readonly", false);

    assertThat(result.details().keySet())
        .containsExactly("free.ratio", "free.bytes", "path", "readonly");
    assertThat(result.details()).containsEntry("free.bytes", 1_234_567_890L);
  }

  @Test
  void withDetail_listValue_rejectedNamingKeyAndType() {
    HealthCheckResult result = HealthCheckResult.healthy("");

    assertThatThrownBy(() -> result.withDetail("paths", List.of("/", "/var")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("detail 'paths' has a value of type java.util.")
        .hasMessageEndingWith("; expected a number, string or boolean");
  }

  @Test
  void withDetail_nullValue_rejected() {
    assertThatThrownBy(() -> HealthCheckResult.healthy("").withDetail("x", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("detail 'x' has a value of type null; expected a number, string or boolean");
  }

  @Test
  void withDetail_emptyKey_rejected() {
    assertThatThrownBy(() -> HealthCheckResult.healthy("").withDetail("", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("detail key must not be empty");
  }

  @Test
  void details_copiedAndUnmodifiable() {
    Map<String, Object> details = new HashMap<>();
    details.put("a", 1);
    HealthCheckResult result =
        new HealthCheckResult(HealthStatus.HEALTHY, "", details, Duration.ZERO, T);
    details.put("b", 2);

    assertThat(result.details()).containsOnlyKeys("a");
    assertThatThrownBy(() -> result.details().put("c", 3))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void result_negativeDuration_rejected() {
    assertThatThrownBy(
            () ->
                new HealthCheckResult(
                    HealthStatus.HEALTHY, "", Map.of(), Duration.ofSeconds(-1), T))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("health check result duration PT-1S must be zero or positive");
  }

  @Test
  void result_missingParts_rejectedNamingThePart() {
    assertThatThrownBy(() -> new HealthCheckResult(null, "", Map.of(), Duration.ZERO, T))
        .hasMessage("health check result needs a status");
    assertThatThrownBy(
            () -> new HealthCheckResult(HealthStatus.HEALTHY, null, Map.of(), Duration.ZERO, T))
        .hasMessage("health check result needs a message (use \"\" for none)");
    assertThatThrownBy(
            () -> new HealthCheckResult(HealthStatus.HEALTHY, "", Map.of(), Duration.ZERO, null))
        .hasMessage("health check result needs a timestamp");
    assertThatThrownBy(
            () -> new HealthCheckResult(HealthStatus.HEALTHY, "", null, Duration.ZERO, T))
        .hasMessage("health check result details must not be null");
  }

  @Test
  void withStatus_keepsMessageAndDetails() {
    HealthCheckResult result =
        HealthCheckResult.healthy("fine").withDetail("n", 1).withStatus(HealthStatus.CRITICAL);

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).isEqualTo("fine");
    assertThat(result.details()).containsEntry("n", 1);
  }

  @Test
  void measured_stampsDurationAndTime() {
    HealthCheckResult result = HealthCheckResult.healthy("fine").measured(Duration.ofMillis(42), T);

    assertThat(result.duration()).isEqualTo(Duration.ofMillis(42));
    assertThat(result.timestamp()).isEqualTo(T);
  }
}
