package nexus.monitoring.runtime.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import nexus.monitoring.api.AggregationFunction;
import nexus.monitoring.api.AggregationResult;
import nexus.monitoring.api.AggregationResult.Point;
import nexus.monitoring.api.AggregationResult.Series;
import nexus.monitoring.api.AggregationSpec;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricStorageException;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.api.UnsupportedAggregationException;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.runtime.telemetry.Sketches;
import org.HdrHistogram.DoubleHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a {@link QuerySpec} under an {@link AggregationSpec} from the {@link MetricAggregate}s a
 * {@link MetricStorage} holds.
 *
 * <p>The engine reads the query's aggregates, splits them into series by the query's group-by keys
 * (an aggregate lacking a key falls into the series whose value for it is {@code ""}), puts each
 * into the bucket holding its {@code start}, and reduces every bucket to one point. Aggregates of
 * different series, steps and hosts that land in one bucket are merged: counts, sums and sums of
 * squares add, extremes combine and sketches merge, so nothing is averaged that should not be.
 * Bucket {@code i} starts at {@code from + i * step}; its <em>length</em> is {@code step}, except
 * the last, which ends at {@code to}.
 *
 * <p>Within a bucket, "the values" are the values recorded in its aggregates: increments for a
 * COUNTER, every value set for a GAUGE, observations for a TIMING or HISTOGRAM.
 *
 * <ul>
 *   <li><b>AVG</b>: sum of the values / their count.
 *   <li><b>SUM</b>: sum of the values; for a counter, its total increase.
 *   <li><b>MIN</b>, <b>MAX</b>: smallest and largest value.
 *   <li><b>COUNT</b>: how many values were recorded, the sum of the aggregates' counts.
 *   <li><b>P50</b>, <b>P95</b>, <b>P99</b>: the nearest-rank percentile, the smallest value {@code
 *       v} such that at least {@code p%} of the values are {@code <= v}. For TIMING and HISTOGRAM
 *       it is read from the merge of the bucket's sketches, so it is within {@link
 *       Sketches#RELATIVE_ERROR} of the exact value; an aggregate holding one value (or only equal
 *       values) and no sketch contributes that value exactly. For GAUGE it is computed exactly over
 *       the {@code last} value of every aggregate in the bucket (one per series and step), that is
 *       over the gauge as sampled at the end of each step.
 *   <li><b>STDDEV</b>: the <em>population</em> standard deviation, dividing by {@code n}: {@code
 *       sqrt(max(0, (sumOfSquares - sum * sum / n) / n))} with {@code n} the count, and exactly 0
 *       when all values are equal (so also for a single value).
 *   <li><b>RATE</b>: the counter's increase during the bucket divided by the bucket's length in
 *       seconds. The increase adds up, per series (tags and tenant), over its aggregates in order
 *       of start. An aggregate whose {@code sum} is known contributes that sum: the increase its
 *       source counted during the step, which a reset cannot make negative. An aggregate whose
 *       {@code sum} is {@code NaN} (a source that reports running totals only) contributes what the
 *       running totals show: {@code last - previous last} when {@code last} is not lower, {@code
 *       last} alone when it is lower (the counter was reset and counted up again from zero), and 0
 *       when either running total is unknown or it is the series' first aggregate in the bucket (a
 *       bucket never looks back into the previous one). The series' increases are then added. Sums
 *       take precedence over running totals because several hosts may record the same series into
 *       one storage: their running totals interleave and would look like resets, while their sums
 *       add up correctly.
 *   <li><b>EWMA</b>: as {@link AggregationSpec} states, smoothed across buckets in time order: with
 *       {@code x} a bucket's AVG, the first point is {@code x} and each later one is {@code alpha *
 *       x + (1 - alpha) * previous point}. A bucket without values has no point and does not decay
 *       the average.
 * </ul>
 *
 * <p>Type support: RATE needs a COUNTER; P50, P95 and P99 refuse a COUNTER, whose aggregates hold
 * increments without their distribution. Everything else applies to every type. An unsupported
 * combination raises {@link UnsupportedAggregationException} whether or not the range holds data,
 * as long as the storage knows the metric.
 *
 * <p>A bucket without aggregates has no point. A bucket whose aggregates recorded no values (count
 * 0) has no point for AVG, MIN, MAX, the percentiles, STDDEV and EWMA, whose value would be
 * undefined, and 0 for SUM, COUNT and RATE. A series without points is left out, so a range without
 * data gives a result without series, never a zero.
 *
 * <p>Thread-safe: apart from whether it has warned about a misbehaving storage, the engine keeps no
 * state between queries.
 */
