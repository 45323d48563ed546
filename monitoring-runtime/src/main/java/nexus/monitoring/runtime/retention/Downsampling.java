package nexus.monitoring.runtime.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nexus.monitoring.api.Exemplar;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.runtime.telemetry.Sketches;
import org.HdrHistogram.DoubleHistogram;

/** Merges the aggregates of one series into one coarser aggregate. */
final class Downsampling {
  private static final Comparator<MetricAggregate> TIME_ORDER =
      Comparator.comparing(MetricAggregate::start).thenComparing(MetricAggregate::end);

  private Downsampling() {}

  /** The start of the bucket of length {@code step}, aligned to the epoch, holding {@code t}. */
  static Instant alignDown(Instant t, Duration step) {
    long whole = Duration.between(Instant.EPOCH, t).dividedBy(step);
    return Instant.EPOCH.plus(step.multipliedBy(whole));
  }

  /**
   * One aggregate starting at {@code start} and lasting {@code step} that stands for all of {@code
   * series} (aggregates of one name, type, tenant and tag set): counts, sums and sums of squares
   * add, extremes combine, sketches merge, {@code last} is the latest one's (for a GAUGE the latest
   * known one, as a gauge holds its value) and the exemplar is the latest one.
   *
   * <p>A sum that is {@code NaN} (a counter source that reports running totals only) makes the
   * merged sum {@code NaN}, so a rate falls back on the running totals rather than read a zero.
   *
   * @return null when the group cannot be merged without losing information, and the caller keeps
   *     it as it is: some aggregates carry a sketch and another holds several distinct values
   *     without one, so no sketch could stand for all of them; or some sums are known and others
   *     are not, so the merged sum would be neither the increase nor unknown
   */
  static MetricAggregate merge(List<MetricAggregate> series, Instant start, Duration step) {
    List<MetricAggregate> inOrder = new ArrayList<>(series);
    inOrder.sort(TIME_ORDER);
    MetricAggregate first = inOrder.get(0);

    long count = 0;
    double sum = 0;
    double sumOfSquares = 0;
    double min = Double.NaN;
    double max = Double.NaN;
    double last = Double.NaN;
    Exemplar exemplar = null;
    boolean anySketch = false;
    int unknownSums = 0;
    for (MetricAggregate aggregate : inOrder) {
      count += aggregate.count();
      if (Double.isNaN(aggregate.sum())) {
        unknownSums++;
      } else if (aggregate.count() > 0) {
        sum += aggregate.sum();
        sumOfSquares += aggregate.sumOfSquares();
      }
      if (aggregate.count() > 0) {
        min = combine(min, aggregate.min(), true);
        max = combine(max, aggregate.max(), false);
      }
      if (first.type() == MetricType.GAUGE) {
        last = Double.isNaN(aggregate.last()) ? last : aggregate.last();
      } else {
        // A counter's running total from an earlier step would make a rate count twice.
        last = aggregate.last();
      }
      Exemplar candidate = aggregate.exemplar();
      if (candidate != null
          && (exemplar == null || !candidate.timestamp().isBefore(exemplar.timestamp()))) {
        exemplar = candidate;
      }
      anySketch |= aggregate.sketch() != null;
    }

    if (unknownSums == inOrder.size()) {
      sum = Double.NaN;
      sumOfSquares = Double.NaN;
    } else if (unknownSums > 0) {
      return null;
    }

    byte[] sketch = null;
    if (anySketch) {
      DoubleHistogram merged = Sketches.empty();
      for (MetricAggregate aggregate : inOrder) {
        byte[] bytes = aggregate.sketch();
        if (bytes != null) {
          merged = Sketches.merge(merged, Sketches.decode(bytes), first.name(), "downsampling");
        } else if (aggregate.count() == 0) {
          continue;
        } else if (aggregate.min() == aggregate.max() && aggregate.min() >= 0) {
          DoubleHistogram constant = Sketches.empty();
          constant.recordValueWithCount(aggregate.min(), aggregate.count());
          merged = Sketches.merge(merged, constant, first.name(), "downsampling");
        } else {
          return null;
        }
      }
      sketch = Sketches.encode(merged);
    }
    return new MetricAggregate(
        first.name(),
        first.type(),
        first.tags(),
        first.tenant(),
        start,
        step,
        count,
        sum,
        sumOfSquares,
        min,
        max,
        last,
        sketch,
        exemplar);
  }

  private static double combine(double current, double candidate, boolean smallest) {
    if (Double.isNaN(candidate)) {
      return current;
    }
    if (Double.isNaN(current)) {
      return candidate;
    }
    return smallest ? Math.min(current, candidate) : Math.max(current, candidate);
  }
}
