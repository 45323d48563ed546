package nexus.monitoring.api;

/**
 * Configuration is wrong. The message names the file, the key, the value found and what was
 * expected.
 *
 * @since 1.0
 */
public class InvalidConfigurationException extends MonitoringException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigurationException(String message) {
    super(message);
  }

  public InvalidConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