public final class QueryEngine {
  private static final Logger LOG = LoggerFactory.getLogger(QueryEngine.class);

  private static final Set<AggregationFunction> PERCENTILES =
      EnumSet.of(AggregationFunction.P50, AggregationFunction.P95, AggregationFunction.P99);

  private static final Comparator<List<MetricTag>> TAG_ORDER =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c = a.get(i).compareTo(b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

  private static final Comparator<MetricAggregate> TIME_ORDER =
      Comparator.comparing(MetricAggregate::start).thenComparing(MetricAggregate::end);

  private final MetricStorage storage;
  private final AtomicBoolean warnedAboutStrays = new AtomicBoolean();

  /**
   * @param storage where the history is read; each query reads it once, and reads the metric list
   *     only when the range holds no aggregate
   */
  public QueryEngine(MetricStorage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
  }

  /**
   * Aggregates {@code query} by {@code aggregation}, as the class documentation defines.
   *
   * @return one series per group with at least one point, sorted by group tags; no series when
   *     nothing matched
   * @throws UnsupportedAggregationException when the metric's type does not support the function,
   *     or percentiles are asked of aggregates that carry several distinct values but no sketch
   * @throws MetricStorageException when the storage fails, naming the storage and the operation
   */
  public AggregationResult query(QuerySpec query, AggregationSpec aggregation) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(aggregation, "aggregation");

    List<MetricAggregate> found = matching(query, readFromStorage(query));
    MetricType type = typeOf(query, found);
    if (type == null) {
      return AggregationResult.empty(query, aggregation);
    }
    requireSupported(query.metricName(), type, aggregation);
    if (found.isEmpty()) {
      return AggregationResult.empty(query, aggregation);
    }

    Map<List<MetricTag>, NavigableMap<Instant, List<MetricAggregate>>> groups = new HashMap<>();
    BucketFinder buckets = new BucketFinder(query);
    for (MetricAggregate aggregate : found) {
      Instant bucket = buckets.startOf(aggregate.start());
      groups
          .computeIfAbsent(groupTags(query, aggregate), tags -> new TreeMap<>())
          .computeIfAbsent(bucket, start -> new ArrayList<>())
          .add(aggregate);
    }
    List<List<MetricTag>> order = new ArrayList<>(groups.keySet());
    order.sort(TAG_ORDER);
    List<Series> series = new ArrayList<>();
    for (List<MetricTag> tags : order) {
      List<Point> points = reduce(query, aggregation, type, groups.get(tags));
      if (!points.isEmpty()) {
        series.add(new Series(tags, points));
      }
    }
    return new AggregationResult(query, aggregation, series);
  }

  /**
   * Checks that {@code aggregation} applies to a metric of {@code type}: RATE needs a COUNTER, and
   * the percentiles refuse one.
   *
   * @param metricName for the message
   * @throws UnsupportedAggregationException naming the metric, its type, the function and why
   */
  public static void requireSupported(
      String metricName, MetricType type, AggregationSpec aggregation) {
    aggregation.requireApplicableTo(metricName, type);
    if (type == MetricType.COUNTER && PERCENTILES.contains(aggregation.function())) {
      throw new UnsupportedAggregationException(
          "aggregation "
              + aggregation.function()
              + " over '"
              + metricName
              + "' of type COUNTER is not supported; a counter keeps increments, not their"
              + " distribution: percentiles need a TIMING, HISTOGRAM or GAUGE");
    }
  }

