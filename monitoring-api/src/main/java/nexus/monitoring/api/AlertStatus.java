package nexus.monitoring.api;

/**
 * Where an alert stands in its notification lifecycle. A gateway receives every alert first as
 * {@link #FIRING} and, when the condition clears, once more as {@link #RESOLVED} with the same
 * fingerprint.
 *
 * @since 1.0
 */
public enum AlertStatus {
  /** The condition holds now; the alert has no end time yet. */
  FIRING,
  /** The condition held and has cleared; the alert carries the time it ended. */
  RESOLVED
}
