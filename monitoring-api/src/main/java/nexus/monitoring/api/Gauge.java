package nexus.monitoring.api;

/**
 * A pre-resolved gauge series: one metric name, one tag set, one tenant. Resolve it once with
 * {@link TelemetryTracker#gaugeOf} and keep it.
 *
 * <p>Implementations are thread-safe and do not block; the latest {@link #set} wins.
 *
 * @since 1.0
 */
public interface Gauge {

  /**
   * Sets the current value.
   *
   * @param value finite; may be negative
   * @throws InvalidMetricException naming the metric and the value when it is not finite
   */
  void set(double value);
}
