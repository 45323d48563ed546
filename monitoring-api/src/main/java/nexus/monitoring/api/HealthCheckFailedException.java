package nexus.monitoring.api;

/**
 * A health check could not complete its probe. The runner turns it into a CRITICAL result carrying
 * this message.
 *
 * @since 1.0
 */
public class HealthCheckFailedException extends MonitoringException {
  private static final long serialVersionUID = 1L;

  public HealthCheckFailedException(String message) {
    super(message);
  }

  public HealthCheckFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
