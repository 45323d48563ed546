package nexus.monitoring.runtime.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;

/**
 * What the runner knows of one check, and how it turns raw results into the reported status.
 *
 * <p>A result is <em>failing</em> when it is WARNING or worse, <em>passing</em> when HEALTHY.
 * Hysteresis works between the two kinds: a passing check is reported failing only after {@code
 * failureThreshold} failing results in a row, a failing one HEALTHY only after {@code
 * successThreshold} HEALTHY results in a row. Within a kind the reported status follows every run
 * at once, so a failing check that goes from WARNING to CRITICAL says so without delay.
 *
 * <p>Flapping and staleness are judged when the state is read, against the time of reading, so
 * {@code /healthz} reflects them even when no run happens.
 */
final class CheckState {
  /** A change of the reported status. */
  private record Change(Instant time, HealthStatus from, HealthStatus to) {}

  final AtomicBoolean running = new AtomicBoolean();
  volatile Instant runningSince;

  /** Whether the log last said this check flaps; only the runner's recording thread writes it. */
  volatile boolean flappingLogged;

  private final CheckInstance check;
  private final StatusPolicy policy;
  private final Deque<HealthCheckResult> history = new ArrayDeque<>();
  private final Deque<Change> changes = new ArrayDeque<>();
  private HealthCheckResult latest;
  private HealthCheckResult reported;
  private Instant lastChange;
  private int streak;

  CheckState(CheckInstance check, Instant created) {
    this.check = check;
    this.policy = check.policy();
    this.reported =
        HealthCheckResult.warning("pending: the first run has not finished yet")
            .measured(Duration.ZERO, created);
    this.lastChange = created;
  }

  /**
   * Takes a measured raw result.
   *
   * @return the status reported before and after it, so the caller can log a change
   */
  synchronized HealthStatus[] record(HealthCheckResult result) {
    HealthStatus before = latest == null ? null : reported.status();
    history.addLast(result);
    while (history.size() > policy.history()) {
      history.removeFirst();
    }

    HealthStatus status;
    String message;
    if (latest == null || failing(result.status()) == failing(reported.status())) {
      streak = 0;
      status = result.status();
      message = result.message();
    } else {
      streak++;
      int needed = failing(result.status()) ? policy.failureThreshold() : policy.successThreshold();
      if (streak >= needed) {
        streak = 0;
        status = result.status();
        message = result.message();
      } else {
        status = reported.status();
        message =
            status
                + " held until "
                + needed
                + " "
                + (failing(result.status()) ? "failing" : "HEALTHY")
                + " results in a row ("
                + streak
                + " so far); latest run "
                + result.status()
                + (result.message().isEmpty() ? "" : ": " + result.message());
      }
    }
    latest = result;
    reported =
        new HealthCheckResult(
            status, message, result.details(), result.duration(), result.timestamp());
    if (before == null || before != status) {
      lastChange = result.timestamp();
      if (before != null) {
        changes.addLast(new Change(result.timestamp(), before, status));
      }
    }
    return new HealthStatus[] {before, status};
  }

  /** The entry as of {@code now}: flapping and staleness applied. */
  synchronized HealthReport.Entry view(Instant now) {
    return view(now, true);
  }

  /**
   * The entry as of {@code now}, with flapping applied and staleness only when {@code
   * judgeStaleness}: a one-off pass (the {@code check} command) waits for its slowest check, and
   * the results of the fast ones are not stale for that.
   */
  synchronized HealthReport.Entry view(Instant now, boolean judgeStaleness) {
    List<HealthReport.Sample> samples = new ArrayList<>(history.size());
    history.forEach(r -> samples.add(HealthReport.Sample.of(r)));
    if (latest == null) {
      return new HealthReport.Entry(
          check.name(),
          check.type(),
          check.critical(),
          check.groups(),
          reported,
          lastChange,
          true,
          false,
          false,
          samples);
    }

    HealthCheckResult shown = reported;
    boolean flapping = false;
    if (policy.flappingChanges() > 0) {
      Instant since = now.minus(policy.flappingWindow());
      while (!changes.isEmpty() && changes.peekFirst().time().isBefore(since)) {
        changes.removeFirst();
      }
      if (changes.size() > policy.flappingChanges()) {
        flapping = true;
        HealthStatus worst = reported.status();
        for (Change change : changes) {
          worst = worst.worst(change.from()).worst(change.to());
        }
        shown =
            rewritten(
                shown,
                worst,
                "flapping: "
                    + changes.size()
                    + " status changes in the last "
                    + Durations.text(policy.flappingWindow())
                    + ", reporting the worst of them ("
                    + worst
                    + ") until it settles; now "
                    + reported.status()
                    + suffix(reported.message()));
      }
    }

    Duration age = Duration.between(latest.timestamp(), now);
    boolean stale = judgeStaleness && age.compareTo(policy.staleAfter()) > 0;
    if (stale) {
      shown =
          rewritten(
              shown,
              shown.status().worst(HealthStatus.WARNING),
              "stale: no result since "
                  + latest.timestamp()
                  + " ("
                  + Durations.text(age)
                  + " ago, stale after "
                  + Durations.text(policy.staleAfter())
                  + "); it said "
                  + shown.status()
                  + suffix(shown.message()));
    }
    return new HealthReport.Entry(
        check.name(),
        check.type(),
        check.critical(),
        check.groups(),
        shown,
        lastChange,
        false,
        stale,
        flapping,
        samples);
  }

  /** The latest raw result, or null before the first run finished. */
  synchronized HealthCheckResult latest() {
    return latest;
  }

  private static HealthCheckResult rewritten(
      HealthCheckResult result, HealthStatus status, String message) {
    return new HealthCheckResult(
        status, message, result.details(), result.duration(), result.timestamp());
  }

  private static String suffix(String message) {
    return message.isEmpty() ? "" : ": " + message;
  }

  private static boolean failing(HealthStatus status) {
    return status.isAtLeast(HealthStatus.WARNING);
  }
}
