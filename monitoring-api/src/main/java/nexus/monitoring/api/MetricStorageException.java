package nexus.monitoring.api;

/**
 * A {@link nexus.monitoring.api.spi.MetricStorage} could not read or write; the message names the
 * storage and the operation.
 *
 * @since 1.0
 */
public class MetricStorageException extends MonitoringException {
  private static final long serialVersionUID = 1L;

  public MetricStorageException(String message) {
    super(message);
  }

  public MetricStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
