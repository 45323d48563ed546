package nexus.monitoring.runtime.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MetricType;
import org.HdrHistogram.ConcurrentDoubleHistogram;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.PackedDoubleHistogram;
import org.HdrHistogram.WriterReaderPhaser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A timing's or histogram's observations: an HdrHistogram sketch ({@link Sketches}) plus exact
 * count, sum, sum of squares, minimum and maximum.
 *
 * <p>Recording is double-buffered behind a {@link WriterReaderPhaser}, the scheme of HdrHistogram's
 * own recorders: a writer enters the phaser, records into the active {@link
 * ConcurrentDoubleHistogram} and adders, and leaves; a reader swaps in the spare buffer and flips
 * the phaser, which waits until every writer of the old buffer has left, then reads the old buffer
 * whole. Each observation therefore lands in exactly one step, with its sketch entry and its
 * statistics together. Nothing on the writer's side locks or allocates (except when the sketch
 * first grows its range).
 *
 * <p>Harvested buffers are added to a pending sketch (the current step's, taken by {@link #drain})
 * and to a cumulative sketch (all observations since the series was created, read by {@link
 * #snapshot}). Both are packed histograms, which take memory in proportion to the buckets in use.
 */
final class DistributionState extends SeriesState {
  private static final Logger LOG = LoggerFactory.getLogger(DistributionState.class);

  /** The quantiles a snapshot reports. */
  static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99};

  private static final class Phase {
    final ConcurrentDoubleHistogram sketch =
        new ConcurrentDoubleHistogram(Sketches.SIGNIFICANT_DIGITS);
    final DoubleAdder sum = new DoubleAdder();
    final DoubleAdder squares = new DoubleAdder();
    final Extremes extremes = new Extremes();
    final LongAdder unsketched = new LongAdder();

    Phase() {
      sketch.setAutoResize(true);
    }

    void record(double value, long weight) {
      try {
        sketch.recordValueWithCount(value, weight);
      } catch (ArrayIndexOutOfBoundsException outOfRange) {
        // The sketch cannot span this value together with the ones it holds; keep it in the
        // statistics and count it, so the drain can say so.
        unsketched.add(weight);
      }
      sum.add(value * weight);
      squares.add(value * value * weight);
      extremes.record(value);
    }

    long count() {
      return sketch.getTotalCount() + unsketched.sum();
    }

    void reset() {
      sketch.reset();
      sum.reset();
      squares.reset();
      extremes.reset();
      unsketched.reset();
    }
  }

  private final WriterReaderPhaser phaser = new WriterReaderPhaser();
  private volatile Phase active = new Phase();

  // Guarded by this.
  private Phase spare = new Phase();
  private final DoubleHistogram pending = packedSketch();
  private long pendingCount;
  private double pendingSum;
  private double pendingSquares;
  private double pendingMin = Double.NaN;
  private double pendingMax = Double.NaN;
  private final DoubleHistogram cumulative = packedSketch();
  private long totalCount;
  private double totalSum;
  private double totalMin = Double.NaN;
  private double totalMax = Double.NaN;
  private boolean rangeWarned;

  DistributionState(SeriesKey key, MetricType type, Instant created) {
    super(key, type, created);
  }

  private static DoubleHistogram packedSketch() {
    DoubleHistogram sketch = new PackedDoubleHistogram(Sketches.SIGNIFICANT_DIGITS);
    sketch.setAutoResize(true);
    return sketch;
  }

  /** Records {@code weight} observations of {@code value}; finite and not negative. */
  void record(double value, long weight) {
    long epoch = phaser.writerCriticalSectionEnter();
    try {
      active.record(value, weight);
    } finally {
      phaser.writerCriticalSectionExit(epoch);
    }
  }

  @Override
  synchronized void recordStored(double value) {
    addToSketch(cumulative, value);
    totalCount++;
    totalSum += value;
    totalMin = Extremes.smaller(totalMin, value);
    totalMax = Extremes.larger(totalMax, value);
    storedSinceDrain = true;
  }

  @Override
  synchronized MetricAggregate drain(Instant start, Duration step, boolean retired) {
    harvest();
    recordedInLastDrain = pendingCount > 0;
    if (pendingCount == 0) {
      return null;
    }
    MetricAggregate aggregate =
        new MetricAggregate(
            key.name,
            type,
            key.tags,
            key.tenant,
            start,
            step,
            pendingCount,
            pendingSum,
            pendingSquares,
            pendingMin,
            pendingMax,
            Double.NaN,
            Sketches.encode(pending),
            exemplarForStep());
    pending.reset();
    pendingCount = 0;
    pendingSum = 0;
    pendingSquares = 0;
    pendingMin = Double.NaN;
    pendingMax = Double.NaN;
    return aggregate;
  }

  @Override
  synchronized MetricSnapshot snapshot(String description, String unit) {
    harvest();
    Map<Double, Double> quantiles = new LinkedHashMap<>();
    for (double q : QUANTILES) {
      quantiles.put(
          q,
          cumulative.getTotalCount() == 0 ? Double.NaN : cumulative.getValueAtPercentile(q * 100));
    }
    return new MetricSnapshot(
        key.name,
        type,
        description,
        unit,
        key.tags,
        key.tenant,
        Double.NaN,
        new MetricSnapshot.Distribution(totalCount, totalSum, totalMin, totalMax, quantiles),
        latestExemplar);
  }

  /** Moves what writers recorded since the last harvest into the pending and cumulative state. */
  private void harvest() {
    if (active.count() == 0) {
      return; // nothing yet; a writer in progress is taken by a later harvest
    }
    Phase taken;
    phaser.readerLock();
    try {
      taken = active;
      active = spare;
      phaser.flipPhase();
    } finally {
      phaser.readerUnlock();
    }

    long count = taken.count();
    double sum = taken.sum.sum();
    double min = taken.extremes.min();
    double max = taken.extremes.max();
    pendingCount += count;
    pendingSum += sum;
    pendingSquares += taken.squares.sum();
    pendingMin = Extremes.smaller(pendingMin, min);
    pendingMax = Extremes.larger(pendingMax, max);
    totalCount += count;
    totalSum += sum;
    totalMin = Extremes.smaller(totalMin, min);
    totalMax = Extremes.larger(totalMax, max);
    long unsketched = taken.unsketched.sum();
    unsketched += merge(pending, taken.sketch);
    merge(cumulative, taken.sketch);
    if (unsketched > 0) {
      warnOutOfRange(unsketched, min, max);
    }

    taken.reset();
    spare = taken;
  }

  /** Adds {@code source} into {@code target}; returns how many values did not fit. */
  private static long merge(DoubleHistogram target, DoubleHistogram source) {
    long before = target.getTotalCount();
    try {
      Sketches.mergeInto(target, source);
      return 0;
    } catch (ArrayIndexOutOfBoundsException outOfRange) {
      return source.getTotalCount() - (target.getTotalCount() - before);
    }
  }

  private void addToSketch(DoubleHistogram sketch, double value) {
    try {
      sketch.recordValue(value);
    } catch (ArrayIndexOutOfBoundsException outOfRange) {
      warnOutOfRange(1, value, value);
    }
  }

  private void warnOutOfRange(long count, double min, double max) {
    String message =
        "{} {}: {} observation(s) between {} and {} are too far from the others for one sketch"
            + " (its largest value can be at most about 10^16 times its smallest); they are"
            + " counted in count, sum, min and max but left out of percentiles. Record such"
            + " values in a unit closer to the others.";
    if (!rangeWarned) {
      rangeWarned = true;
      LOG.warn(message, type, key, count, min, max);
    } else {
      LOG.debug(message, type, key, count, min, max);
    }
  }
}
