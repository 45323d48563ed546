package nexus.monitoring.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

final class HealthThresholdTest {

  @Test
  void above_statusByLimit() {
    HealthThreshold depth = HealthThreshold.above(100, 1000);

    assertThat(depth.status(100)).isEqualTo(HealthStatus.HEALTHY);
    assertThat(depth.status(101)).isEqualTo(HealthStatus.WARNING);
    assertThat(depth.status(1001)).isEqualTo(HealthStatus.CRITICAL);
  }

  @Test
  void below_statusByLimit() {
    HealthThreshold days = HealthThreshold.below(30, 7);

    assertThat(days.status(30)).isEqualTo(HealthStatus.HEALTHY);
    assertThat(days.status(29)).isEqualTo(HealthStatus.WARNING);
    assertThat(days.status(6.5)).isEqualTo(HealthStatus.CRITICAL);
  }

  @Test
  void unsetLimit_neverCrossed() {
    assertThat(HealthThreshold.above(Double.NaN, 10).status(9)).isEqualTo(HealthStatus.HEALTHY);
    assertThat(HealthThreshold.above(Double.NaN, 10).status(11)).isEqualTo(HealthStatus.CRITICAL);
    assertThat(HealthThreshold.none().status(1e300)).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void judge_namesValueAndCrossedLimit() {
    HealthThreshold depth = HealthThreshold.above(1000, 10000);

    HealthCheckResult warning = depth.judge("queue 'orders' depth", 1500);
    HealthCheckResult healthy = depth.judge("queue 'orders' depth", 12);

    assertThat(warning.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(warning.message())
        .isEqualTo("queue 'orders' depth 1500 is above the warning threshold 1000");
    assertThat(healthy.message()).isEqualTo("queue 'orders' depth 12");
  }

  @Test
  void durationAbove_readsDurationsAndShowsSeconds() {
    HealthThreshold latency =
        HealthThreshold.durationAbove(
            settings(Map.of("warning-latency", Duration.ofMillis(200))),
            "warning-latency",
            null,
            "critical-latency",
            Duration.ofSeconds(1));

    assertThat(latency.judge("connect latency", 0.35).message())
        .isEqualTo("connect latency 0.350s is above the warning threshold 0.200s");
    assertThat(latency.status(1.5)).isEqualTo(HealthStatus.CRITICAL);
  }

  @Test
  void fromSettings_warningPastCritical_rejectedNamingBothKeys() {
    PluginSettings settings = settings(Map.of("warning-depth", 500.0, "critical-depth", 100.0));

    assertThatThrownBy(
            () ->
                HealthThreshold.above(
                    settings, "warning-depth", Double.NaN, "critical-depth", Double.NaN))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("warning-depth: expected a value at or below critical-depth (100)");
  }

  @Test
  void constructed_warningPastCritical_rejected() {
    assertThatThrownBy(() -> HealthThreshold.below(5, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be below critical threshold");
  }

  /** Settings holding numbers and durations only, as these tests need. */
  private static PluginSettings settings(Map<String, Object> values) {
    return new PluginSettings() {
      @Override
      public String instanceName() {
        return "test";
      }

      @Override
      public Set<String> keys() {
        return values.keySet();
      }

      @Override
      public boolean has(String key) {
        return values.containsKey(key);
      }

      @Override
      public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key)).map(String::valueOf);
      }

      @Override
      public String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
      }

      @Override
      public String requireString(String key) {
        return string(key).orElseThrow();
      }

      @Override
      public boolean bool(String key, boolean defaultValue) {
        throw new UnsupportedOperationException();
      }

      @Override
      public long integer(String key, long defaultValue) {
        throw new UnsupportedOperationException();
      }

      @Override
      public double number(String key, double defaultValue) {
        return values.containsKey(key) ? (Double) values.get(key) : defaultValue;
      }

      @Override
      public Duration duration(String key, Duration defaultValue) {
        return values.containsKey(key) ? (Duration) values.get(key) : defaultValue;
      }

      @Override
      public double percent(String key, double defaultValue) {
        throw new UnsupportedOperationException();
      }

      @Override
      public long bytes(String key, long defaultValue) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Path path(String key, String defaultValue) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<String> strings(String key) {
        throw new UnsupportedOperationException();
      }

      @Override
      public InvalidConfigurationException invalid(String key, String expected) {
        return new InvalidConfigurationException(key + ": expected " + expected);
      }
    };
  }
}
