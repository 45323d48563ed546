package nexus.monitoring.api;

/**
 * A metric or tenant reached its limit of distinct tag sets and the caller asked to fail rather
 * than fold the series into the overflow series.
 *
 * @since 1.0
 */
public class CardinalityLimitExceededException extends MonitoringException {
  private static final long serialVersionUID = 1L;

  public CardinalityLimitExceededException(String message) {
    super(message);
  }

  public CardinalityLimitExceededException(String message, Throwable cause) {
    super(message, cause);
  }
}
