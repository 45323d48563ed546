package nexus.monitoring.api;

/**
 * How urgent an alert is, from least to most severe; {@link #compareTo} follows that order.
 *
 * @since 1.0
 */
public enum AlertSeverity {
  INFO,
  WARNING,
  CRITICAL;

  /** The more severe of this and {@code other}. */
  public AlertSeverity worst(AlertSeverity other) {
    return other.compareTo(this) > 0 ? other : this;
  }
}
