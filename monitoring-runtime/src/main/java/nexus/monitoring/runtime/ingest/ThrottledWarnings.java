package nexus.monitoring.runtime.ingest;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Logs a stream of similar faults without flooding the log: the first few at WARN, the rest at
 * DEBUG, and a WARN summary of the DEBUG ones at most once per period.
 *
 * <p>The summary is written by the first fault after the period has passed, and by {@link #flush()}
 * for what is left; there is no timer thread. Thread-safe.
 */
final class ThrottledWarnings {
  /** Where the lines go; a logger in the host, a list in tests. */
  interface Output {
    void log(Level level, String message);

    static Output of(Logger logger) {
      return (level, message) -> logger.atLevel(level).log(message);
    }
  }

  private final String subject;
  private final int warnFirst;
  private final long periodNanos;
  private final LongSupplier nanoTime;
  private final Output output;
  private long total;
  private long quiet;
  private String latest;
  private long periodStart;

  /**
   * @param subject plural noun phrase for the summary, such as {@code "StatsD lines rejected"}
   * @param warnFirst how many faults are logged at WARN before the rest drop to DEBUG
   * @param period least time between two summaries
   */
  ThrottledWarnings(
      String subject, int warnFirst, Duration period, LongSupplier nanoTime, Output output) {
    this.subject = subject;
    this.warnFirst = warnFirst;
    this.periodNanos = period.toNanos();
    this.nanoTime = nanoTime;
    this.output = output;
  }

  /** Logs one fault, described by {@code message}. */
  synchronized void report(String message) {
    total++;
    if (total < warnFirst) {
      output.log(Level.WARN, message);
      return;
    }
    if (total == warnFirst) {
      output.log(
          Level.WARN,
          message
              + " (further "
              + subject
              + " are logged at DEBUG, with a summary at most every "
              + periodNanos / 1_000_000_000L
              + " s)");
      periodStart = nanoTime.getAsLong();
      return;
    }
    output.log(Level.DEBUG, message);
    quiet++;
    latest = message;
    if (nanoTime.getAsLong() - periodStart >= periodNanos) {
      flush();
    }
  }

  /** Writes the summary of faults logged at DEBUG since the last one, if there are any. */
  synchronized void flush() {
    if (quiet == 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    output.log(
        Level.WARN,
        quiet
            + " more "
            + subject
            + " in the last "
            + Math.max(1, (now - periodStart) / 1_000_000_000L)
            + " s ("
            + total
            + " since start); latest: "
            + latest);
    quiet = 0;
    latest = null;
    periodStart = now;
  }

  /** Faults reported since construction. */
  synchronized long total() {
    return total;
  }
}