  private List<MetricAggregate> readFromStorage(QuerySpec query) {
    try {
      return storage.read(query);
    } catch (MetricStorageException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new MetricStorageException(
          "metric storage "
              + storage.getClass().getName()
              + " failed to read '"
              + query.metricName()
              + "' for tenant "
              + query.tenant()
              + ": "
              + e,
          e);
    }
  }

  /**
   * Keeps what the query asked for. A storage should return nothing else; this guards tenant
   * isolation against one that does.
   */
  private List<MetricAggregate> matching(QuerySpec query, List<MetricAggregate> read) {
    List<MetricAggregate> kept = new ArrayList<>(read.size());
    int strays = 0;
    for (MetricAggregate aggregate : read) {
      if (aggregate != null
          && aggregate.name().equals(query.metricName())
          && aggregate.tenant().equals(query.tenant())
          && !aggregate.start().isBefore(query.from())
          && aggregate.start().isBefore(query.to())
          && aggregate.tags().containsAll(query.tagFilters())) {
        kept.add(aggregate);
      } else {
        strays++;
      }
    }
    if (strays > 0) {
      String message =
          "metric storage {} returned {} aggregates outside query of '{}' for tenant {}; they were"
              + " left out. The storage breaks the MetricStorage.read contract: report it to its"
              + " plugin's authors";
      Object[] args = {storage.getClass().getName(), strays, query.metricName(), query.tenant()};
      if (warnedAboutStrays.compareAndSet(false, true)) {
        LOG.warn(message, args);
      } else {
        LOG.debug(message, args);
      }
    }
    return kept;
  }

  /** The metric's type from its aggregates, or from the storage's list; null when unknown. */
  private MetricType typeOf(QuerySpec query, List<MetricAggregate> found) {
    if (found.isEmpty()) {
      try {
        return storage.metrics().get(query.metricName());
      } catch (MetricStorageException e) {
        throw e;
      } catch (RuntimeException | LinkageError e) {
        throw new MetricStorageException(
            "metric storage " + storage.getClass().getName() + " failed to list metrics: " + e, e);
      }
    }
    MetricType type = found.get(0).type();
    for (MetricAggregate aggregate : found) {
      if (aggregate.type() != type) {
        throw new MetricStorageException(
            "metric storage "
                + storage.getClass().getName()
                + " holds aggregates of '"
                + query.metricName()
                + "' of types "
                + type
                + " and "
                + aggregate.type()
                + "; a metric has one type, so the query cannot be answered");
      }
    }
    return type;
  }

  private static List<MetricTag> groupTags(QuerySpec query, MetricAggregate aggregate) {
    if (query.groupBy().isEmpty()) {
      return List.of();
    }
    Map<String, String> values = new HashMap<>();
    for (MetricTag tag : aggregate.tags()) {
      values.put(tag.key(), tag.value());
    }
    List<MetricTag> tags = new ArrayList<>(query.groupBy().size());
    for (String key : query.groupBy()) {
      tags.add(new MetricTag(key, values.getOrDefault(key, "")));
    }
    return MetricTag.sortedUnique(tags);
  }

