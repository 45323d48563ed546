package nexus.monitoring.api;

import java.util.Collection;

/**
 * The health of a check, a group of checks or the whole host, ordered from best to worst: {@code
 * HEALTHY < WARNING < DEGRADED < CRITICAL < OFFLINE}.
 *
 * <p>An aggregate takes the worst of its members ({@link #worst}). Each status maps to the HTTP
 * status of the health endpoints ({@link #httpStatus()}), to the {@code status} field of the {@code
 * application/health+json} format ({@link #healthJsonStatus()}) and to a Nagios-style exit code
 * ({@link #exitCode()}).
 *
 * @since 1.0
 */
public enum HealthStatus {
  /** Everything works as intended. */
  HEALTHY(200, "pass", 0),
  /** Works, but a threshold is near; someone should look before it gets worse. */
  WARNING(200, "warn", 1),
  /** Works with reduced capacity or a failed non-critical dependency. */
  DEGRADED(200, "warn", 1),
  /** Does not work; traffic should go elsewhere. */
  CRITICAL(503, "fail", 2),
  /** Cannot be reached or was not able to tell at all. */
  OFFLINE(503, "fail", 3);

  private final int httpStatus;
  private final String healthJsonStatus;
  private final int exitCode;

  HealthStatus(int httpStatus, String healthJsonStatus, int exitCode) {
    this.httpStatus = httpStatus;
    this.healthJsonStatus = healthJsonStatus;
    this.exitCode = exitCode;
  }

  /** 200 for HEALTHY, WARNING and DEGRADED; 503 for CRITICAL and OFFLINE. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * {@code pass}, {@code warn} or {@code fail}, as the {@code application/health+json} draft names
   * them.
   */
  public String healthJsonStatus() {
    return healthJsonStatus;
  }

  /** Nagios-style exit code: 0 HEALTHY, 1 WARNING or DEGRADED, 2 CRITICAL, 3 OFFLINE. */
  public int exitCode() {
    return exitCode;
  }

  /** Whether this status is at least as bad as {@code other}. */
  public boolean isAtLeast(HealthStatus other) {
    return compareTo(other) >= 0;
  }

  /** The worse of this and {@code other}. */
  public HealthStatus worst(HealthStatus other) {
    return other.compareTo(this) > 0 ? other : this;
  }

  /**
   * The worst of {@code statuses}, or HEALTHY when there are none: a host with no checks is
   * healthy, because nothing it was asked to watch is failing.
   */
  public static HealthStatus worst(Collection<HealthStatus> statuses) {
    HealthStatus worst = HEALTHY;
    for (HealthStatus status : statuses) {
      worst = worst.worst(status);
    }
    return worst;
  }
}
