package nexus.monitoring.api;

/**
 * An aggregation was requested that the metric's type cannot support, for example RATE over a
 * gauge; the message says why.
 *
 * @since 1.0
 */
public class UnsupportedAggregationException extends MonitoringException {
  private static final long serialVersionUID = 1L;

  public UnsupportedAggregationException(String message) {
    super(message);
  }

  public UnsupportedAggregationException(String message, Throwable cause) {
    super(message, cause);
  }
}
