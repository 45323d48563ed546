package nexus.monitoring.api;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A pre-resolved timing series: one metric name, one tag set, one tenant. Resolve it once with
 * {@link TelemetryTracker#timerOf} and keep it. Durations are exported in seconds.
 *
 * <pre>{@code
 * private final Timer lookups = tracker.timerOf("cache.lookup", "cache", "users");
 *
 * User find(String id) {
 *   return lookups.time(() -> cache.get(id));
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe and do not block.
 *
 * @since 1.0
 */
public interface Timer {

  /**
   * Records one duration, in nanoseconds.
   *
   * @param nanos not negative
   * @throws InvalidMetricException naming the metric and the value when it is negative
   */
  void recordNanos(long nanos);

  /**
   * Records one duration.
   *
   * @throws InvalidMetricException when {@code duration} is null or negative
   */
  default void record(Duration duration) {
    if (duration == null || duration.isNegative()) {
      throw new InvalidMetricException(
          "timing duration " + duration + " is invalid; expected zero or positive");
    }
    recordNanos(saturatedNanos(duration));
  }

  /**
   * Runs {@code action} and records how long it took, also when it throws; the exception then
   * propagates unchanged.
   *
   * @return what {@code action} returned
   */
  default <T> T time(Supplier<T> action) {
    long start = System.nanoTime();
    try {
      return action.get();
    } finally {
      recordNanos(Math.max(0L, System.nanoTime() - start));
    }
  }

  /**
   * Runs {@code action} and records how long it took, also when it throws; the exception then
   * propagates unchanged.
   */
  default void time(Runnable action) {
    long start = System.nanoTime();
    try {
      action.run();
    } finally {
      recordNanos(Math.max(0L, System.nanoTime() - start));
    }
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
