package nexus.monitoring.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The current state of one series, as an exporter renders it.
 *
 * <p>Counters and gauges carry {@link #value()}; timings and histograms carry a {@link
 * #distribution()} and a {@code NaN} value. Snapshots of one metric name share type, description
 * and unit.
 *
 * @param name follows {@link MetricNames}
 * @param type the kind of metric
 * @param description one line for humans (Prometheus HELP); may be empty, never null
 * @param unit the unit, such as {@code seconds} or {@code bytes}; may be empty, never null
 * @param tags the series' dimensions, sorted by key
 * @param tenant the tenant the series belongs to
 * @param value the counter total or gauge value; {@code NaN} for distributions
 * @param distribution the summary of a timing or histogram; {@code null} otherwise
 * @param exemplar the most recent traced observation, or {@code null}
 * @since 1.0
 */
public record MetricSnapshot(
    String name,
    MetricType type,
    String description,
    String unit,
    List<MetricTag> tags,
    String tenant,
    double value,
    Distribution distribution,
    Exemplar exemplar) {

  /**
   * @throws InvalidMetricException when a part is missing or does not fit the type
   */
  public MetricSnapshot {
    MetricNames.requireValid("metric name", name);
    if (type == null) {
      throw new InvalidMetricException("snapshot of '" + name + "' has no type");
    }
    if (description == null || unit == null) {
      throw new InvalidMetricException(
          "snapshot of '" + name + "' needs a description and a unit (use \"\" for none)");
    }
    tags = MetricTag.sortedUnique(tags);
    Tenants.requireValid(tenant);
    if (type.isDistribution() && distribution == null) {
      throw new InvalidMetricException(
          "snapshot of " + type + " '" + name + "' needs a distribution");
    }
    if (!type.isDistribution() && distribution != null) {
      throw new InvalidMetricException(
          "snapshot of " + type + " '" + name + "' must not carry a distribution");
    }
  }

  /** A counter total or gauge value. */
  public static MetricSnapshot of(
      String name,
      MetricType type,
      String description,
      String unit,
      List<MetricTag> tags,
      double value) {
    return new MetricSnapshot(
        name, type, description, unit, tags, Tenants.DEFAULT, value, null, null);
  }

  /**
   * A summary of observed values: count, sum, extremes and selected quantiles.
   *
   * @param count how many values were observed; not negative
   * @param sum their sum
   * @param min the smallest, {@code NaN} when count is 0
   * @param max the largest, {@code NaN} when count is 0
   * @param quantiles quantile (0..1) to value, in ascending order of quantile
   */
  public record Distribution(
      long count, double sum, double min, double max, Map<Double, Double> quantiles) {
    /**
     * @throws InvalidMetricException when count is negative or a quantile is outside 0..1
     */
    public Distribution {
      if (count < 0) {
        throw new InvalidMetricException("distribution count " + count + " is negative");
      }
      if (quantiles == null) {
        throw new InvalidMetricException("distribution quantiles must not be null");
      }
      TreeMap<Double, Double> sorted = new TreeMap<>();
      for (Map.Entry<Double, Double> q : quantiles.entrySet()) {
        if (!(q.getKey() >= 0.0 && q.getKey() <= 1.0)) {
          throw new InvalidMetricException(
              "distribution quantile " + q.getKey() + " is outside 0..1");
        }
        sorted.put(q.getKey(), q.getValue());
      }
      quantiles = java.util.Collections.unmodifiableMap(sorted);
    }
  }
}
