package nexus.monitoring.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What one series recorded during one step: the unit of metric history that storages keep and the
 * query engine reduces.
 *
 * <p>The tracker produces one aggregate per active series and step when it flushes; a single pushed
 * sample is an aggregate of count 1. Aggregates of one series merge: counts and sums add, extremes
 * combine, sketches merge, so percentiles over long ranges and across hosts are computed from
 * merged sketches rather than by averaging percentiles.
 *
 * <p>Per type:
 *
 * <ul>
 *   <li>COUNTER: {@code sum} is the increase during the step, {@code count} the number of
 *       increments, {@code last} the counter's running total at the end of the step as its source
 *       saw it (so a rate can detect a reset), or {@code NaN} when the source only sends increases.
 *   <li>GAUGE: {@code last} is the value at the end of the step; {@code sum}, {@code min}, {@code
 *       max} and {@code count} cover every value set during it, or the held value once when none
 *       was set, so a steady gauge still has a point in every step.
 *   <li>TIMING (seconds) and HISTOGRAM: {@code count}, {@code sum}, {@code min}, {@code max} of the
 *       observations, and {@code sketch}, their mergeable distribution.
 * </ul>
 *
 * @param name follows {@link MetricNames}
 * @param type the kind of metric
 * @param tags the series' dimensions, sorted by key
 * @param tenant follows {@link Tenants}
 * @param start the start of the step; not before the epoch
 * @param step the length of the step; positive
 * @param count how many values were recorded; not negative
 * @param sum their sum
 * @param sumOfSquares the sum of their squares, for a population standard deviation
 * @param min the smallest, {@code NaN} when count is 0
 * @param max the largest, {@code NaN} when count is 0
 * @param last see above; {@code NaN} when unknown
 * @param sketch the encoded mergeable distribution of the values, or {@code null}; opaque to
 *     storages, which keep it as given
 * @param exemplar the latest traced observation of the step, or {@code null}
 * @since 1.0
 */
public record MetricAggregate(
    String name,
    MetricType type,
    List<MetricTag> tags,
    String tenant,
    Instant start,
    Duration step,
    long count,
    double sum,
    double sumOfSquares,
    double min,
    double max,
    double last,
    byte[] sketch,
    Exemplar exemplar) {

  /**
   * @throws InvalidMetricException naming the field and the value when a part is invalid
   */
  public MetricAggregate {
    MetricNames.requireValid("metric name", name);
    if (type == null) {
      throw new InvalidMetricException("aggregate of '" + name + "' has no type");
    }
    tags = MetricTag.sortedUnique(tags);
    Tenants.requireValid(tenant);
    if (start == null || start.isBefore(Instant.EPOCH)) {
      throw new InvalidMetricException(
          "aggregate of '" + name + "' has start " + start + "; expected an instant after 1970");
    }
    if (step == null || step.isZero() || step.isNegative()) {
      throw new InvalidMetricException(
          "aggregate of '" + name + "' has step " + step + "; expected a positive duration");
    }
    if (count < 0) {
      throw new InvalidMetricException(
          "aggregate of '" + name + "' has count " + count + "; expected zero or more");
    }
    sketch = sketch == null ? null : sketch.clone();
  }

  /** The aggregate of one pushed sample, in a step of {@code step} starting at its timestamp. */
  public static MetricAggregate of(Metric sample, Duration step) {
    double v = sample.value();
    Exemplar exemplar =
        sample.traceContext() == null
            ? null
            : new Exemplar(v, sample.traceContext(), sample.timestamp());
    return new MetricAggregate(
        sample.name(),
        sample.type(),
        sample.tags(),
        sample.tenant(),
        sample.timestamp(),
        step,
        1,
        v,
        v * v,
        v,
        v,
        sample.type() == MetricType.COUNTER ? Double.NaN : v,
        null,
        exemplar);
  }

  /** The end of the step, {@code start + step}. */
  public Instant end() {
    return start.plus(step);
  }

  /** The encoded sketch; a copy, so the aggregate stays immutable. */
  @Override
  public byte[] sketch() {
    return sketch == null ? null : sketch.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MetricAggregate a
        && name.equals(a.name)
        && type == a.type
        && tags.equals(a.tags)
        && tenant.equals(a.tenant)
        && start.equals(a.start)
        && step.equals(a.step)
        && count == a.count
        && Double.compare(sum, a.sum) == 0
        && Double.compare(sumOfSquares, a.sumOfSquares) == 0
        && Double.compare(min, a.min) == 0
        && Double.compare(max, a.max) == 0
        && Double.compare(last, a.last) == 0
        && Arrays.equals(sketch, a.sketch)
        && java.util.Objects.equals(exemplar, a.exemplar);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, type, tags, tenant, start, step, count, sum, last) * 31
        + Arrays.hashCode(sketch);
  }

  @Override
  public String toString() {
    return "MetricAggregate["
        + name
        + " "
        + type
        + " "
        + tags
        + " tenant="
        + tenant
        + " start="
        + start
        + " step="
        + step
        + " count="
        + count
        + " sum="
        + sum
        + " min="
        + min
        + " max="
        + max
        + " last="
        + last
        + " sketch="
        + (sketch == null ? "none" : sketch.length + " bytes")
        + "]";
  }
}
