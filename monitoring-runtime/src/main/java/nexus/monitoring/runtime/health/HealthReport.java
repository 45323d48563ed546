package nexus.monitoring.runtime.health;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;

/**
 * The host's health at one moment: the aggregate status and every check's latest result.
 *
 * @param status the worst status of the entries, where a failing non-critical check counts as
 *     DEGRADED
 * @param entries one per check, in configuration order
 */
public record HealthReport(HealthStatus status, List<Entry> entries) {

  public HealthReport {
    entries = List.copyOf(entries);
  }

  /**
   * One check's latest state.
   *
   * @param name the check's name
   * @param type its plugin type, or {@code host} for the host's own entries
   * @param critical whether its failure makes the host CRITICAL
   * @param groups its groups
   * @param result its latest result
   * @param lastChange when its status last changed
   */
  public record Entry(
      String name,
      String type,
      boolean critical,
      Set<String> groups,
      HealthCheckResult result,
      Instant lastChange) {

    /** What this entry contributes to the aggregate status. */
    public HealthStatus effectiveStatus() {
      HealthStatus status = result.status();
      return !critical && status.isAtLeast(HealthStatus.CRITICAL) ? HealthStatus.DEGRADED : status;
    }
  }

  static HealthStatus aggregate(List<Entry> entries) {
    HealthStatus worst = HealthStatus.HEALTHY;
    for (Entry entry : entries) {
      worst = worst.worst(entry.effectiveStatus());
    }
    return worst;
  }
}
