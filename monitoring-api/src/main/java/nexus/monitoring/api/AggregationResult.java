package nexus.monitoring.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The answer to a {@link QuerySpec} under an {@link AggregationSpec}: one {@link Series} per
 * distinct combination of group-by values, each a list of {@link Point}s, one per non-empty bucket.
 *
 * <p>Validated on construction, so a storage cannot hand back a result that breaks these promises:
 * every series carries exactly the query's group-by keys, no two series share group values, and
 * every point sits at the start of a bucket of the query's range, in ascending order. A bucket with
 * no samples has no point (rather than a zero); a query that matches nothing has no series.
 *
 * @param query what was asked
 * @param aggregation how buckets were reduced
 * @param series the series found, in no particular order
 * @since 1.0
 */
public record AggregationResult(QuerySpec query, AggregationSpec aggregation, List<Series> series) {

  /**
   * @throws InvalidMetricException when a part is missing or a series does not fit the query
   */
  public AggregationResult {
    if (query == null || aggregation == null) {
      throw new InvalidMetricException("aggregation result needs its query and aggregation");
    }
    if (series == null) {
      throw new InvalidMetricException(
          "aggregation result of '" + query.metricName() + "' has null series; pass an empty list");
    }
    Set<String> expectedKeys = new TreeSet<>(query.groupBy());
    Set<List<MetricTag>> seen = new HashSet<>();
    for (Series s : series) {
      if (s == null) {
        throw new InvalidMetricException(
            "aggregation result of '" + query.metricName() + "' contains a null series");
      }
      Set<String> keys = new TreeSet<>();
      s.groupTags().forEach(tag -> keys.add(tag.key()));
      if (!keys.equals(expectedKeys)) {
        throw new InvalidMetricException(
            "series "
                + MetricTag.render(s.groupTags())
                + " of '"
                + query.metricName()
                + "' has group keys "
                + keys
                + "; expected the query's group-by keys "
                + expectedKeys);
      }
      if (!seen.add(s.groupTags())) {
        throw new InvalidMetricException(
            "series "
                + MetricTag.render(s.groupTags())
                + " of '"
                + query.metricName()
                + "' appears twice");
      }
      for (Point p : s.points()) {
        requireBucketStart(query, p.timestamp());
      }
    }
    series = Collections.unmodifiableList(new ArrayList<>(series));
  }

  /** A result with no series: nothing matched. */
  public static AggregationResult empty(QuerySpec query, AggregationSpec aggregation) {
    return new AggregationResult(query, aggregation, List.of());
  }

  /** Whether no series matched. */
  public boolean isEmpty() {
    return series.isEmpty();
  }

  private static void requireBucketStart(QuerySpec query, Instant timestamp) {
    if (!query.bucketStart(timestamp).map(timestamp::equals).orElse(false)) {
      throw new InvalidMetricException(
          "point at "
              + timestamp
              + " of '"
              + query.metricName()
              + "' is not the start of a bucket; expected from "
              + query.from()
              + " plus a multiple of step "
              + query.step()
              + ", before "
              + query.to());
    }
  }

  /**
   * The buckets of one group.
   *
   * @param groupTags one tag per group-by key, sorted by key; empty without group-by
   * @param points one per non-empty bucket, strictly ascending by timestamp
   */
  public record Series(List<MetricTag> groupTags, List<Point> points) {
    /**
     * @throws InvalidMetricException when a part is missing or points are not strictly ascending
     */
    public Series {
      groupTags = MetricTag.sortedUnique(groupTags);
      if (points == null) {
        throw new InvalidMetricException(
            "series "
                + MetricTag.render(groupTags)
                + " has null points; pass an empty list instead");
      }
      List<Point> copy = new ArrayList<>(points);
      for (int i = 0; i < copy.size(); i++) {
        if (copy.get(i) == null) {
          throw new InvalidMetricException(
              "series " + MetricTag.render(groupTags) + " has a null point");
        }
        if (i > 0 && !copy.get(i - 1).timestamp().isBefore(copy.get(i).timestamp())) {
          throw new InvalidMetricException(
              "series "
                  + MetricTag.render(groupTags)
                  + " has a point at "
                  + copy.get(i).timestamp()
                  + " after one at "
                  + copy.get(i - 1).timestamp()
                  + "; expected strictly ascending timestamps");
        }
      }
      points = Collections.unmodifiableList(copy);
    }
  }

  /**
   * The aggregated value of one bucket.
   *
   * @param timestamp the start of the bucket
   * @param value the aggregate; finite
   */
  public record Point(Instant timestamp, double value) {
    /**
     * @throws InvalidMetricException when the timestamp is missing or the value is not finite
     */
    public Point {
      if (timestamp == null) {
        throw new InvalidMetricException("point needs a timestamp");
      }
      if (!Double.isFinite(value)) {
        throw new InvalidMetricException(
            "point at " + timestamp + " has value " + value + "; expected a finite number");
      }
    }
  }
}
