package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricType;
import org.HdrHistogram.DoubleHistogram;
import org.junit.jupiter.api.Test;

final class StripedDistributionTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(10);
  private static final SeriesKey KEY = new SeriesKey("default", "sizes", List.of());
  private static final int THREADS = 4;
  private static final int PER_THREAD = 25_000;

  /**
   * Whole numbers small enough that sums and sums of squares are exact whatever order the cells add
   * them in.
   */
  private static double value(int thread, int i) {
    return 1 + (i * 7919L + thread * 104_729L) % 10_000;
  }

  @Test
  void observationsSpreadOverCells_drainExactlyAsOneCellWould() throws Exception {
    DistributionState striped = new DistributionState(KEY, MetricType.HISTOGRAM, T0, 4);
    DistributionState single = new DistributionState(KEY, MetricType.HISTOGRAM, T0);
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < PER_THREAD; i++) {
        single.record(value(t, i));
      }
    }

    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    await(start);
                    for (int i = 0; i < PER_THREAD; i++) {
                      striped.record(value(thread, i));
                    }
                  });
      writers.add(writer);
    }
    for (Thread writer : writers) {
      writer.join();
    }
    MetricAggregate fromCells = striped.drain(T0, STEP, false);
    MetricAggregate fromOne = single.drain(T0, STEP, false);

    assertThat(striped.cellCount()).isGreaterThanOrEqualTo(4); // more when writers met on all four
    assertThat(fromCells.count()).isEqualTo((long) THREADS * PER_THREAD);
    assertThat(fromCells.count()).isEqualTo(fromOne.count());
    assertThat(fromCells.sum()).isEqualTo(fromOne.sum());
    assertThat(fromCells.sumOfSquares()).isEqualTo(fromOne.sumOfSquares());
    assertThat(fromCells.min()).isEqualTo(fromOne.min());
    assertThat(fromCells.max()).isEqualTo(fromOne.max());
    DoubleHistogram merged = Sketches.decode(fromCells.sketch());
    DoubleHistogram reference = Sketches.decode(fromOne.sketch());
    assertThat(merged.getTotalCount()).isEqualTo(reference.getTotalCount());
    for (double percentile = 0.5; percentile <= 100; percentile += 0.5) {
      assertThat(merged.getValueAtPercentile(percentile))
          .as("value at percentile %s", percentile)
          .isEqualTo(reference.getValueAtPercentile(percentile));
    }
  }

  @Test
  void moreWritersThanCells_whoseProbesMoveOnContention_drainExactly() throws Exception {
    int writersCount = 2 * DistributionState.MAX_CELLS;
    DistributionState striped = new DistributionState(KEY, MetricType.TIMING, T0);
    CyclicBarrier start = new CyclicBarrier(writersCount);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < writersCount; t++) {
      int thread = t;
      writers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    await(start);
                    for (int i = 0; i < PER_THREAD; i++) {
                      striped.record(value(thread, i));
                    }
                  }));
    }
    for (Thread writer : writers) {
      writer.join();
    }
    double expectedSum = 0;
    for (int t = 0; t < writersCount; t++) {
      for (int i = 0; i < PER_THREAD; i++) {
        expectedSum += value(t, i);
      }
    }

    MetricAggregate drained = striped.drain(T0, STEP, false);

    assertThat(striped.cellCount()).isBetween(1, DistributionState.MAX_CELLS);
    assertThat(drained.count()).isEqualTo((long) writersCount * PER_THREAD);
    assertThat(drained.sum()).isEqualTo(expectedSum);
    assertThat(Sketches.decode(drained.sketch()).getTotalCount())
        .isEqualTo((long) writersCount * PER_THREAD);
  }

  @Test
  void probeAdvance_neverReachesZero_andVisitsManyCells() {
    int probe = 1;
    boolean[] seen = new boolean[64];
    for (int i = 0; i < 10_000; i++) {
      probe = DistributionState.advance(probe);
      assertThat(probe).isNotZero();
      seen[probe & 63] = true;
    }

    for (int cell = 0; cell < 64; cell++) {
      assertThat(seen[cell]).as("cell %s", cell).isTrue();
    }
  }

  @Test
  void cellsAreTakenWhole_soASecondDrainHasOnlyWhatCameAfterTheFirst() {
    DistributionState striped = new DistributionState(KEY, MetricType.TIMING, T0, 2);
    striped.record(0.25);
    striped.record(0.5, 3);

    MetricAggregate first = striped.drain(T0, STEP, false);
    MetricAggregate empty = striped.drain(T0.plus(STEP), STEP, false);
    striped.record(2.0);
    MetricAggregate second = striped.drain(T0.plus(STEP.multipliedBy(2)), STEP, false);

    assertThat(first.count()).isEqualTo(4);
    assertThat(first.sum()).isEqualTo(1.75);
    assertThat(empty).isNull();
    assertThat(second.count()).isEqualTo(1);
    assertThat(second.min()).isEqualTo(2.0);
    assertThat(striped.snapshot("", "").distribution().count()).isEqualTo(5);
  }

  @Test
  void theCellLimit_isAPowerOfTwoOfAtLeastFour() {
    assertThat(DistributionState.MAX_CELLS).isGreaterThanOrEqualTo(4);
    assertThat(Integer.bitCount(DistributionState.MAX_CELLS)).isEqualTo(1);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
