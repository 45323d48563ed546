package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class HealthStatusTest {

  @Test
  void values_orderedFromBestToWorst() {
    assertThat(HealthStatus.values())
        .containsExactly(
            HealthStatus.HEALTHY,
            HealthStatus.WARNING,
            HealthStatus.DEGRADED,
            HealthStatus.CRITICAL,
            HealthStatus.OFFLINE);
  }

  @Test
  void worst_ofTwo_takesTheMoreSevereWhicheverSideItIsOn() {
    assertThat(HealthStatus.WARNING.worst(HealthStatus.CRITICAL)).isEqualTo(HealthStatus.CRITICAL);
    assertThat(HealthStatus.CRITICAL.worst(HealthStatus.WARNING)).isEqualTo(HealthStatus.CRITICAL);
    assertThat(HealthStatus.DEGRADED.worst(HealthStatus.DEGRADED)).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void worst_ofCollection_takesTheMostSevere() {
    assertThat(
            HealthStatus.worst(
                List.of(HealthStatus.HEALTHY, HealthStatus.OFFLINE, HealthStatus.DEGRADED)))
        .isEqualTo(HealthStatus.OFFLINE);
  }

  @Test
  void worst_ofNoStatuses_isHealthy() {
    assertThat(HealthStatus.worst(List.of())).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void isAtLeast_comparesBySeverity() {
    assertThat(HealthStatus.DEGRADED.isAtLeast(HealthStatus.WARNING)).isTrue();
    assertThat(HealthStatus.DEGRADED.isAtLeast(HealthStatus.DEGRADED)).isTrue();
    assertThat(HealthStatus.WARNING.isAtLeast(HealthStatus.DEGRADED)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "HEALTHY, 200, pass, 0",
    "WARNING, 200, warn, 1",
    "DEGRADED, 200, warn, 1",
    "CRITICAL, 503, fail, 2",
    "OFFLINE, 503, fail, 3"
  })
  void status_mapsToHttpHealthJsonAndExitCode(
      HealthStatus status, int httpStatus, String healthJson, int exitCode) {
    assertThat(status.httpStatus()).isEqualTo(httpStatus);
    assertThat(status.healthJsonStatus()).isEqualTo(healthJson);
    assertThat(status.exitCode()).isEqualTo(exitCode);
  }
}
