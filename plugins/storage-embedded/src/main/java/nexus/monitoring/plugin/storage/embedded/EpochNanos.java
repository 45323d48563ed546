package nexus.monitoring.plugin.storage.embedded;

import java.time.Duration;
import java.time.Instant;

/**
 * Instants as nanoseconds since the epoch in a signed 64-bit integer, the form the store keeps them
 * in: exact to the nanosecond, as {@link Instant} is, up to {@link #LATEST}.
 */
final class EpochNanos {
  /** The latest instant a 64-bit count of nanoseconds reaches: 2262-04-11T23:47:16.854775807Z. */
  static final Instant LATEST = Instant.ofEpochSecond(0, Long.MAX_VALUE);

  /** The earliest such instant, 1677-09-21T00:12:43.145224192Z. */
  static final Instant EARLIEST = Instant.ofEpochSecond(0, Long.MIN_VALUE);

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private EpochNanos() {}

  /** Whether {@code instant} can be stored exactly. */
  static boolean fits(Instant instant) {
    return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }

  /**
   * {@code instant} in nanoseconds since the epoch.
   *
   * @throws ArithmeticException when it lies outside {@code [EARLIEST, LATEST]}
   */
  static long of(Instant instant) {
    long seconds = instant.getEpochSecond();
    int nanos = instant.getNano();
    if (seconds < 0 && nanos > 0) {
      // Borrow a second so the product cannot overflow at EARLIEST, as Instant.toEpochMilli does.
      return Math.addExact(
          Math.multiplyExact(seconds + 1, NANOS_PER_SECOND), nanos - NANOS_PER_SECOND);
    }
    return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
  }

  /** A range bound in nanoseconds: exact inside the representable span, clamped outside it. */
  static long clamped(Instant bound) {
    if (bound.isAfter(LATEST)) {
      return Long.MAX_VALUE;
    }
    if (bound.isBefore(EARLIEST)) {
      return Long.MIN_VALUE;
    }
    return of(bound);
  }

  static Instant toInstant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  static Duration toDuration(long nanos) {
    return Duration.ofNanos(nanos);
  }
}
