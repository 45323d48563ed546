package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import nexus.monitoring.api.Counter;
import nexus.monitoring.api.Histogram;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MetricTag;
import org.junit.jupiter.api.Test;

/**
 * The tracker's shortcuts (direct handles, the caller-order index, each name's cached series order)
 * under races with flushes that drop idle series, with snapshots and with each other: every value
 * must land in exactly one flush of its own series, and every lookup must find the series its
 * strings name.
 */
final class TrackerRaceTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(10);
  private static final String[] TENANTS = {"acme", "globex"};
  private static final String[] USERS = {"u-0", "u-1", "u-2", "u-3", "u-4", "u-5", "u-6", "u-7"};
  private static final int WRITERS = 4;
  private static final int PER_WRITER = 40_000;

  @Test
  void handlesAndNamesRacingExpiryAndSnapshots_flushEveryValueOnceIntoItsOwnSeries()
      throws Exception {
    // An idle time-to-live of one step: a flush that finds a series idle drops it, so writers keep
    // racing the drop, the revival and the caller-order index's removal and re-insertion.
    DefaultTelemetryTracker tracker =
        DefaultTelemetryTracker.builder()
            .clock(new MutableClock(T0))
            .step(STEP)
            .idleTimeToLive(STEP)
            .build();
    Counter[][] counters = new Counter[TENANTS.length][USERS.length];
    Histogram[][] sizes = new Histogram[TENANTS.length][USERS.length];
    for (int t = 0; t < TENANTS.length; t++) {
      for (int u = 0; u < USERS.length; u++) {
        int tenant = t;
        int user = u;
        tracker
            .tenantContext()
            .runAs(
                TENANTS[t],
                () -> {
                  counters[tenant][user] = tracker.counterOf("requests", "user", USERS[user]);
                  sizes[tenant][user] = tracker.histogramOf("sizes", "user", USERS[user]);
                });
      }
    }
    ConcurrentLinkedQueue<String> snapshotFaults = new ConcurrentLinkedQueue<>();
    List<MetricAggregate> flushed = new ArrayList<>();
    AtomicBoolean done = new AtomicBoolean();

    Thread flusher =
        Thread.ofPlatform()
            .start(
                () -> {
                  int step = 1;
                  while (!done.get()) {
                    flushed.addAll(tracker.flush(T0.plus(STEP.multipliedBy(step++))));
                  }
                  flushed.addAll(tracker.flush(T0.plus(STEP.multipliedBy(step))));
                });
    Thread snapshotter =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!done.get()) {
                    checkOrderedAndUnique(tracker.snapshot(), snapshotFaults);
                  }
                });
    runWriters(
        (writer, i) -> {
          int t = (writer + i) % TENANTS.length;
          int u = i % USERS.length;
          counters[t][u].increment();
          sizes[t][u].record(2);
          tracker
              .tenantContext()
              .runAs(
                  TENANTS[t],
                  () -> {
                    // The creating call's literals, then equal copies in another order: the
                    // caller-order index and its fallback must reach the same series.
                    tracker.increment("requests", "user", USERS[u]);
                    tracker.increment("requests", 2, "user", new String(USERS[u]));
                    tracker.histogram("sizes", 3, "user", USERS[u]);
                  });
        });
    done.set(true);
    flusher.join();
    snapshotter.join();

    Map<String, Double> counted = totals(flushed, "requests", MetricAggregate::count);
    Map<String, Double> summed = totals(flushed, "requests", MetricAggregate::sum);
    Map<String, Double> observed = totals(flushed, "sizes", MetricAggregate::count);
    Map<String, Double> sizeSums = totals(flushed, "sizes", MetricAggregate::sum);
    // User i % 8 fixes the parity of i, so writer w records each user in tenant (w + user) % 2
    // only; over the four writers every tenant and user gets PER_WRITER / 8 iterations twice.
    double perSeries = (double) WRITERS * PER_WRITER / USERS.length / TENANTS.length;
    assertThat(snapshotFaults).isEmpty();
    for (String tenant : TENANTS) {
      for (String user : USERS) {
        String series = tenant + " " + user;
        assertThat(counted.get(series)).as(series).isEqualTo(3 * perSeries);
        assertThat(summed.get(series)).as(series).isEqualTo(4 * perSeries);
        assertThat(observed.get(series)).as(series).isEqualTo(2 * perSeries);
        assertThat(sizeSums.get(series)).as(series).isEqualTo(5 * perSeries);
      }
    }
    assertThat(counted).hasSize(TENANTS.length * USERS.length);
  }

  @Test
  void seriesCreatedConcurrentlyWithSnapshots_allShowInTheNextSnapshot_onceAndInOrder()
      throws Exception {
    DefaultTelemetryTracker tracker =
        DefaultTelemetryTracker.builder().clock(new MutableClock(T0)).build();
    ConcurrentLinkedQueue<String> snapshotFaults = new ConcurrentLinkedQueue<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread snapshotter =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!done.get()) {
                    checkOrderedAndUnique(tracker.snapshot(), snapshotFaults);
                  }
                });

    int perWriter = 2_000;
    runWriters(
        (writer, i) -> {
          if (i < perWriter) {
            // Writers share the names, so every family's cached order is invalidated while
            // snapshots sort it.
            tracker.increment("jobs." + (i % 3), "worker", "w-" + writer, "job", "j-" + i);
          }
        });
    done.set(true);
    snapshotter.join();
    List<MetricSnapshot> after = tracker.snapshot();

    assertThat(snapshotFaults).isEmpty();
    assertThat(after).hasSize(WRITERS * perWriter);
    checkOrderedAndUnique(after, snapshotFaults);
    assertThat(snapshotFaults).isEmpty();
  }

  @Test
  void callerOrderHashCollisions_keysWithEqualValues_andTenants_eachFindTheirOwnSeries() {
    DefaultTelemetryTracker tracker =
        DefaultTelemetryTracker.builder().clock(new MutableClock(T0)).build();
    // "Aa" and "BB" have one String hash code, and the caller-order hash reads values only, so
    // each group below shares one caller-order hash.
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    Runnable record =
        () -> {
          tracker.increment("calls", 1, "k", "Aa");
          tracker.increment("calls", 2, "k", "BB");
          tracker.increment("calls", 4, "a", "x");
          tracker.increment("calls", 8, "b", "x");
          tracker.increment("calls", 16, "a", "x", "b", "y");
          tracker.increment("calls", 32, "b", "x", "a", "y");
          tracker.increment("Aa", 64, "k", "v");
          tracker.increment("BB", 128, "k", "v");
        };
    Counter aaHandle = tracker.counterOf("calls", "k", "Aa");

    for (int i = 0; i < 3; i++) {
      record.run();
      tracker.tenantContext().runAs("Aa", record);
      tracker.tenantContext().runAs("BB", record);
      aaHandle.increment(1000);
    }
    List<MetricAggregate> flushed = tracker.flush(T0.plus(STEP));

    List<String> expectedPerTenant =
        List.of(
            "calls [k=Aa] ",
            "calls [k=BB] ",
            "calls [a=x] ",
            "calls [b=x] ",
            "calls [a=x, b=y] ",
            "calls [a=y, b=x] ",
            "Aa [k=v] ",
            "BB [k=v] ");
    double[] sums = {3, 6, 12, 24, 48, 96, 192, 384};
    List<String> expected = new ArrayList<>();
    for (String tenant : List.of("default", "Aa", "BB")) {
      for (int i = 0; i < sums.length; i++) {
        double sum = sums[i] + (tenant.equals("default") && i == 0 ? 3000 : 0);
        expected.add(tenant + " " + expectedPerTenant.get(i) + sum);
      }
    }
    assertThat(flushed)
        .extracting(a -> a.tenant() + " " + a.name() + " " + render(a.tags()) + " " + a.sum())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void callerRacingOnItsOwnTagArray_cannotPointLaterCallsAtAnotherSeries() throws Exception {
    // A caller that changes the array it passes while the call runs races with itself, and its
    // value may go to either tag set. What it must not do is leave the caller-order index
    // mapping one tag set's strings to another's series, which would misdirect every later
    // correct call with those strings.
    DefaultTelemetryTracker tracker =
        DefaultTelemetryTracker.builder().clock(new MutableClock(T0)).build();
    int names = 10;
    int values = 5_000;
    String[] literals = new String[values];
    for (int i = 0; i < values; i++) {
      literals[i] = "v-" + i;
    }
    String[] shared = {"k", literals[0]};
    AtomicBoolean running = new AtomicBoolean();
    AtomicBoolean done = new AtomicBoolean();
    Thread mutator =
        Thread.ofPlatform()
            .start(
                () -> {
                  running.set(true);
                  for (int j = 1; !done.get(); j++) {
                    shared[1] = literals[j % values];
                  }
                });
    try {
      while (!running.get()) {
        Thread.onSpinWait();
      }
      // Every call creates a series (each name starts empty), so each is a chance for the array
      // to change between the validation of its tags and the copy of its strings.
      for (int n = 0; n < names; n++) {
        for (int i = 0; i < values; i++) {
          tracker.increment("racy." + n, shared);
        }
      }
    } finally {
      done.set(true);
      mutator.join();
    }
    tracker.flush(T0.plus(STEP));

    for (int n = 0; n < names; n++) {
      for (int i = 0; i < values; i++) {
        tracker.increment("racy." + n, "k", literals[i]);
      }
    }
    List<MetricAggregate> correct = tracker.flush(T0.plus(STEP.multipliedBy(2)));

    assertThat(correct)
        .filteredOn(a -> a.count() != 1)
        .extracting(a -> a.name() + " " + render(a.tags()) + " count " + a.count())
        .isEmpty();
    assertThat(correct).hasSize(names * values);
  }

  private interface Recording {
    void record(int writer, int i);
  }

  private static void runWriters(Recording recording) throws Exception {
    CyclicBarrier start = new CyclicBarrier(WRITERS);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < PER_WRITER; i++) {
                      recording.record(writer, i);
                    }
                  }));
    }
    for (Thread writer : writers) {
      writer.join();
    }
  }

  /** The tracker's order: name, tenant, then tags one by one (a shorter list first on a tie). */
  private static int compare(MetricSnapshot a, MetricSnapshot b) {
    int c = a.name().compareTo(b.name());
    if (c == 0) {
      c = a.tenant().compareTo(b.tenant());
    }
    for (int i = 0; c == 0 && i < Math.min(a.tags().size(), b.tags().size()); i++) {
      c = a.tags().get(i).compareTo(b.tags().get(i));
    }
    return c != 0 ? c : Integer.compare(a.tags().size(), b.tags().size());
  }

  /** Reports a snapshot that lists a series twice or out of the tracker's order. */
  private static void checkOrderedAndUnique(
      List<MetricSnapshot> snapshot, ConcurrentLinkedQueue<String> faults) {
    for (int i = 1; i < snapshot.size(); i++) {
      int c = compare(snapshot.get(i - 1), snapshot.get(i));
      if (c >= 0) {
        faults.add((c == 0 ? "repeated: " : "out of order: ") + snapshot.get(i));
      }
    }
  }

  private static String render(List<MetricTag> tags) {
    StringBuilder out = new StringBuilder("[");
    for (MetricTag tag : tags) {
      out.append(out.length() > 1 ? ", " : "").append(tag.key()).append('=').append(tag.value());
    }
    return out.append(']').toString();
  }

  private static Map<String, Double> totals(
      List<MetricAggregate> flushed, String name, ToDoubleFunction<MetricAggregate> field) {
    Map<String, Double> totals = new HashMap<>();
    for (MetricAggregate a : flushed) {
      if (a.name().equals(name)) {
        totals.merge(
            a.tenant() + " " + a.tags().get(0).value(), field.applyAsDouble(a), Double::sum);
      }
    }
    return totals;
  }
}
