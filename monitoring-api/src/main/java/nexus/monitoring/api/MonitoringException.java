package nexus.monitoring.api;

/**
 * Base of every exception the monitoring contract raises. Unchecked, so that recording a metric or
 * running a check never forces a {@code throws} clause on application code.
 *
 * @since 1.0
 */
public class MonitoringException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MonitoringException(String message) {
    super(message);
  }

  public MonitoringException(String message, Throwable cause) {
    super(message, cause);
  }
}
