package nexus.monitoring.api;

/**
 * A metric, tag, sample or other value object was given a value it cannot hold. The message names
 * the field, the value and what was expected.
 *
 * @since 1.0
 */
public class InvalidMetricException extends MonitoringException {
  private static final long serialVersionUID = 1L;

  public InvalidMetricException(String message) {
    super(message);
  }

  public InvalidMetricException(String message, Throwable cause) {
    super(message, cause);
  }
}
