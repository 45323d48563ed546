package nexus.monitoring.runtime.ingest;

/** What one StatsD line asks for, as told by its type field and, for gauges, the value's sign. */
public enum StatsdType {
  /** {@code c}: an increment, already scaled by the inverse of the sample rate. */
  COUNTER,
  /** {@code g} with an unsigned value: the gauge's new value. */
  GAUGE,
  /** {@code g} with a leading {@code +} or {@code -}: a change to the gauge's current value. */
  GAUGE_DELTA,
  /** {@code ms}: a duration, converted from milliseconds to seconds. */
  TIMING,
  /** {@code h}: one observation of a distribution. */
  HISTOGRAM,
  /** {@code d}: one observation of a distribution; recorded exactly as a histogram. */
  DISTRIBUTION,
  /** {@code s}: one member of a set whose distinct members are counted. */
  SET
}
