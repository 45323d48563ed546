package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import nexus.monitoring.api.Counter;
import nexus.monitoring.api.Histogram;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricSnapshot;
import org.junit.jupiter.api.Test;

/**
 * Writers record while another thread flushes as fast as it can; whatever the interleaving, the
 * flushed steps must add up to exactly what was recorded.
 */
final class ExactlyOnceFlushTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final int THREADS = 4;
  private static final int PER_THREAD = 100_000;

  // Each flush moves 10 s on, and a flusher in a loop covers days in a moment: keep series from
  // ever going idle, so each keeps one running total.
  private DefaultTelemetryTracker tracker =
      DefaultTelemetryTracker.builder()
          .clock(new MutableClock(T0))
          .idleTimeToLive(Duration.ofDays(365L * 10_000))
          .build();

  @Test
  void counterIncrementsRacingFlushes_areEachFlushedExactlyOnce() throws Exception {
    Counter units = tracker.counterOf("units");
    Counter halves = tracker.counterOf("halves");

    List<MetricAggregate> flushed =
        recordWhileFlushing(
            i -> {
              units.increment();
              halves.increment(0.5);
              tracker.increment("by.name", "thread", "any");
            });

    long total = (long) THREADS * PER_THREAD;
    assertThat(count(flushed, "units")).isEqualTo(total);
    assertThat(sum(flushed, "units")).isEqualTo((double) total);
    assertThat(count(flushed, "halves")).isEqualTo(total);
    assertThat(sum(flushed, "halves")).isEqualTo(total * 0.5);
    assertThat(count(flushed, "by.name")).isEqualTo(total);
    assertThat(lastOf(flushed, "units")).isEqualTo((double) total);
    assertThat(lastOf(flushed, "halves")).isEqualTo(total * 0.5);
  }

  @Test
  void recordingWhileSeriesAreDroppedAndRevived_losesAndRepeatsNothing() throws Exception {
    // An idle time-to-live of one step: any flush that finds a series idle drops it, while
    // writers keep recording through handles and by name, racing the drop.
    tracker =
        DefaultTelemetryTracker.builder()
            .clock(new MutableClock(T0))
            .idleTimeToLive(Duration.ofSeconds(10))
            .build();
    Counter units = tracker.counterOf("units");
    Histogram sizes = tracker.histogramOf("sizes");

    List<MetricAggregate> flushed =
        recordWhileFlushing(
            i -> {
              units.increment();
              sizes.record(1);
              tracker.increment("by.name", "thread", "any");
            });

    long total = (long) THREADS * PER_THREAD;
    assertThat(count(flushed, "units")).isEqualTo(total);
    assertThat(count(flushed, "sizes")).isEqualTo(total);
    assertThat(sum(flushed, "sizes")).isEqualTo((double) total);
    assertThat(count(flushed, "by.name")).isEqualTo(total);
  }

  @Test
  void distributionObservationsRacingFlushes_areEachFlushedExactlyOnceWithTheirStatistics()
      throws Exception {
    Histogram sizes = tracker.histogramOf("sizes");

    List<MetricAggregate> flushed = recordWhileFlushing(i -> sizes.record(i % 2 == 0 ? 1 : 3));

    long total = (long) THREADS * PER_THREAD;
    assertThat(count(flushed, "sizes")).isEqualTo(total);
    assertThat(sum(flushed, "sizes")).isEqualTo(2.0 * total);
    long sketched =
        flushed.stream()
            .filter(a -> a.name().equals("sizes"))
            .mapToLong(a -> Sketches.decode(a.sketch()).getTotalCount())
            .sum();
    assertThat(sketched).isEqualTo(total);
    // Every step's statistics belong to its own observations: sum is between 1 and 3 per count.
    assertThat(flushed.stream().filter(a -> a.name().equals("sizes")))
        .allSatisfy(a -> assertThat(a.sum()).isBetween((double) a.count(), 3.0 * a.count()));
  }

  @Test
  void gaugeSetsRacingDrains_areEachCountedExactlyOnce() throws Exception {
    // A retired gauge reports only its sets, not its held value, so every count is a set.
    GaugeState level = new GaugeState(new SeriesKey("default", "level", List.of()), T0);
    List<MetricAggregate> drained = new ArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread drainer =
        new Thread(
            () -> {
              while (!done.get()) {
                add(drained, level.drain(T0, Duration.ofSeconds(10), true));
              }
              add(drained, level.drain(T0, Duration.ofSeconds(10), true));
            });
    drainer.start();

    runWriters(i -> level.set(i % 2 == 0 ? -1 : 1));
    done.set(true);
    drainer.join();

    assertThat(drained.stream().mapToLong(MetricAggregate::count).sum())
        .isEqualTo((long) THREADS * PER_THREAD);
    assertThat(drained.stream().mapToDouble(MetricAggregate::sum).sum()).isEqualTo(0.0);
  }

  private static void add(List<MetricAggregate> to, MetricAggregate aggregate) {
    if (aggregate != null) {
      to.add(aggregate);
    }
  }

  @Test
  void snapshotsRacingRecording_neverShowACounterGoingBackwards() throws Exception {
    Counter units = tracker.counterOf("units");
    AtomicBoolean backwards = new AtomicBoolean();
    AtomicBoolean done = new AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              double previous = 0;
              int step = 1;
              while (!done.get()) {
                tracker.flush(T0.plusSeconds(10L * step++));
                for (MetricSnapshot s : tracker.snapshot()) {
                  if (s.value() < previous) {
                    backwards.set(true);
                  }
                  previous = s.value();
                }
              }
            });
    reader.start();

    runWriters(i -> units.increment(i % 3 == 0 ? 2 : 1));
    done.set(true);
    reader.join();

    assertThat(backwards).isFalse();
  }

  private List<MetricAggregate> recordWhileFlushing(Consumer<Integer> record) throws Exception {
    List<MetricAggregate> flushed = new ArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread flusher =
        new Thread(
            () -> {
              int step = 1;
              while (!done.get()) {
                flushed.addAll(tracker.flush(T0.plusSeconds(10L * step++)));
              }
              flushed.addAll(tracker.flush(T0.plusSeconds(10L * step)));
            });
    flusher.start();

    runWriters(record);
    done.set(true);
    flusher.join();
    return flushed;
  }

  private static void runWriters(Consumer<Integer> record) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread writer =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < PER_THREAD; i++) {
                  record.accept(i);
                }
              });
      writer.start();
      writers.add(writer);
    }
    start.countDown();
    for (Thread writer : writers) {
      writer.join();
    }
  }

  private static long count(List<MetricAggregate> flushed, String name) {
    return flushed.stream()
        .filter(a -> a.name().equals(name))
        .mapToLong(MetricAggregate::count)
        .sum();
  }

  private static double sum(List<MetricAggregate> flushed, String name) {
    return flushed.stream()
        .filter(a -> a.name().equals(name))
        .mapToDouble(MetricAggregate::sum)
        .sum();
  }

  private static double lastOf(List<MetricAggregate> flushed, String name) {
    return flushed.stream()
        .filter(a -> a.name().equals(name))
        .reduce((a, b) -> b)
        .orElseThrow()
        .last();
  }
}