  private static List<Point> reduce(
      QuerySpec query,
      AggregationSpec aggregation,
      MetricType type,
      NavigableMap<Instant, List<MetricAggregate>> buckets) {
    List<Point> points = new ArrayList<>(buckets.size());
    double smoothed = Double.NaN;
    for (Map.Entry<Instant, List<MetricAggregate>> bucket : buckets.entrySet()) {
      List<MetricAggregate> aggregates = bucket.getValue();
      double value =
          switch (aggregation.function()) {
            case AVG -> mean(aggregates);
            case SUM -> sum(aggregates);
            case MIN -> extreme(aggregates, true);
            case MAX -> extreme(aggregates, false);
            case COUNT -> count(aggregates);
            case P50, P95, P99 ->
                type == MetricType.GAUGE
                    ? exactPercentileOfLast(aggregates, aggregation.function())
                    : sketchPercentile(query, aggregates, aggregation.function());
            case STDDEV -> populationStandardDeviation(aggregates);
            case RATE -> increase(aggregates) / seconds(bucketLength(query, bucket.getKey()));
            case EWMA -> {
              double x = mean(aggregates);
              if (!Double.isNaN(x)) {
                double alpha = aggregation.alpha();
                smoothed = Double.isNaN(smoothed) ? x : alpha * x + (1 - alpha) * smoothed;
              }
              yield Double.isNaN(x) ? Double.NaN : smoothed;
            }
          };
      if (!Double.isNaN(value)) {
        points.add(new Point(bucket.getKey(), value));
      }
    }
    return points;
  }

  private static long totalCount(List<MetricAggregate> aggregates) {
    long count = 0;
    for (MetricAggregate aggregate : aggregates) {
      count += aggregate.count();
    }
    return count;
  }

  private static double count(List<MetricAggregate> aggregates) {
    return totalCount(aggregates);
  }

  private static double sum(List<MetricAggregate> aggregates) {
    double sum = 0;
    for (MetricAggregate aggregate : aggregates) {
      if (aggregate.count() > 0) {
        sum += aggregate.sum();
      }
    }
    return sum;
  }

  /** The mean of the values, or NaN when there are none. */
  private static double mean(List<MetricAggregate> aggregates) {
    long count = totalCount(aggregates);
    return count == 0 ? Double.NaN : sum(aggregates) / count;
  }

  private static double extreme(List<MetricAggregate> aggregates, boolean smallest) {
    double result = Double.NaN;
    for (MetricAggregate aggregate : aggregates) {
      double candidate = smallest ? aggregate.min() : aggregate.max();
      if (aggregate.count() == 0 || Double.isNaN(candidate)) {
        continue;
      }
      if (Double.isNaN(result)) {
        result = candidate;
      } else {
        result = smallest ? Math.min(result, candidate) : Math.max(result, candidate);
      }
    }
    return result;
  }

  private static double populationStandardDeviation(List<MetricAggregate> aggregates) {
    long n = totalCount(aggregates);
    if (n == 0) {
      return Double.NaN;
    }
    double min = extreme(aggregates, true);
    double max = extreme(aggregates, false);
    if (min == max) {
      return 0;
    }
    double sum = 0;
    double sumOfSquares = 0;
    for (MetricAggregate aggregate : aggregates) {
      if (aggregate.count() > 0) {
        sum += aggregate.sum();
        sumOfSquares += aggregate.sumOfSquares();
      }
    }
    double variance = (sumOfSquares - sum * sum / n) / n;
    return Math.sqrt(Math.max(0, variance));
  }

  /** The counter's increase over the bucket, per series by running totals, then added. */
  private static double increase(List<MetricAggregate> aggregates) {
    Map<List<Object>, List<MetricAggregate>> bySeries = new LinkedHashMap<>();
    for (MetricAggregate aggregate : aggregates) {
      bySeries
          .computeIfAbsent(List.of(aggregate.tenant(), aggregate.tags()), k -> new ArrayList<>())
          .add(aggregate);
    }
    double total = 0;
    for (List<MetricAggregate> series : bySeries.values()) {
      series.sort(TIME_ORDER);
      double previousTotal = Double.NaN;
      for (MetricAggregate aggregate : series) {
        double runningTotal = aggregate.last();
        if (!Double.isNaN(aggregate.sum())) {
          total += aggregate.sum();
        } else if (!Double.isNaN(previousTotal) && !Double.isNaN(runningTotal)) {
          total += runningTotal >= previousTotal ? runningTotal - previousTotal : runningTotal;
        }
        previousTotal = runningTotal;
      }
    }
    return total;
  }

