package nexus.monitoring.runtime.health;

import java.time.Duration;
import java.util.Set;
import nexus.monitoring.api.spi.HealthCheck;

/**
 * One configured health check, ready to run.
 *
 * @param name unique among checks
 * @param type the plugin type it was built from
 * @param pluginId the plugin that provides the type
 * @param check the plugin's instance
 * @param interval time between runs
 * @param timeout time one run may take before it counts as CRITICAL
 * @param initialDelay wait before the first scheduled run
 * @param jitter up to how much to shift each scheduled run at random
 * @param critical whether its failure makes the host CRITICAL (else DEGRADED)
 * @param groups the groups it belongs to
 * @param policy how its results are judged: staleness, hysteresis, flapping, history
 */
public record CheckInstance(
    String name,
    String type,
    String pluginId,
    HealthCheck check,
    Duration interval,
    Duration timeout,
    Duration initialDelay,
    Duration jitter,
    boolean critical,
    Set<String> groups,
    StatusPolicy policy) {

  public CheckInstance {
    if (timeout.isZero() || timeout.isNegative() || interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException(
          "check '" + name + "' needs a positive interval and timeout");
    }
    groups = Set.copyOf(groups);
  }

  /** A check judged by the {@linkplain StatusPolicy#defaults default policy}. */
  public CheckInstance(
      String name,
      String type,
      String pluginId,
      HealthCheck check,
      Duration interval,
      Duration timeout,
      Duration initialDelay,
      Duration jitter,
      boolean critical,
      Set<String> groups) {
    this(
        name,
        type,
        pluginId,
        check,
        interval,
        timeout,
        initialDelay,
        jitter,
        critical,
        groups,
        StatusPolicy.defaults(interval, timeout));
  }
}
