package nexus.monitoring.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run of a health check found: a status, a one-line message for humans, and the observed
 * values behind it.
 *
 * <p>A check usually builds its result with a factory and adds details; the runner stamps the
 * duration and time of the run:
 *
 * <pre>{@code
 * return HealthCheckResult.warning("12% free on /var, warning below 15%")
 *     .withDetail("free.ratio", 0.12)
 *     .withDetail("free.bytes", 1_234_567_890L);
 * }</pre>
 *
 * @param status the outcome
 * @param message one line, never null; may be empty for a plain HEALTHY
 * @param details observed values by name (numbers, strings, booleans), in insertion order
 * @param duration how long the run took; not negative
 * @param timestamp when the run finished
 * @since 1.0
 */
public record HealthCheckResult(
    HealthStatus status,
    String message,
    Map<String, Object> details,
    Duration duration,
    Instant timestamp) {

  /**
   * @throws IllegalArgumentException naming the field when a part is missing, a duration is
   *     negative, or a detail value is not a number, string or boolean
   */
  public HealthCheckResult {
    if (status == null) {
      throw new IllegalArgumentException("health check result needs a status");
    }
    if (message == null) {
      throw new IllegalArgumentException("health check result needs a message (use \"\" for none)");
    }
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException(
          "health check result duration " + duration + " must be zero or positive");
    }
    if (timestamp == null) {
      throw new IllegalArgumentException("health check result needs a timestamp");
    }
    if (details == null) {
      throw new IllegalArgumentException("health check result details must not be null");
    }
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : details.entrySet()) {
      copy.put(e.getKey(), requireDetailValue(e.getKey(), e.getValue()));
    }
    details = Collections.unmodifiableMap(copy);
  }

  /** A result with {@code status} and {@code message}, no details, stamped now. */
  public static HealthCheckResult of(HealthStatus status, String message) {
    return new HealthCheckResult(status, message, Map.of(), Duration.ZERO, Instant.now());
  }

  public static HealthCheckResult healthy(String message) {
    return of(HealthStatus.HEALTHY, message);
  }

  public static HealthCheckResult warning(String message) {
    return of(HealthStatus.WARNING, message);
  }

  public static HealthCheckResult degraded(String message) {
    return of(HealthStatus.DEGRADED, message);
  }

  public static HealthCheckResult critical(String message) {
    return of(HealthStatus.CRITICAL, message);
  }

  public static HealthCheckResult offline(String message) {
    return of(HealthStatus.OFFLINE, message);
  }

  /** This result with one more observed value; a number, string or boolean. */
  public HealthCheckResult withDetail(String key, Object value) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("detail key must not be empty");
    }
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>(details);
    copy.put(key, value);
    return new HealthCheckResult(status, message, copy, duration, timestamp);
  }

  /** This result with a different status, keeping message and details. */
  public HealthCheckResult withStatus(HealthStatus status) {
    return new HealthCheckResult(status, message, details, duration, timestamp);
  }

  /** This result as measured by a runner: the run's duration and the time it finished. */
  public HealthCheckResult measured(Duration duration, Instant timestamp) {
    return new HealthCheckResult(status, message, details, duration, timestamp);
  }

  private static Object requireDetailValue(String key, Object value) {
    if (value instanceof Number || value instanceof String || value instanceof Boolean) {
      return value;
    }
    throw new IllegalArgumentException(
        "detail '"
            + key
            + "' has a value of type "
            + (value == null ? "null" : value.getClass().getName())
            + "; expected a number, string or boolean");
  }
}
