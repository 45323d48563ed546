package nexus.monitoring.runtime.telemetry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The smallest and largest value seen, lock-free: a writer reads and compares, and only writes (by
 * compare-and-set) when it improves an extreme, so the common case is two reads.
 */
final class Extremes {
  private static final long POSITIVE_INFINITY =
      Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
  private static final long NEGATIVE_INFINITY =
      Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);

  private final AtomicLong min = new AtomicLong(POSITIVE_INFINITY);
  private final AtomicLong max = new AtomicLong(NEGATIVE_INFINITY);

  void record(double value) {
    long current;
    while (value < Double.longBitsToDouble(current = min.get())) {
      if (min.compareAndSet(current, Double.doubleToRawLongBits(value))) {
        break;
      }
    }
    while (value > Double.longBitsToDouble(current = max.get())) {
      if (max.compareAndSet(current, Double.doubleToRawLongBits(value))) {
        break;
      }
    }
  }

  /** The smallest value, or {@code NaN} when none was recorded. */
  double min() {
    double v = Double.longBitsToDouble(min.get());
    return v == Double.POSITIVE_INFINITY ? Double.NaN : v;
  }

  /** The largest value, or {@code NaN} when none was recorded. */
  double max() {
    double v = Double.longBitsToDouble(max.get());
    return v == Double.NEGATIVE_INFINITY ? Double.NaN : v;
  }

  /** The smallest value since the last take, or {@code NaN}; a concurrent value lands in one. */
  double takeMin() {
    double v = Double.longBitsToDouble(min.getAndSet(POSITIVE_INFINITY));
    return v == Double.POSITIVE_INFINITY ? Double.NaN : v;
  }

  /** The largest value since the last take, or {@code NaN}; a concurrent value lands in one. */
  double takeMax() {
    double v = Double.longBitsToDouble(max.getAndSet(NEGATIVE_INFINITY));
    return v == Double.NEGATIVE_INFINITY ? Double.NaN : v;
  }

  void reset() {
    min.set(POSITIVE_INFINITY);
    max.set(NEGATIVE_INFINITY);
  }

  /** The smaller of two extremes, either of which may be {@code NaN} for "none". */
  static double smaller(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
  }

  /** The larger of two extremes, either of which may be {@code NaN} for "none". */
  static double larger(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }
}
