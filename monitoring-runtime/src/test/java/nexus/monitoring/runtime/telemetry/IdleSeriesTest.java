package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nexus.monitoring.api.Counter;
import nexus.monitoring.api.Gauge;
import nexus.monitoring.api.Histogram;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.Timer;
import org.junit.jupiter.api.Test;

final class IdleSeriesTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(10);
  private static final Duration TTL = Duration.ofMinutes(1);

  private final MutableClock clock = new MutableClock(T0);
  private final DefaultTelemetryTracker tracker =
      DefaultTelemetryTracker.builder().clock(clock).step(STEP).idleTimeToLive(TTL).build();
  private int steps;

  /** Moves the clock one step on and flushes the step that just ended. */
  private List<MetricAggregate> nextStep() {
    clock.advance(STEP);
    steps++;
    return tracker.flush(T0.plus(STEP.multipliedBy(steps)));
  }

  @Test
  void seriesIdleLongerThanTheTimeToLive_isDroppedFromMemory() {
    tracker.increment("requests", "session", "s-1");
    nextStep(); // the increment is flushed at T0+10s: last active then

    for (int i = 0; i < 6; i++) {
      nextStep(); // up to T0+70s: idle exactly 60 s, not longer
    }
    int beforeExpiry = tracker.seriesCount();
    List<MetricAggregate> lastFlush = nextStep(); // T0+80s: idle 70 s

    assertThat(beforeExpiry).isEqualTo(1);
    assertThat(lastFlush).isEmpty();
    assertThat(tracker.seriesCount()).isZero();
    assertThat(tracker.snapshot()).isEmpty();
  }

  @Test
  void snapshotTakenBeforeExpiry_doesNotKeepTheDroppedSeriesInLaterSnapshots() {
    tracker.increment("requests", "session", "s-1");
    tracker.increment("requests", "session", "s-2");
    nextStep();
    for (int i = 0; i < 6; i++) {
      tracker.increment("requests", "session", "s-2");
      nextStep();
    }
    int whileBoth = tracker.snapshot().size();

    tracker.increment("requests", "session", "s-2");
    nextStep(); // s-1 idle 70 s: dropped

    assertThat(whileBoth).isEqualTo(2);
    assertThat(tracker.snapshot()).extracting(s -> s.tags().get(0).value()).containsExactly("s-2");
  }

  @Test
  void shortLivedTagValues_doNotAccumulate() {
    for (int session = 0; session < 1_000; session++) {
      tracker.increment("requests", "session", "s-" + session);
      if (session % 100 == 99) {
        nextStep();
      }
    }
    int whileBusy = tracker.seriesCount();

    for (int i = 0; i < 8; i++) {
      nextStep();
    }

    // 100 sessions per step; after 10 steps the first 3 batches have been idle over a minute.
    assertThat(whileBusy).isEqualTo(700);
    assertThat(tracker.seriesCount()).isZero();
  }

  @Test
  void idleGauge_reportsItsValueUntilItExpires_thenNoMore() {
    Gauge temperature = tracker.gaugeOf("room.temperature");
    temperature.set(21);

    List<Integer> reported = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      reported.add(nextStep().size());
    }

    // Set in step 1; held through T0+70s (idle 60 s); the flush at T0+80s reports it one last
    // time and drops it.
    assertThat(reported).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
    assertThat(tracker.seriesCount()).isZero();
  }

  @Test
  void handleToADroppedSeries_keepsWorking_inANewSeries() {
    Counter requests = tracker.counterOf("requests", "route", "/a");
    requests.increment(4);
    nextStep();
    for (int i = 0; i < 7; i++) {
      nextStep();
    }
    int afterExpiry = tracker.seriesCount();

    requests.increment();
    MetricAggregate revived = nextStep().get(0);

    assertThat(afterExpiry).isZero();
    assertThat(tracker.seriesCount()).isEqualTo(1);
    assertThat(revived.count()).isEqualTo(1);
    assertThat(revived.sum()).isEqualTo(1.0);
    assertThat(revived.last()).isEqualTo(1.0); // a new running total: a rate sees a reset
  }

  @Test
  void directHandlesOfEveryType_afterTheirSeriesIsDroppedTwice_recordIntoNewSeriesEachTime() {
    Timer latency = tracker.timerOf("latency", "route", "/a");
    Histogram sizes = tracker.histogramOf("sizes", "route", "/a");
    Gauge depth = tracker.gaugeOf("depth", "route", "/a");
    Counter requests = tracker.counterOf("requests", "route", "/a");

    List<List<MetricAggregate>> lives = new ArrayList<>();
    for (int life = 1; life <= 3; life++) {
      latency.recordNanos(life * 1_000_000L);
      sizes.record(life * 100);
      depth.set(life);
      requests.increment();
      lives.add(nextStep());
      for (int i = 0; i < 8; i++) {
        nextStep(); // idle past the time-to-live: every series is dropped
      }
      assertThat(tracker.seriesCount()).isZero();
    }

    assertThat(tracker.recordsDirectly()).isTrue();
    for (int life = 1; life <= 3; life++) {
      assertThat(lives.get(life - 1))
          .extracting(MetricAggregate::name, MetricAggregate::count, MetricAggregate::sum)
          .containsExactlyInAnyOrder(
              tuple("latency", 1L, life / 1000.0),
              tuple("sizes", 1L, life * 100.0),
              tuple("depth", 1L, (double) life),
              tuple("requests", 1L, 1.0));
    }
  }

  @Test
  void directHandleRevivingItsSeries_letsTheDroppedSeriesGo() throws InterruptedException {
    Counter requests = tracker.counterOf("requests");
    requests.increment();
    for (int i = 0; i < 9; i++) {
      nextStep();
    }
    requests.increment(); // revives the series; the handle now holds the new one
    assertThat(tracker.retiredSeriesCount()).isEqualTo(1);

    for (int attempt = 0; attempt < 5 && tracker.retiredSeriesCount() > 0; attempt++) {
      System.gc();
      Thread.sleep(10);
      nextStep();
    }

    assertThat(tracker.retiredSeriesCount()).isZero();
  }

  @Test
  void trackerThatSamplesOrTraces_givesHandlesTheGeneralPath() {
    DefaultTelemetryTracker sampled =
        DefaultTelemetryTracker.builder().sampling(new ProbabilisticSamplingStrategy(1.0)).build();
    DefaultTelemetryTracker traced =
        DefaultTelemetryTracker.builder().traceContext(() -> null).build();

    assertThat(sampled.recordsDirectly()).isFalse();
    assertThat(traced.recordsDirectly()).isFalse();
  }

  @Test
  void seriesRecordingNow_isNeverDropped() {
    Counter requests = tracker.counterOf("requests");

    for (int i = 0; i < 20; i++) {
      requests.increment();
      assertThat(nextStep()).hasSize(1);
    }

    assertThat(tracker.seriesCount()).isEqualTo(1);
  }

  @Test
  void writeThatRacedTheDrop_isStillFlushed_once() {
    CounterHandle handle = (CounterHandle) tracker.counterOf("requests");
    Series heldByAWriter = handle.live(); // as a by-name caller holds it between lookup and add
    handle.increment();
    nextStep();
    for (int i = 0; i < 7; i++) {
      nextStep();
    }
    int afterExpiry = tracker.seriesCount();

    tracker.addToCounter(heldByAWriter, 1.0); // lands in the dropped series
    List<MetricAggregate> next = nextStep();
    List<MetricAggregate> after = nextStep();

    assertThat(afterExpiry).isZero();
    assertThat(next).hasSize(1);
    assertThat(next.get(0).count()).isEqualTo(1);
    assertThat(next.get(0).last()).isEqualTo(2.0);
    assertThat(after).isEmpty();
  }

  @Test
  void sampleAlreadyStored_keepsItsSeriesAlive() {
    tracker.increment("orders");
    nextStep();

    for (int i = 0; i < 10; i++) {
      tracker.recordStored(
          nexus.monitoring.api.Metric.builder("orders", nexus.monitoring.api.MetricType.COUNTER)
              .value(1)
              .build());
      assertThat(nextStep()).isEmpty();
    }

    assertThat(tracker.seriesCount()).isEqualTo(1);
    assertThat(tracker.snapshot().get(0).value()).isEqualTo(11.0);
  }
}
