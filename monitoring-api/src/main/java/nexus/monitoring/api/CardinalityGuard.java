package nexus.monitoring.api;

import java.util.List;

/**
 * Limits the number of distinct series (tag sets) per metric and per tenant, so that a tag with
 * unbounded values (a user id, a URL with ids in it) cannot exhaust memory or storage.
 *
 * <p>Before a series is created, the tracker asks {@link #admit}. A series already known, or new
 * and under both limits, is admitted and keeps its tags; a new series over a limit is folded into
 * the metric's single overflow series, whose only tag is {@link #OVERFLOW_TAG}. Folded values are
 * still recorded (in the overflow series), counted ({@link #overflowCount}) and reported; nothing
 * is dropped silently. The guard's state lives in a {@link
 * nexus.monitoring.api.spi.CardinalityStorage}, so hosts sharing one storage share the limits.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 1.0
 */
public interface CardinalityGuard {

  /** The tag that marks the overflow series of a metric. */
  MetricTag OVERFLOW_TAG = MetricTag.of("nexus.cardinality.overflow", "true");

  /** The complete tag set of an overflow series. */
  List<MetricTag> OVERFLOW_TAGS = List.of(OVERFLOW_TAG);

  /**
   * Admits the series {@code metricName} with {@code tags} of {@code tenant}, or redirects it.
   *
   * @param tags the series' tags, sorted by key, keys unique (as {@link MetricTag#sortedUnique}
   *     returns them)
   * @return {@code tags} when the series is admitted; {@link #OVERFLOW_TAGS} when it was folded
   *     into the overflow series
   * @throws InvalidMetricException when the tenant or metric name is invalid
   */
  List<MetricTag> admit(String tenant, String metricName, List<MetricTag> tags);

  /**
   * How many admissions of {@code metricName} in {@code tenant} were folded into the overflow
   * series since the host started.
   */
  long overflowCount(String tenant, String metricName);

  /**
   * {@link #admit}, for callers that prefer failing to folding.
   *
   * @return {@code tags}, when admitted
   * @throws CardinalityLimitExceededException naming the tenant, the metric and the tags when the
   *     series would have been folded into the overflow series
   */
  default List<MetricTag> admitOrThrow(String tenant, String metricName, List<MetricTag> tags) {
    List<MetricTag> admitted = admit(tenant, metricName, tags);
    if (isOverflow(admitted) && !isOverflow(tags)) {
      throw new CardinalityLimitExceededException(
          "series "
              + MetricTag.render(tags)
              + " of metric '"
              + metricName
              + "' in tenant '"
              + tenant
              + "' was refused: the metric or tenant reached its limit of distinct series");
    }
    return admitted;
  }

  /** Whether {@code tags} is the tag set of an overflow series. */
  static boolean isOverflow(List<MetricTag> tags) {
    return OVERFLOW_TAGS.equals(tags);
  }
}
