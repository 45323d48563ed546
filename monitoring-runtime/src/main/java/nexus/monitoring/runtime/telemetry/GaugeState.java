package nexus.monitoring.runtime.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MetricType;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * A gauge's current value and the statistics of the values set during the step.
 *
 * <p>The statistics are double-buffered behind a {@link WriterReaderPhaser}: a writer enters the
 * phaser (one atomic increment), records into the active buffer and leaves; a drain swaps the
 * buffers and flips the phaser, which waits until every writer that could still see the old buffer
 * has left. The old buffer is then quiescent and is read whole, so every set lands in exactly one
 * step with all of its statistics.
 *
 * <p>A step in which the gauge was not set but holds a value reports that value as one observation
 * (count 1, sum, min and max equal to it), so that averages and extremes over time see a steady
 * gauge; a step with sets reports exactly those sets.
 */
final class GaugeState extends SeriesState {
  private static final long NO_VALUE = Double.doubleToRawLongBits(Double.NaN);

  private static final class Phase {
    final LongAdder count = new LongAdder();
    final DoubleAdder sum = new DoubleAdder();
    final DoubleAdder squares = new DoubleAdder();
    final Extremes extremes = new Extremes();

    void record(double value) {
      sum.add(value);
      squares.add(value * value);
      extremes.record(value);
      count.increment();
    }

    void reset() {
      count.reset();
      sum.reset();
      squares.reset();
      extremes.reset();
    }
  }

  private final WriterReaderPhaser phaser = new WriterReaderPhaser();
  private final AtomicLong value = new AtomicLong(NO_VALUE);
  private volatile Phase active = new Phase();
  private volatile boolean ownValue;

  // Guarded by this.
  private Phase spare = new Phase();

  GaugeState(SeriesKey key, Instant created) {
    super(key, MetricType.GAUGE, created);
  }

  /** Sets the value; finite. */
  void set(double v) {
    long epoch = phaser.writerCriticalSectionEnter();
    try {
      value.set(Double.doubleToRawLongBits(v));
      active.record(v);
    } finally {
      phaser.writerCriticalSectionExit(epoch);
    }
    if (!ownValue) {
      ownValue = true;
    }
  }

  /** Adds {@code delta} to the value, taking an unset gauge as 0. */
  void adjust(double delta) {
    long epoch = phaser.writerCriticalSectionEnter();
    try {
      long current;
      double next;
      do {
        current = value.get();
        double base = current == NO_VALUE ? 0.0 : Double.longBitsToDouble(current);
        next = base + delta;
      } while (!value.compareAndSet(current, Double.doubleToRawLongBits(next)));
      active.record(next);
    } finally {
      phaser.writerCriticalSectionExit(epoch);
    }
    if (!ownValue) {
      ownValue = true;
    }
  }

  @Override
  void recordStored(double v) {
    value.set(Double.doubleToRawLongBits(v));
    storedSinceDrain = true;
  }

  @Override
  synchronized MetricAggregate drain(Instant start, Duration step, boolean retired) {
    Phase taken = active.count.sum() == 0 ? null : flip();
    double last = Double.longBitsToDouble(value.get());
    long count = taken == null ? 0 : taken.count.sum();
    recordedInLastDrain = count > 0;

    MetricAggregate aggregate;
    if (count > 0) {
      aggregate =
          aggregate(
              start,
              step,
              count,
              taken.sum.sum(),
              taken.squares.sum(),
              taken.extremes.min(),
              taken.extremes.max(),
              last);
    } else if (!retired && ownValue && !Double.isNaN(last)) {
      aggregate = aggregate(start, step, 1, last, last * last, last, last, last);
    } else {
      aggregate = null;
    }
    if (taken != null) {
      taken.reset();
      spare = taken;
    }
    return aggregate;
  }

  private MetricAggregate aggregate(
      Instant start,
      Duration step,
      long count,
      double sum,
      double squares,
      double min,
      double max,
      double last) {
    return new MetricAggregate(
        key.name,
        MetricType.GAUGE,
        key.tags,
        key.tenant,
        start,
        step,
        count,
        sum,
        squares,
        min,
        max,
        last,
        null,
        count > 0 ? exemplarForStep() : null);
  }

  /** Makes the spare buffer active and returns the old one once no writer can touch it. */
  private Phase flip() {
    phaser.readerLock();
    try {
      Phase old = active;
      active = spare;
      phaser.flipPhase();
      return old;
    } finally {
      phaser.readerUnlock();
    }
  }

  @Override
  MetricSnapshot snapshot(String description, String unit) {
    double v = Double.longBitsToDouble(value.get());
    if (Double.isNaN(v)) {
      return null;
    }
    return new MetricSnapshot(
        key.name,
        MetricType.GAUGE,
        description,
        unit,
        key.tags,
        key.tenant,
        v,
        null,
        latestExemplar);
  }
}
