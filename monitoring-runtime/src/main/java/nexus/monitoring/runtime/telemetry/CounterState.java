package nexus.monitoring.runtime.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MetricType;

/**
 * A counter's values. An increment of exactly 1 (the common case) touches one {@link LongAdder};
 * other amounts go to adders of their own. Unit increments are kept as a running count that is
 * never reset: a drain takes the difference to what it took before, so an increment racing a drain
 * is counted in exactly one step. Other amounts are taken with {@link DoubleAdder#sumThenReset},
 * which swaps each cell atomically and so also never loses or repeats one. Under such a race the
 * amount and its count may land in neighbouring steps.
 */
final class CounterState extends SeriesState {
  /** Unit increments; direct counter handles add to it themselves. */
  final LongAdder ones = new LongAdder();

  private final LongAdder amountCount = new LongAdder();
  private final DoubleAdder amounts = new DoubleAdder();
  private final DoubleAdder amountSquares = new DoubleAdder();
  private final Extremes amountExtremes = new Extremes();
  private final DoubleAdder stored = new DoubleAdder();

  // Guarded by this.
  private long drainedOnes;
  private long drainedAmountCount;
  private double drainedAmounts;

  CounterState(SeriesKey key, Instant created) {
    super(key, MetricType.COUNTER, created);
  }

  /** Adds one increment; {@code amount} is finite and not negative. */
  void add(double amount) {
    if (amount == 1.0) {
      ones.increment();
    } else {
      addAmount(amount, 1);
    }
  }

  /**
   * Adds {@code weight} increments worth {@code total} together, for a sampled increment that
   * stands for several.
   */
  void add(double total, long weight) {
    if (weight == 1) {
      add(total);
    } else {
      addAmount(total, weight);
    }
  }

  private void addAmount(double total, long weight) {
    double each = total / weight;
    amounts.add(total);
    amountSquares.add(each * each * weight);
    amountExtremes.record(each);
    amountCount.add(weight);
  }

  @Override
  synchronized MetricAggregate drain(Instant start, Duration step, boolean retired) {
    long allOnes = ones.sum();
    long unitCount = allOnes - drainedOnes;
    drainedOnes = allOnes;
    double other = amounts.sumThenReset();
    double otherSquares = amountSquares.sumThenReset();
    double min = amountExtremes.takeMin();
    double max = amountExtremes.takeMax();
    long allCounts = amountCount.sum();
    long otherCount = allCounts - drainedAmountCount;
    drainedAmountCount = allCounts;
    drainedAmounts += other;

    long count = unitCount + otherCount;
    recordedInLastDrain = count > 0 || other != 0 || !Double.isNaN(min);
    if (!recordedInLastDrain) {
      return null;
    }
    if (unitCount > 0) {
      min = Extremes.smaller(min, 1.0);
      max = Extremes.larger(max, 1.0);
    }
    return new MetricAggregate(
        key.name,
        MetricType.COUNTER,
        key.tags,
        key.tenant,
        start,
        step,
        count,
        unitCount + other,
        unitCount + otherSquares,
        min,
        max,
        allOnes + drainedAmounts,
        null,
        exemplarForStep());
  }

  @Override
  synchronized MetricSnapshot snapshot(String description, String unit) {
    double total = ones.sum() + drainedAmounts + amounts.sum() + stored.sum();
    return new MetricSnapshot(
        key.name,
        MetricType.COUNTER,
        description,
        unit,
        key.tags,
        key.tenant,
        total,
        null,
        latestExemplar);
  }

  @Override
  void recordStored(double value) {
    stored.add(value);
    storedSinceDrain = true;
  }
}
