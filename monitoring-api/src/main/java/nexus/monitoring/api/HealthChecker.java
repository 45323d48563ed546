package nexus.monitoring.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the host's configured health checks and remembers what each last found.
 *
 * <p>Each configured check instance has a name ({@code root-disk}, {@code orders-db}). The
 * implementation promises:
 *
 * <ul>
 *   <li>Checks run in parallel, each under its own timeout. A check that throws becomes a CRITICAL
 *       result carrying the exception's message; one that outlives its timeout becomes a CRITICAL
 *       result saying so. No check can make a run hang or throw.
 *   <li>Every result is stamped with its duration and time ({@link HealthCheckResult#measured}).
 *   <li>The latest result of each check is kept, whether it came from a scheduled run or an
 *       explicit one, and is what {@link #latestResults()} and {@link #aggregateStatus()} report.
 *   <li>Every method is thread-safe.
 * </ul>
 *
 * @since 1.0
 */
public interface HealthChecker {

  /** The names of every configured check, sorted. */
  Set<String> names();

  /**
   * Runs every check now, in parallel, and waits for all of them (each at most its timeout).
   *
   * @return one result per configured check, by name, sorted by name
   */
  Map<String, HealthCheckResult> runAll();

  /**
   * Runs check {@code name} now and waits for it (at most its timeout).
   *
   * @throws IllegalArgumentException when no check has that name; the message lists the names
   */
  HealthCheckResult run(String name);

  /**
   * The latest result of every check that has completed at least one run, by name, sorted by name.
   * A check that has not finished its first run is absent; compare with {@link #names()} to find
   * it.
   */
  Map<String, HealthCheckResult> latestResults();

  /** The latest result of check {@code name}; empty when it has not run yet or does not exist. */
  default Optional<HealthCheckResult> latest(String name) {
    return Optional.ofNullable(latestResults().get(name));
  }

  /**
   * The worst status among the {@linkplain #latestResults() latest results}; HEALTHY when there are
   * none, as {@link HealthStatus#worst(java.util.Collection)} defines.
   */
  default HealthStatus aggregateStatus() {
    List<HealthStatus> statuses = new ArrayList<>();
    for (HealthCheckResult result : latestResults().values()) {
      statuses.add(result.status());
    }
    return HealthStatus.worst(statuses);
  }
}
