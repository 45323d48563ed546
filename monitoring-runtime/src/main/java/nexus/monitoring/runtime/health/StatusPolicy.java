package nexus.monitoring.runtime.health;

import java.time.Duration;

/**
 * How the runner turns a check's raw results into the status it reports.
 *
 * @param staleAfter a result older than this is stale and counts as at least WARNING
 * @param failureThreshold consecutive failing results (WARNING or worse) before a check reported
 *     HEALTHY is reported failing
 * @param successThreshold consecutive HEALTHY results before a check reported failing is reported
 *     HEALTHY
 * @param flappingChanges more reported status changes than this within {@code flappingWindow} is
 *     flapping; 0 turns detection off
 * @param flappingWindow how far back status changes are counted
 * @param history how many recent raw results are kept
 */
public record StatusPolicy(
    Duration staleAfter,
    int failureThreshold,
    int successThreshold,
    int flappingChanges,
    Duration flappingWindow,
    int history) {

  public StatusPolicy {
    if (staleAfter.isZero() || staleAfter.isNegative()) {
      throw new IllegalArgumentException("stale-after must be positive, not " + staleAfter);
    }
    if (failureThreshold < 1 || successThreshold < 1 || history < 1 || flappingChanges < 0) {
      throw new IllegalArgumentException(
          "thresholds and history must be at least 1 and flapping changes not negative");
    }
    if (flappingWindow.isZero() || flappingWindow.isNegative()) {
      throw new IllegalArgumentException("flapping window must be positive, not " + flappingWindow);
    }
  }

  /**
   * The default stale limit: two missed runs and the time the third may take, so one slow or
   * skipped run does not flag a check as stale.
   */
  public static Duration defaultStaleAfter(Duration interval, Duration timeout) {
    return interval.multipliedBy(2).plus(timeout);
  }

  /** Thresholds of 1, flapping over 5 changes in 10 minutes, 10 results of history. */
  public static StatusPolicy defaults(Duration interval, Duration timeout) {
    return new StatusPolicy(
        defaultStaleAfter(interval, timeout), 1, 1, 5, Duration.ofMinutes(10), 10);
  }
}