  private static double exactPercentileOfLast(
      List<MetricAggregate> aggregates, AggregationFunction function) {
    double[] values = new double[aggregates.size()];
    int n = 0;
    for (MetricAggregate aggregate : aggregates) {
      if (!Double.isNaN(aggregate.last())) {
        values[n++] = aggregate.last();
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    Arrays.sort(values, 0, n);
    long percent = Math.round(function.quantile() * 100);
    // Nearest rank ceil(p * n / 100), in integers so no rounding moves it.
    long rank = (percent * n + 99) / 100;
    return values[(int) Math.max(0, rank - 1)];
  }

  private static double sketchPercentile(
      QuerySpec query, List<MetricAggregate> aggregates, AggregationFunction function) {
    DoubleHistogram merged = Sketches.empty();
    for (MetricAggregate aggregate : aggregates) {
      if (aggregate.count() == 0) {
        continue;
      }
      byte[] sketch = aggregate.sketch();
      if (sketch != null) {
        merged = Sketches.merge(merged, Sketches.decode(sketch), query.metricName(), "query");
      } else if (aggregate.min() == aggregate.max() && aggregate.min() >= 0) {
        merged =
            Sketches.merge(
                merged, constant(aggregate.min(), aggregate.count()), query.metricName(), "query");
      } else {
        throw new UnsupportedAggregationException(
            "aggregation "
                + function
                + " over '"
                + query.metricName()
                + "' needs distribution sketches, but the aggregate of "
                + aggregate.tags()
                + " at "
                + aggregate.start()
                + " holds "
                + aggregate.count()
                + " values from "
                + aggregate.min()
                + " to "
                + aggregate.max()
                + " without one; its source recorded no distribution");
      }
    }
    if (merged.getTotalCount() == 0) {
      return Double.NaN;
    }
    return merged.getValueAtPercentile(function.quantile() * 100);
  }

  /** A sketch of {@code count} observations of {@code value}, to merge by the same rule. */
  private static DoubleHistogram constant(double value, long count) {
    DoubleHistogram sketch = Sketches.empty();
    sketch.recordValueWithCount(value, count);
    return sketch;
  }

  /**
   * The start of an aggregate's bucket, as {@link QuerySpec#bucketStart} gives it, but in integer
   * arithmetic where the numbers fit (that method divides durations through BigDecimal, which
   * dominated a query over a million aggregates).
   */
  private static final class BucketFinder {
    /** Offsets below this many seconds fit in a long of nanoseconds. */
    private static final long MAX_FAST_SECONDS = 9_000_000_000L;

    private final QuerySpec query;
    private final long stepNanos;
    private final Map<Long, Instant> starts = new HashMap<>();

    BucketFinder(QuerySpec query) {
      this.query = query;
      this.stepNanos =
          query.step().getSeconds() < MAX_FAST_SECONDS ? query.step().toNanos() : Long.MAX_VALUE;
    }

    /** The bucket of {@code start}, which lies in the query's range. */
    Instant startOf(Instant start) {
      long seconds = start.getEpochSecond() - query.from().getEpochSecond();
      if (seconds >= MAX_FAST_SECONDS) {
        return query.bucketStart(start).orElseThrow();
      }
      long offset = seconds * 1_000_000_000L + (start.getNano() - query.from().getNano());
      return starts.computeIfAbsent(
          offset / stepNanos, index -> query.from().plus(query.step().multipliedBy(index)));
    }
  }

  private static Duration bucketLength(QuerySpec query, Instant bucketStart) {
    Duration untilEnd = Duration.between(bucketStart, query.to());
    return untilEnd.compareTo(query.step()) < 0 ? untilEnd : query.step();
  }

  private static double seconds(Duration duration) {
    return duration.getSeconds() + duration.getNano() / 1e9;
  }
}
