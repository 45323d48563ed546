package nexus.monitoring.api;

/**
 * How to reduce the samples of each bucket of a {@link QuerySpec} to one value: an {@link
 * AggregationFunction} and, for {@link AggregationFunction#EWMA} only, its smoothing factor.
 *
 * <p>EWMA smooths across buckets in time order: with {@code x} the mean of a bucket's samples, the
 * first bucket's value is {@code x} and each later one is {@code alpha * x + (1 - alpha) *
 * previous}. A larger alpha follows recent buckets more closely; {@code alpha = 1} is the bucket
 * mean itself.
 *
 * <pre>{@code
 * AggregationSpec p95 = AggregationSpec.of(AggregationFunction.P95);
 * AggregationSpec smooth = AggregationSpec.ewma(0.3);
 * }</pre>
 *
 * @param function the aggregation
 * @param alpha the EWMA smoothing factor in {@code (0, 1]}; {@link #NO_ALPHA} ({@code NaN}) for
 *     every other function
 * @since 1.0
 */
public record AggregationSpec(AggregationFunction function, double alpha) {

  /** The {@code alpha} of a function that takes no smoothing factor. */
  public static final double NO_ALPHA = Double.NaN;

  /**
   * @throws InvalidMetricException when the function is missing, or alpha is outside {@code (0, 1]}
   *     for EWMA
   * @throws UnsupportedAggregationException when EWMA has no alpha, or another function is given
   *     one
   */
  public AggregationSpec {
    if (function == null) {
      throw new InvalidMetricException("aggregation needs a function");
    }
    if (function == AggregationFunction.EWMA) {
      if (Double.isNaN(alpha)) {
        throw new UnsupportedAggregationException(
            "aggregation EWMA needs a smoothing factor alpha in (0, 1]; none was given");
      }
      if (!(alpha > 0.0 && alpha <= 1.0)) {
        throw new InvalidMetricException(
            "aggregation EWMA has alpha " + alpha + "; expected a number in (0, 1]");
      }
    } else if (!Double.isNaN(alpha)) {
      throw new UnsupportedAggregationException(
          "aggregation "
              + function
              + " takes no smoothing factor, but alpha "
              + alpha
              + " was given; only EWMA uses alpha");
    }
  }

  /**
   * The aggregation {@code function} without a smoothing factor.
   *
   * @throws UnsupportedAggregationException for EWMA, which needs one: use {@link #ewma}
   */
  public static AggregationSpec of(AggregationFunction function) {
    return new AggregationSpec(function, NO_ALPHA);
  }

  /**
   * EWMA with smoothing factor {@code alpha}.
   *
   * @throws InvalidMetricException when alpha is outside {@code (0, 1]}
   */
  public static AggregationSpec ewma(double alpha) {
    return new AggregationSpec(AggregationFunction.EWMA, alpha);
  }

  /** Whether this spec carries a smoothing factor, which is the case exactly for EWMA. */
  public boolean hasAlpha() {
    return !Double.isNaN(alpha);
  }

  /**
   * Checks that this aggregation makes sense over a metric of {@code type}: RATE needs a counter,
   * since only a counter's increase per second is meaningful. Every other function applies to every
   * type.
   *
   * @param metricName for the message
   * @throws UnsupportedAggregationException naming the metric, its type and the function
   */
  public void requireApplicableTo(String metricName, MetricType type) {
    if (function == AggregationFunction.RATE && type != MetricType.COUNTER) {
      throw new UnsupportedAggregationException(
          "aggregation RATE over '"
              + metricName
              + "' of type "
              + type
              + " is not supported; RATE needs a COUNTER");
    }
  }

  @Override
  public String toString() {
    return hasAlpha() ? function + "(alpha=" + alpha + ")" : function.toString();
  }
}
