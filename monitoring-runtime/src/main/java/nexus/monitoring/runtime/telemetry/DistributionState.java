package nexus.monitoring.runtime.telemetry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MetricType;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.PackedDoubleHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A timing's or histogram's observations: an HdrHistogram sketch ({@link Sketches}) plus exact
 * count, sum, sum of squares, minimum and maximum.
 *
 * <p>Writers record into striped cells, each a plain (not thread-safe) sketch with plain statistics
 * behind a one-word lock. A writer picks a cell by its thread's probe, takes the cell's lock with
 * one compare-and-set, records and releases it; when the lock is held it moves its probe to another
 * place and tries the cells from there, and when every cell is busy the array of cells doubles, up
 * to {@link #MAX_CELLS}. A series that only one thread records at a time keeps one cell, so its
 * memory does not grow; writers on different cores that contend end up on different cells, and so
 * on different cache lines. Nothing on the writer's side allocates (except when a sketch first
 * grows its range, or the cells grow).
 *
 * <p>A harvest (under the state's monitor) takes each cell's lock in turn, adds the cell into the
 * pending sketch (the current step's, taken by {@link #drain}) and the cumulative sketch (every
 * observation since the series was created, read by {@link #snapshot}), and resets the cell. Each
 * observation is recorded under one cell's lock and taken under the same lock, so it lands in
 * exactly one harvest with its sketch entry and statistics together; adding bucket counts is exact,
 * so the striping changes no percentile. The pending and cumulative sketches are packed histograms,
 * which take memory in proportion to the buckets in use.
 */
final class DistributionState extends SeriesState {
  private static final Logger LOG = LoggerFactory.getLogger(DistributionState.class);

  /** The quantiles a snapshot reports. */
  static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99};

  /**
   * Most cells per series: the processors, rounded up to a power of two, and at least 4, so that on
   * a small machine a writer descheduled while it holds a cell does not leave the running writers
   * one cell to share.
   */
  static final int MAX_CELLS =
      Math.max(4, Integer.highestOneBit(Runtime.getRuntime().availableProcessors() * 2 - 1));

  /** Rounds over every cell, all busy, after which a writer yields its core to the holders. */
  private static final int SPINS_BEFORE_YIELD = 16;

  private static final VarHandle CELLS;

  /**
   * Each thread's probe: the cell it tries first, shared by every series as {@code LongAdder}'s
   * probe is. An array, so that moving it writes a slot and allocates nothing after a thread's
   * first contended record.
   */
  private static final ThreadLocal<int[]> PROBE =
      ThreadLocal.withInitial(() -> new int[] {firstProbe()});

  static {
    try {
      CELLS = MethodHandles.lookup().findVarHandle(DistributionState.class, "cells", Cell[].class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * 68 bytes in front of a cell's fields. Cells are allocated one after another, so without it the
   * end of one cell and the lock of the next would share a cache line, and writers on two cores
   * would keep taking it from each other although each has a cell of its own. The int fills the gap
   * after the object header, so the cell's own fields cannot be placed there.
   */
  @SuppressWarnings("unused")
  abstract static class CellFrontPadding {
    int f0;
    long f1;
    long f2;
    long f3;
    long f4;
    long f5;
    long f6;
    long f7;
    long f8;
  }

  /** A cell's fields, written only by the holder of its lock. */
  abstract static class CellFields extends CellFrontPadding {
    @SuppressWarnings("unused") // accessed through Cell.LOCK
    volatile int lock;

    // Replaced only when a value too far from the others is folded in (Sketches.merge).
    DoubleHistogram sketch = new DoubleHistogram(Sketches.SIGNIFICANT_DIGITS);
    long count;
    long unsketched;
    // The smallest non-zero and the largest value in the sketch, to check a value before it is
    // recorded: a value HdrHistogram refuses leaves the sketch's buckets half shifted.
    double sketchLow = Double.POSITIVE_INFINITY;
    double sketchHigh;
    double sum;
    double squares;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
  }

  /**
   * One stripe, with 64 bytes after its fields for the same reason as {@link CellFrontPadding}: a
   * subclass's fields are laid out after its superclasses'.
   */
  @SuppressWarnings("unused")
  static final class Cell extends CellFields {
    private static final VarHandle LOCK;

    static {
      try {
        LOCK = MethodHandles.lookup().findVarHandle(CellFields.class, "lock", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    long b1;
    long b2;
    long b3;
    long b4;
    long b5;
    long b6;
    long b7;
    long b8;

    Cell() {
      sketch.setAutoResize(true);
    }

    boolean tryLock() {
      return LOCK.compareAndSet(this, 0, 1);
    }

    void lock() {
      while (!tryLock()) {
        Thread.onSpinWait();
      }
    }

    void unlock() {
      LOCK.setRelease(this, 0);
    }

    void record(double value, long weight) {
      if (value == 0 || Sketches.fits(Math.min(value, sketchLow), Math.max(value, sketchHigh))) {
        try {
          sketch.recordValueWithCount(value, weight);
          if (value != 0) {
            sketchLow = Math.min(value, sketchLow);
            sketchHigh = Math.max(value, sketchHigh);
          }
        } catch (ArrayIndexOutOfBoundsException unrepresentable) {
          // A magnitude no sketch holds (near the ends of double's range): only the statistics
          // keep it.
          unsketched += weight;
        }
      } else {
        // The sketch cannot span this value together with the ones it holds: fold it in by the
        // rule every merge follows (Sketches.merge), and count what was folded so the harvest
        // can say so. Rare, so the allocation here does not matter.
        Sketches.Merged folded = foldIn(sketch, value, weight);
        sketch = folded.sketch();
        unsketched += folded.folded();
        if (sketch.getMaxValue() > 0) {
          sketchLow = sketch.getMinNonZeroValue();
          sketchHigh = sketch.getMaxValue();
        }
      }
      count += weight;
      sum += value * weight;
      squares += value * value * weight;
      if (value < min) {
        min = value;
      }
      if (value > max) {
        max = value;
      }
    }

    void reset() {
      sketch.reset();
      count = 0;
      unsketched = 0;
      sketchLow = Double.POSITIVE_INFINITY;
      sketchHigh = 0;
      sum = 0;
      squares = 0;
      min = Double.POSITIVE_INFINITY;
      max = Double.NEGATIVE_INFINITY;
    }
  }

  @SuppressWarnings("FieldMayBeFinal") // replaced through CELLS when the cells grow
  private volatile Cell[] cells = {new Cell()};

  // Guarded by this.
  private DoubleHistogram pending = packedSketch();
  private long pendingCount;
  private double pendingSum;
  private double pendingSquares;
  private double pendingMin = Double.NaN;
  private double pendingMax = Double.NaN;
  private DoubleHistogram cumulative = packedSketch();
  private long totalCount;
  private double totalSum;
  private double totalMin = Double.NaN;
  private double totalMax = Double.NaN;
  private boolean rangeWarned;

  DistributionState(SeriesKey key, MetricType type, Instant created) {
    super(key, type, created);
  }

  /** A state whose writers start on {@code cells} cells (a power of two); for tests. */
  DistributionState(SeriesKey key, MetricType type, Instant created, int cells) {
    super(key, type, created);
    Cell[] initial = new Cell[cells];
    for (int i = 0; i < cells; i++) {
      initial[i] = new Cell();
    }
    this.cells = initial;
  }

  private static DoubleHistogram packedSketch() {
    DoubleHistogram sketch = new PackedDoubleHistogram(Sketches.SIGNIFICANT_DIGITS);
    sketch.setAutoResize(true);
    return sketch;
  }

  /** Records one observation of {@code value}; finite and not negative. */
  void record(double value) {
    record(value, 1);
  }

  /** Records {@code weight} observations of {@code value}; finite and not negative. */
  void record(double value, long weight) {
    Cell[] cs = cells;
    Cell cell;
    if (cs.length == 1) {
      cell = cs[0];
      if (!cell.tryLock()) {
        cell = lockContended(cs, PROBE.get());
      }
    } else {
      int[] probe = PROBE.get();
      cell = cs[probe[0] & (cs.length - 1)];
      if (!cell.tryLock()) {
        cell = lockContended(cs, probe);
      }
    }
    try {
      cell.record(value, weight);
    } finally {
      cell.unlock();
    }
  }

  /**
   * A locked cell other than the busy one the thread's probe points at, growing the cells when all
   * are busy. The probe is moved first, to a pseudo-random place, and then to the cell taken, so
   * that two threads that met once do not meet again on their next records: a fixed home (a hash of
   * the thread) would keep two threads whose homes coincide meeting on every record.
   */
  private Cell lockContended(Cell[] cs, int[] probe) {
    for (int rounds = 1; ; rounds++) {
      int moved = advance(probe[0]);
      for (int i = 0; i < cs.length; i++) {
        Cell cell = cs[(moved + i) & (cs.length - 1)];
        if (cell.tryLock()) {
          probe[0] = moved + i;
          return cell;
        }
      }
      probe[0] = moved;
      if (cs.length < MAX_CELLS) {
        cs = grow(cs);
      } else if (rounds % SPINS_BEFORE_YIELD == 0) {
        // More writers than cores: a holder may be waiting for this core.
        Thread.yield();
      } else {
        Thread.onSpinWait();
      }
    }
  }

  /** The next value of a probe: a xorshift step, never zero for a probe that is not zero. */
  static int advance(int probe) {
    probe ^= probe << 13;
    probe ^= probe >>> 17;
    return probe ^ (probe << 5);
  }

  /** The first probe of a thread: a hash of its id, never zero. */
  private static int firstProbe() {
    long h = Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L;
    int probe = (int) (h >>> 32);
    return probe != 0 ? probe : 1;
  }

  /** The cells after doubling {@code seen}, or whatever another writer installed meanwhile. */
  private Cell[] grow(Cell[] seen) {
    Cell[] bigger = Arrays.copyOf(seen, seen.length * 2);
    for (int i = seen.length; i < bigger.length; i++) {
      bigger[i] = new Cell();
    }
    // Every cell of the old array is in the new one, so a writer still holding the old array
    // records into a cell that later harvests see.
    CELLS.compareAndSet(this, seen, bigger);
    return cells;
  }

  /** How many cells writers use now; for tests. */
  int cellCount() {
    return cells.length;
  }

  @Override
  synchronized void recordStored(double value) {
    cumulative = addToSketch(cumulative, value);
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
    for (Cell cell : cells) {
      cell.lock();
      try {
        if (cell.count > 0) {
          take(cell);
          cell.reset();
        }
      } finally {
        cell.unlock();
      }
    }
  }

  private void take(Cell cell) {
    long count = cell.count;
    double min = cell.min;
    double max = cell.max;
    pendingCount += count;
    pendingSum += cell.sum;
    pendingSquares += cell.squares;
    pendingMin = Extremes.smaller(pendingMin, min);
    pendingMax = Extremes.larger(pendingMax, max);
    totalCount += count;
    totalSum += cell.sum;
    totalMin = Extremes.smaller(totalMin, min);
    totalMax = Extremes.larger(totalMax, max);
    long unsketched = cell.unsketched;
    Sketches.Merged intoPending = Sketches.merge(pending, cell.sketch);
    pending = intoPending.sketch();
    unsketched += intoPending.folded();
    cumulative = Sketches.merge(cumulative, cell.sketch).sketch();
    if (unsketched > 0) {
      warnOutOfRange(unsketched, min, max);
    }
  }

  /**
   * Adds {@code weight} observations of {@code value}, which {@code sketch} could not take as they
   * are, by the merge's folding rule; the result counts the observations folded or left out.
   */
  static Sketches.Merged foldIn(DoubleHistogram sketch, double value, long weight) {
    DoubleHistogram single = Sketches.empty();
    try {
      single.recordValueWithCount(value, weight);
    } catch (ArrayIndexOutOfBoundsException unrepresentable) {
      // Beyond what any sketch can hold on its own; only the statistics keep it.
      return new Sketches.Merged(sketch, weight);
    }
    return Sketches.merge(sketch, single);
  }

  private DoubleHistogram addToSketch(DoubleHistogram sketch, double value) {
    if (Sketches.fits(sketch, value)) {
      sketch.recordValue(value);
      return sketch;
    }
    Sketches.Merged folded = foldIn(sketch, value, 1);
    if (folded.folded() > 0) {
      warnOutOfRange(
          folded.folded(), Extremes.smaller(totalMin, value), Extremes.larger(totalMax, value));
    }
    return folded.sketch();
  }

  private void warnOutOfRange(long count, double min, double max) {
    String message =
        "{} {}: {} observation(s) among values between {} and {} are too far from the others"
            + " for one sketch (its largest value can be at most 10^12 times its smallest);"
            + " the sketch keeps the range of the largest values and counts the ones below it at"
            + " its smallest kept value. Count, sum, min and max stay exact; low percentiles are"
            + " approximate. Record such values in a unit closer to the others.";
    if (!rangeWarned) {
      rangeWarned = true;
      LOG.warn(message, type, key, count, min, max);
    } else {
      LOG.debug(message, type, key, count, min, max);
    }
  }
}
