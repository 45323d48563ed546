package nexus.monitoring.api;

/**
 * A pre-resolved histogram series for a distribution of values other than durations (sizes, counts
 * per request). Resolve it once with {@link TelemetryTracker#histogramOf} and keep it.
 *
 * <p>Implementations are thread-safe and do not block; observations merge into a mergeable sketch
 * from which percentiles are read.
 *
 * @since 1.0
 */
public interface Histogram {

  /**
   * Records one observation.
   *
   * @param value finite and not negative
   * @throws InvalidMetricException naming the metric and the value when it is negative or not
   *     finite
   */
  void record(double value);
}
