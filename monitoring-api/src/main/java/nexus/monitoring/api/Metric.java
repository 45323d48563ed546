package nexus.monitoring.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One recorded sample: what was measured, its value, its dimensions, when, for which tenant, and
 * optionally the trace it was recorded in.
 *
 * <p>Immutable and validated on construction. For a {@link MetricType#COUNTER} the value is the
 * increment; for a {@link MetricType#TIMING} it is a duration in seconds; for a {@link
 * MetricType#GAUGE} it is the current value; for a {@link MetricType#HISTOGRAM} it is one
 * observation.
 *
 * <pre>{@code
 * Metric sample = Metric.builder("http.server.requests", MetricType.COUNTER)
 *     .value(1)
 *     .tag("method", "GET")
 *     .build();
 * }</pre>
 *
 * @param name follows {@link MetricNames}
 * @param type the kind of metric
 * @param value finite; not negative for counters, timings and histograms
 * @param tags sorted by key, keys unique
 * @param timestamp when the value was observed; not before the epoch
 * @param tenant follows {@link Tenants}
 * @param traceContext the trace the sample was recorded in, or {@code null}
 * @since 1.0
 */
public record Metric(
    String name,
    MetricType type,
    double value,
    List<MetricTag> tags,
    Instant timestamp,
    String tenant,
    TraceContext traceContext) {

  /**
   * @throws InvalidMetricException naming the field and the value when any component is invalid
   */
  public Metric {
    MetricNames.requireValid("metric name", name);
    if (type == null) {
      throw new InvalidMetricException("metric '" + name + "' has no type");
    }
    if (!Double.isFinite(value)) {
      throw new InvalidMetricException(
          "metric '" + name + "' has value " + value + "; expected a finite number");
    }
    if (value < 0 && type != MetricType.GAUGE) {
      throw new InvalidMetricException(
          "metric '"
              + name
              + "' of type "
              + type
              + " has negative value "
              + value
              + "; only gauges may be negative");
    }
    tags = MetricTag.sortedUnique(tags);
    if (timestamp == null) {
      throw new InvalidMetricException("metric '" + name + "' has no timestamp");
    }
    if (timestamp.isBefore(Instant.EPOCH)) {
      throw new InvalidMetricException(
          "metric '" + name + "' has timestamp " + timestamp + " before 1970-01-01T00:00:00Z");
    }
    Tenants.requireValid(tenant);
  }

  /** The trace the sample was recorded in, if any. */
  public Optional<TraceContext> trace() {
    return Optional.ofNullable(traceContext);
  }

  /** The value of tag {@code key}, if the sample has it. */
  public Optional<String> tag(String key) {
    for (MetricTag tag : tags) {
      if (tag.key().equals(key)) {
        return Optional.of(tag.value());
      }
    }
    return Optional.empty();
  }

  /** Starts a sample of {@code name} and {@code type}, stamped now, for the default tenant. */
  public static Builder builder(String name, MetricType type) {
    return new Builder(name, type);
  }

  /** Collects the parts of a {@link Metric}; validation happens in {@link #build()}. */
  public static final class Builder {
    private final String name;
    private final MetricType type;
    private double value;
    private final java.util.ArrayList<MetricTag> tags = new java.util.ArrayList<>();
    private Instant timestamp = Instant.now();
    private String tenant = Tenants.DEFAULT;
    private TraceContext traceContext;

    private Builder(String name, MetricType type) {
      this.name = name;
      this.type = type;
    }

    public Builder value(double value) {
      this.value = value;
      return this;
    }

    public Builder tag(String key, String value) {
      tags.add(new MetricTag(key, value));
      return this;
    }

    public Builder tags(Map<String, String> tags) {
      tags.forEach(this::tag);
      return this;
    }

    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    public Builder tenant(String tenant) {
      this.tenant = tenant;
      return this;
    }

    public Builder trace(TraceContext traceContext) {
      this.traceContext = traceContext;
      return this;
    }

    /**
     * @throws InvalidMetricException when any part is invalid
     */
    public Metric build() {
      return new Metric(name, type, value, tags, timestamp, tenant, traceContext);
    }
  }
}
