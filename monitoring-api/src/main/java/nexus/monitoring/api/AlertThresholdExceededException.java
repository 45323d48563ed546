package nexus.monitoring.api;

/**
 * An observed value crossed an alert threshold; raised by code that treats a breach as an error,
 * for example around an SLO-wrapped call.
 *
 * @since 1.0
 */
public class AlertThresholdExceededException extends MonitoringException {
  private static final long serialVersionUID = 1L;

  public AlertThresholdExceededException(String message) {
    super(message);
  }

  public AlertThresholdExceededException(String message, Throwable cause) {
    super(message, cause);
  }
}
