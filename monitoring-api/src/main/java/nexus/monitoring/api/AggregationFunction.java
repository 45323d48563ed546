package nexus.monitoring.api;

/**
 * The aggregations the query engine computes over a {@link QuerySpec}.
 *
 * @since 1.0
 */
public enum AggregationFunction {
  /** Arithmetic mean of the values. */
  AVG,
  /** Sum of the values. */
  SUM,
  /** Smallest value. */
  MIN,
  /** Largest value. */
  MAX,
  /** Number of recorded values. */
  COUNT,
  /** Median, from merged sketches. */
  P50,
  /** 95th percentile, from merged sketches. */
  P95,
  /** 99th percentile, from merged sketches. */
  P99,
  /** Population standard deviation (divides by n, not n - 1). */
  STDDEV,
  /** Increase per second of a counter, correct across counter resets. */
  RATE,
  /** Exponentially weighted moving average; the smoothing factor comes from the spec. */
  EWMA;

  /** The quantile this function computes, or {@code NaN} for functions that are not one. */
  public double quantile() {
    return switch (this) {
      case P50 -> 0.50;
      case P95 -> 0.95;
      case P99 -> 0.99;
      default -> Double.NaN;
    };
  }
}
