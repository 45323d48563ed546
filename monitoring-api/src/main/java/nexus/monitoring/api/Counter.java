package nexus.monitoring.api;

/**
 * A pre-resolved counter series: one metric name, one tag set, one tenant. Resolve it once with
 * {@link TelemetryTracker#counterOf} and keep it; each increment then skips the name and tag
 * lookup.
 *
 * <p>Implementations are thread-safe and do not block; an increment costs nanoseconds.
 *
 * @since 1.0
 */
public interface Counter {

  /**
   * Adds {@code amount} to the counter.
   *
   * @param amount finite and not negative
   * @throws InvalidMetricException naming the metric and the amount when it is negative or not
   *     finite
   */
  void increment(double amount);

  /** Adds 1 to the counter. */
  default void increment() {
    increment(1.0);
  }
}
