package nexus.monitoring.runtime.telemetry;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.spi.SamplingStrategy;

/**
 * Keeps about {@code maxPerSecond} samples per second of each metric, however fast it is recorded.
 *
 * <p>Each metric's samples are counted in windows of one second. For the next window, a metric seen
 * at {@code r} samples per second is kept with probability {@code p = min(1, maxPerSecond / r)},
 * each sample independently, and a kept sample counts {@code 1 / p} times, so sums and counts stay
 * unbiased estimates of the true totals. The limit is therefore an average: a metric is kept whole
 * during its first second, and a burst is followed within a second. Gauges are never sampled.
 *
 * <p>Up to {@value #MAX_TRACKED_METRICS} metric names are tracked one by one; names beyond that
 * share one window.
 *
 * @since 1.0
 */
public final class RateLimitedSamplingStrategy implements SamplingStrategy {
  /** How many metric names get a window of their own. */
  public static final int MAX_TRACKED_METRICS = 10_000;

  private static final long SECOND_NANOS = 1_000_000_000L;

  private static final class Window {
    final AtomicLong start;
    final LongAdder seen = new LongAdder();
    volatile double probability = 1.0;

    Window(long now) {
      start = new AtomicLong(now);
    }
  }

  private final double maxPerSecond;
  private final LongSupplier nanoTime;
  private final DoubleSupplier uniform;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final Window shared;

  /**
   * @param maxPerSecond how many samples of one metric to keep per second, on average; positive
   * @throws IllegalArgumentException when {@code maxPerSecond} is not a positive number
   */
  public RateLimitedSamplingStrategy(double maxPerSecond) {
    this(maxPerSecond, System::nanoTime, () -> ThreadLocalRandom.current().nextDouble());
  }

  // VisibleForTesting
  RateLimitedSamplingStrategy(double maxPerSecond, LongSupplier nanoTime, DoubleSupplier uniform) {
    if (!(maxPerSecond > 0) || maxPerSecond == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(
          "samples per second " + maxPerSecond + " is invalid; expected a positive number");
    }
    this.maxPerSecond = maxPerSecond;
    this.nanoTime = nanoTime;
    this.uniform = uniform;
    this.shared = new Window(nanoTime.getAsLong());
  }

  /** The average number of samples kept per second and metric. */
  public double maxPerSecond() {
    return maxPerSecond;
  }

  @Override
  public boolean shouldRecord(String metricName, MetricType type, List<MetricTag> tags) {
    if (type == MetricType.GAUGE) {
      return true;
    }
    Window window = window(metricName);
    roll(window);
    window.seen.increment();
    double p = window.probability;
    return p >= 1 || uniform.getAsDouble() < p;
  }

  @Override
  public double scaleFactor(String metricName, MetricType type) {
    return type == MetricType.GAUGE ? 1 : 1 / window(metricName).probability;
  }

  private Window window(String metricName) {
    Window window = windows.get(metricName);
    if (window != null) {
      return window;
    }
    if (windows.size() >= MAX_TRACKED_METRICS) {
      return shared;
    }
    return windows.computeIfAbsent(metricName, name -> new Window(nanoTime.getAsLong()));
  }

  /** Starts a new window when a second has passed, setting its probability from the last one. */
  private void roll(Window window) {
    long now = nanoTime.getAsLong();
    long start = window.start.get();
    long elapsed = now - start;
    if (elapsed >= SECOND_NANOS && window.start.compareAndSet(start, now)) {
      double perSecond = window.seen.sumThenReset() * (double) SECOND_NANOS / elapsed;
      window.probability = perSecond <= maxPerSecond ? 1.0 : maxPerSecond / perSecond;
    }
  }

  @Override
  public String toString() {
    return "rate-limited sampling (" + maxPerSecond + " per second and metric)";
  }
}
