package nexus.monitoring.api.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A health check that suggests its own schedule. Configuration ({@code interval}, {@code timeout})
 * still wins over these suggestions; they apply when the configuration says nothing.
 *
 * @since 1.0
 */
public interface ScheduledHealthCheck extends HealthCheck {

  /** How often to run; empty for the host's default. */
  default Optional<Duration> interval() {
    return Optional.empty();
  }

  /** How long one run may take before it counts as CRITICAL; empty for the host's default. */
  default Optional<Duration> timeout() {
    return Optional.empty();
  }

  /** How long to wait after start before the first run. */
  default Duration initialDelay() {
    return Duration.ZERO;
  }

  /**
   * Up to how much to shift each run at random, so that many hosts do not probe a shared dependency
   * in the same instant.
   */
  default Duration jitter() {
    return Duration.ZERO;
  }
}
