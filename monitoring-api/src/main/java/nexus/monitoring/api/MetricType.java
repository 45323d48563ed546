package nexus.monitoring.api;

/**
 * The kind of a metric, which decides how its samples aggregate and how exporters render it.
 *
 * @since 1.0
 */
public enum MetricType {
  /** A monotonically increasing count; rates are computed from it, resets are detected. */
  COUNTER,
  /** A value that goes up and down; the latest value wins. */
  GAUGE,
  /** A duration, recorded in seconds, summarised into a distribution. */
  TIMING,
  /** Any other distribution of values (sizes, counts per request), summarised likewise. */
  HISTOGRAM;

  /** Whether samples of this type are summarised into a distribution rather than one number. */
  public boolean isDistribution() {
    return this == TIMING || this == HISTOGRAM;
  }
}
