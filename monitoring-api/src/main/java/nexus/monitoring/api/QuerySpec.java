package nexus.monitoring.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to read from metric history: one metric of one tenant over a time range, narrowed by tag
 * filters, split into series by group-by keys and into buckets of {@code step}.
 *
 * <p>The range is half-open, {@code [from, to)}. Buckets are aligned to {@code from}: bucket {@code
 * i} covers {@code [from + i * step, from + (i + 1) * step)}, and the last one is cut at {@code
 * to}. A sample belongs to the query when {@link #matches} says so; every storage applies exactly
 * that rule.
 *
 * <pre>{@code
 * QuerySpec query = QuerySpec.builder("http.server.requests")
 *     .between(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T01:00:00Z"))
 *     .tag("method", "GET")
 *     .groupBy("status")
 *     .step(Duration.ofMinutes(5))
 *     .build();
 * }</pre>
 *
 * @param metricName follows {@link MetricNames}
 * @param from start of the range, inclusive; not before the epoch
 * @param to end of the range, exclusive; after {@code from}
 * @param tagFilters tags a sample must carry with exactly these values; sorted by key, keys unique
 * @param groupBy tag keys whose values split the result into series, in the order given, no
 *     repeats; empty for one series
 * @param step bucket length; positive
 * @param tenant follows {@link Tenants}; a query never sees another tenant's samples
 * @since 1.0
 */
public record QuerySpec(
    String metricName,
    Instant from,
    Instant to,
    List<MetricTag> tagFilters,
    List<String> groupBy,
    Duration step,
    String tenant) {

  /**
   * @throws InvalidMetricException naming the field and the value when any component is invalid
   */
  public QuerySpec {
    MetricNames.requireValid("metric name", metricName);
    if (from == null || to == null) {
      throw new InvalidMetricException(
          "query of '" + metricName + "' needs both from and to; got from=" + from + ", to=" + to);
    }
    if (from.isBefore(Instant.EPOCH)) {
      throw new InvalidMetricException(
          "query of '" + metricName + "' has from " + from + " before 1970-01-01T00:00:00Z");
    }
    if (!from.isBefore(to)) {
      throw new InvalidMetricException(
          "query of '"
              + metricName
              + "' has from "
              + from
              + " and to "
              + to
              + "; expected from before to");
    }
    tagFilters = MetricTag.sortedUnique(tagFilters);
    groupBy = requireGroupBy(metricName, groupBy);
    if (step == null || step.isNegative() || step.isZero()) {
      throw new InvalidMetricException(
          "query of '" + metricName + "' has step " + step + "; expected a positive duration");
    }
    Tenants.requireValid(tenant);
  }

  /** Starts a query of {@code metricName} for the default tenant; set the range with between. */
  public static Builder builder(String metricName) {
    return new Builder(metricName);
  }

  /** The length of the range, {@code to - from}. */
  public Duration range() {
    return Duration.between(from, to);
  }

  /** How many buckets the range splits into: the range divided by step, rounded up; at least 1. */
  public long bucketCount() {
    Duration range = range();
    long whole = range.dividedBy(step);
    return step.multipliedBy(whole).equals(range) ? whole : whole + 1;
  }

  /**
   * The start of the bucket holding {@code timestamp}, or empty when it lies outside {@code [from,
   * to)}.
   */
  public Optional<Instant> bucketStart(Instant timestamp) {
    if (timestamp.isBefore(from) || !timestamp.isBefore(to)) {
      return Optional.empty();
    }
    long index = Duration.between(from, timestamp).dividedBy(step);
    return Optional.of(from.plus(step.multipliedBy(index)));
  }

  /**
   * Whether {@code sample} belongs to this query: same metric name and tenant, timestamp in {@code
   * [from, to)}, and every tag filter present on the sample with the same value.
   */
  public boolean matches(Metric sample) {
    if (!sample.name().equals(metricName) || !sample.tenant().equals(tenant)) {
      return false;
    }
    if (sample.timestamp().isBefore(from) || !sample.timestamp().isBefore(to)) {
      return false;
    }
    for (MetricTag filter : tagFilters) {
      if (!sample.tag(filter.key()).filter(filter.value()::equals).isPresent()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The group-by tags of the series {@code sample} falls into: one tag per group-by key, sorted by
   * key, with the sample's value for that key or {@code ""} when the sample lacks it.
   */
  public List<MetricTag> groupTags(Metric sample) {
    List<MetricTag> tags = new ArrayList<>(groupBy.size());
    for (String key : groupBy) {
      tags.add(new MetricTag(key, sample.tag(key).orElse("")));
    }
    return MetricTag.sortedUnique(tags);
  }

  private static List<String> requireGroupBy(String metricName, List<String> groupBy) {
    if (groupBy == null) {
      throw new InvalidMetricException(
          "query of '" + metricName + "' has null group-by keys; pass an empty list instead");
    }
    Set<String> seen = new HashSet<>();
    for (String key : groupBy) {
      MetricNames.requireValid("group-by key", key);
      if (!seen.add(key)) {
        throw new InvalidMetricException(
            "query of '" + metricName + "' groups by '" + key + "' twice; expected distinct keys");
      }
    }
    return Collections.unmodifiableList(new ArrayList<>(groupBy));
  }

  /**
   * Collects the parts of a {@link QuerySpec}; validation happens in {@link #build()}. Without a
   * step, the whole range is one bucket.
   */
  public static final class Builder {
    private final String metricName;
    private Instant from;
    private Instant to;
    private final List<MetricTag> tagFilters = new ArrayList<>();
    private final List<String> groupBy = new ArrayList<>();
    private Duration step;
    private String tenant = Tenants.DEFAULT;

    private Builder(String metricName) {
      this.metricName = metricName;
    }

    /** The half-open range {@code [from, to)}. */
    public Builder between(Instant from, Instant to) {
      this.from = from;
      this.to = to;
      return this;
    }

    /** The range {@code [to - length, to)}, such as the last hour. */
    public Builder last(Duration length, Instant to) {
      this.from = length == null || to == null ? null : to.minus(length);
      this.to = to;
      return this;
    }

    /** Keeps only samples whose tag {@code key} has {@code value}. */
    public Builder tag(String key, String value) {
      tagFilters.add(new MetricTag(key, value));
      return this;
    }

    /** Splits the result by the values of these tag keys, after any added before. */
    public Builder groupBy(String... keys) {
      groupBy.addAll(Arrays.asList(keys));
      return this;
    }

    public Builder step(Duration step) {
      this.step = step;
      return this;
    }

    public Builder tenant(String tenant) {
      this.tenant = tenant;
      return this;
    }

    /**
     * @throws InvalidMetricException when any part is invalid or the range is missing
     */
    public QuerySpec build() {
      Duration bucket = step;
      if (bucket == null && from != null && to != null && from.isBefore(to)) {
        bucket = Duration.between(from, to);
      }
      return new QuerySpec(metricName, from, to, tagFilters, groupBy, bucket, tenant);
    }
  }
}
