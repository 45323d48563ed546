package nexus.monitoring.runtime.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
   * One past run of a check, as it came from the check.
   *
   * @param status what the run found
   * @param message its one-line message
   * @param time when it finished
   * @param duration how long it took
   */
  public record Sample(HealthStatus status, String message, Instant time, Duration duration) {
    static Sample of(HealthCheckResult result) {
      return new Sample(result.status(), result.message(), result.timestamp(), result.duration());
    }
  }

  /**
   * One check's latest state.
   *
   * @param name the check's name
   * @param type its plugin type, or {@code host} for the host's own entries
   * @param critical whether its failure makes the host CRITICAL
   * @param groups its groups
   * @param result the status it reports now, after hysteresis, flapping and staleness, with the
   *     message saying why when that differs from its latest run
   * @param lastChange when its reported status last changed
   * @param pending whether its first run has not finished yet
   * @param stale whether its latest result is older than its stale limit
   * @param flapping whether it changed status too often lately
   * @param history its latest runs, oldest first
   */
  public record Entry(
      String name,
      String type,
      boolean critical,
      Set<String> groups,
      HealthCheckResult result,
      Instant lastChange,
      boolean pending,
      boolean stale,
      boolean flapping,
      List<Sample> history) {

    public Entry {
      groups = Set.copyOf(groups);
      history = List.copyOf(history);
    }

    /** An entry that is not pending, stale or flapping and keeps no history. */
    public Entry(
        String name,
        String type,
        boolean critical,
        Set<String> groups,
        HealthCheckResult result,
        Instant lastChange) {
      this(name, type, critical, groups, result, lastChange, false, false, false, List.of());
    }

    /** What this entry contributes to the aggregate status. */
    public HealthStatus effectiveStatus() {
      HealthStatus status = result.status();
      return !critical && status.isAtLeast(HealthStatus.CRITICAL) ? HealthStatus.DEGRADED : status;
    }
  }

  /** The names of every group some entry belongs to, sorted. */
  public Set<String> groups() {
    Set<String> groups = new TreeSet<>();
    entries.forEach(e -> groups.addAll(e.groups()));
    return groups;
  }

  /**
   * The entries of {@code group} alone, with their own aggregate; HEALTHY with no entries when the
   * group is empty or unknown.
   */
  public HealthReport group(String group) {
    List<Entry> members = entries.stream().filter(e -> e.groups().contains(group)).toList();
    return new HealthReport(aggregate(members), members);
  }

  /** Whether any entry has not finished its first run. */
  public boolean anyPending() {
    return entries.stream().anyMatch(Entry::pending);
  }

  static HealthStatus aggregate(List<Entry> entries) {
    HealthStatus worst = HealthStatus.HEALTHY;
    for (Entry entry : entries) {
      worst = worst.worst(entry.effectiveStatus());
    }
    return worst;
  }
}
