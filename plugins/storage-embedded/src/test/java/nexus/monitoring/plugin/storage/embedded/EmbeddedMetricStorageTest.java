package nexus.monitoring.plugin.storage.embedded;

import static nexus.monitoring.plugin.storage.embedded.Aggregates.STEP;
import static nexus.monitoring.plugin.storage.embedded.Aggregates.T0;
import static nexus.monitoring.plugin.storage.embedded.Aggregates.gauge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nexus.monitoring.api.Exemplar;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricStorageException;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.api.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class EmbeddedMetricStorageTest {
  private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

  @TempDir Path home;
  private EmbeddedMetricStorage storage;

  @BeforeEach
  void open() {
    storage = open(home);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  static EmbeddedMetricStorage open(Path home, String... settings) {
    return new EmbeddedMetricStorage(StorageTestSettings.of(home, settings));
  }

  static QuerySpec query(String name, Instant from, Instant to) {
    return QuerySpec.builder(name).between(from, to).build();
  }

  @Test
  void append_thenRead_roundTripsEveryField() {
    MetricAggregate full =
        Aggregates.full("http.server.duration", T0.plusNanos(123_456_789), 7, 3.5);

    storage.append(List.of(full));

    List<MetricAggregate> read =
        storage.read(
            QuerySpec.builder("http.server.duration").between(T0, FAR).tenant("tenant-a").build());
    assertThat(read).containsExactly(full);
    MetricAggregate back = read.get(0);
    assertThat(back.start()).isEqualTo(T0.plusNanos(123_456_789));
    assertThat(back.tags())
        .containsExactly(MetricTag.of("method", "GET"), MetricTag.of("route", "/a,b=c\\d"));
    assertThat(back.sketch()).containsExactly(1, 2, 3, 0xff, 0);
    assertThat(back.last()).isNaN();
    assertThat(back.exemplar())
        .isEqualTo(
            new Exemplar(0.25, Aggregates.TRACE, T0.plusNanos(123_456_789).plusMillis(1500)));
  }

  @Test
  void append_specialValues_roundTripExactly() {
    MetricAggregate nans =
        new MetricAggregate(
            "special",
            MetricType.COUNTER,
            List.of(),
            Tenants.DEFAULT,
            T0,
            STEP,
            0,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            null,
            null);
    MetricAggregate extremes =
        new MetricAggregate(
            "special",
            MetricType.GAUGE,
            List.of(MetricTag.of("empty", "")),
            Tenants.DEFAULT,
            T0.plusSeconds(10),
            Duration.ofNanos(1),
            Long.MAX_VALUE,
            -0.0,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE,
            -Double.MAX_VALUE,
            new byte[0],
            new Exemplar(-0.0, Aggregates.TRACE, Instant.EPOCH));
    MetricAggregate zeros =
        new MetricAggregate(
            "special",
            MetricType.HISTOGRAM,
            List.of(),
            Tenants.DEFAULT,
            Instant.EPOCH,
            Duration.ofDays(3650),
            3,
            0.0,
            -0.0,
            0.0,
            -0.0,
            0.0,
            null,
            null);

    storage.append(List.of(nans, extremes, zeros));

    List<MetricAggregate> read = storage.read(query("special", Instant.EPOCH, FAR));
    assertThat(read).containsExactlyInAnyOrder(nans, extremes, zeros);
    MetricAggregate extremesBack =
        read.stream().filter(a -> a.type() == MetricType.GAUGE).findFirst().orElseThrow();
    assertThat(Double.doubleToRawLongBits(extremesBack.sum())).isEqualTo(Long.MIN_VALUE);
    assertThat(extremesBack.sketch()).isEmpty();
    MetricAggregate nansBack =
        read.stream().filter(a -> a.type() == MetricType.COUNTER).findFirst().orElseThrow();
    assertThat(nansBack.sketch()).isNull();
    assertThat(nansBack.exemplar()).isNull();
  }

  @Test
  void append_emptyBatch_storesNothing() {
    storage.append(List.of());

    assertThat(storage.metrics()).isEmpty();
  }

  @Test
  void append_sameSeriesAndStepTwice_keepsBoth() {
    MetricAggregate one = gauge("queue.depth", T0);

    storage.append(List.of(one));
    storage.append(List.of(one));

    assertThat(storage.read(query("queue.depth", T0, FAR))).containsExactly(one, one);
  }

  @Test
  void append_sameNameWithTwoTypes_keepsEachType() {
    MetricAggregate counter =
        Aggregates.of("jobs", MetricType.COUNTER, Tenants.DEFAULT, T0, 2, "queue", "a");
    MetricAggregate gauge =
        Aggregates.of("jobs", MetricType.GAUGE, Tenants.DEFAULT, T0, 5, "queue", "a");

    storage.append(List.of(counter, gauge));

    assertThat(storage.read(query("jobs", T0, FAR))).containsExactlyInAnyOrder(counter, gauge);
    assertThat(storage.metrics()).containsExactly(Map.entry("jobs", MetricType.COUNTER));
  }

  @Test
  void append_startAfter2262_refusedNamingAggregateAndStoresNothing() {
    MetricAggregate late = gauge("late", Instant.parse("2262-04-11T23:47:16Z"));

    assertThatThrownBy(() -> storage.append(List.of(gauge("late", T0), late)))
        .isInstanceOf(MetricStorageException.class)
        .hasMessage(
            "embedded storage 'metrics' ("
                + storage.file()
                + ") could not append 2 aggregates: aggregate #1 of 'late' (start"
                + " 2262-04-11T23:47:16Z, step PT10S) lies outside the instants it keeps,"
                + " 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z; nothing was"
                + " stored");
    assertThat(storage.metrics()).isEmpty();
  }

  @Test
  void append_failingInsideTransaction_storesNoneOfTheBatch() throws Exception {
    failInsertsOfCount(666);
    storage.append(List.of(gauge("before", T0)));

    List<MetricAggregate> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(gauge("atomic", T0.plusSeconds(i), "i", String.valueOf(i)));
    }
    batch.add(withCount(gauge("atomic", T0.plusSeconds(60)), 666));

    assertThatThrownBy(() -> storage.append(batch))
        .isInstanceOf(MetricStorageException.class)
        .hasMessageStartingWith(
            "embedded storage 'metrics' (" + storage.file() + ") could not append 51 aggregates:")
        .hasMessageContaining("refused by test trigger");
    assertThat(storage.read(query("atomic", T0, FAR))).isEmpty();
    assertThat(storage.metrics()).containsOnlyKeys("before");

    storage.append(batch.subList(0, 50));
    assertThat(storage.read(query("atomic", T0, FAR))).hasSize(50);
  }

  @Test
  void read_otherTenant_seesNothingOfIt() {
    MetricAggregate a = Aggregates.of("logins", MetricType.COUNTER, "tenant-a", T0, 1);
    MetricAggregate b = Aggregates.of("logins", MetricType.COUNTER, "tenant-b", T0, 2);
    storage.append(List.of(a, b));

    assertThat(
            storage.read(QuerySpec.builder("logins").between(T0, FAR).tenant("tenant-a").build()))
        .containsExactly(a);
    assertThat(
            storage.read(QuerySpec.builder("logins").between(T0, FAR).tenant("tenant-b").build()))
        .containsExactly(b);
    assertThat(storage.read(query("logins", T0, FAR))).isEmpty();
  }

  @Test
  void read_tagFilters_keepSeriesCarryingEveryFilter() {
    MetricAggregate getOk = gauge("requests", T0, "method", "GET", "status", "200");
    MetricAggregate getError = gauge("requests", T0, "method", "GET", "status", "500");
    MetricAggregate postOk = gauge("requests", T0, "method", "POST", "status", "200");
    MetricAggregate untagged = gauge("requests", T0);
    storage.append(List.of(getOk, getError, postOk, untagged));

    assertThat(
            storage.read(
                QuerySpec.builder("requests").between(T0, FAR).tag("method", "GET").build()))
        .containsExactlyInAnyOrder(getOk, getError);
    assertThat(
            storage.read(
                QuerySpec.builder("requests")
                    .between(T0, FAR)
                    .tag("status", "200")
                    .tag("method", "POST")
                    .build()))
        .containsExactly(postOk);
    assertThat(
            storage.read(
                QuerySpec.builder("requests").between(T0, FAR).tag("method", "PUT").build()))
        .isEmpty();
    assertThat(
            storage.read(QuerySpec.builder("requests").between(T0, FAR).tag("host", "a").build()))
        .isEmpty();
    assertThat(storage.read(query("requests", T0, FAR))).hasSize(4);
  }

  @Test
  void read_tagValueWithSeparators_matchesOnlyItsOwnSeries() {
    MetricAggregate tricky = gauge("paths", T0, "path", "a,b=c", "x", "y");
    MetricAggregate plain = gauge("paths", T0, "path", "a");
    storage.append(List.of(tricky, plain));

    assertThat(storage.read(QuerySpec.builder("paths").between(T0, FAR).tag("path", "a").build()))
        .containsExactly(plain);
    assertThat(
            storage.read(QuerySpec.builder("paths").between(T0, FAR).tag("path", "a,b=c").build()))
        .containsExactly(tricky);
  }

  @Test
  void read_range_isHalfOpen() {
    Instant from = T0.plusSeconds(100);
    Instant to = T0.plusSeconds(200);
    MetricAggregate beforeFrom = gauge("edges", from.minusNanos(1));
    MetricAggregate atFrom = gauge("edges", from);
    MetricAggregate beforeTo = gauge("edges", to.minusNanos(1));
    MetricAggregate atTo = gauge("edges", to);
    storage.append(List.of(beforeFrom, atFrom, beforeTo, atTo));

    assertThat(storage.read(query("edges", from, to))).containsExactlyInAnyOrder(atFrom, beforeTo);
    assertThat(storage.read(query("edges", to, to.plusNanos(1)))).containsExactly(atTo);
    assertThat(storage.read(query("edges", from.minusNanos(1), from))).containsExactly(beforeFrom);
  }

  @Test
  void read_rangeReachingPastStorableInstants_isClamped() {
    MetricAggregate early = gauge("wide", Instant.EPOCH);
    MetricAggregate late = gauge("wide", EpochNanos.LATEST.minus(STEP));
    storage.append(List.of(early, late));

    assertThat(storage.read(query("wide", Instant.EPOCH, Instant.MAX)))
        .containsExactlyInAnyOrder(early, late);
    assertThat(storage.readAll("wide", Instant.MIN, Instant.MAX)).hasSize(2);
  }

  @Test
  void readAll_returnsEveryTenantInRange() {
    MetricAggregate a = Aggregates.of("cpu", MetricType.GAUGE, "tenant-a", T0, 1);
    MetricAggregate b = Aggregates.of("cpu", MetricType.GAUGE, "tenant-b", T0.plusSeconds(10), 2);
    MetricAggregate outside =
        Aggregates.of("cpu", MetricType.GAUGE, "tenant-b", T0.plusSeconds(20), 3);
    MetricAggregate otherMetric = Aggregates.of("mem", MetricType.GAUGE, "tenant-a", T0, 4);
    storage.append(List.of(a, b, outside, otherMetric));

    assertThat(storage.readAll("cpu", T0, T0.plusSeconds(20))).containsExactlyInAnyOrder(a, b);
    assertThat(storage.readAll("cpu", T0.plusSeconds(20), T0)).isEmpty();
    assertThat(storage.readAll("absent", T0, FAR)).isEmpty();
  }

  @Test
  void metrics_listsEveryStoredNameWithItsType() {
    storage.append(
        List.of(
            gauge("b.gauge", T0),
            Aggregates.of("a.counter", MetricType.COUNTER, "tenant-x", T0, 1),
            Aggregates.of("c.timing", MetricType.TIMING, Tenants.DEFAULT, T0, 0.1, "k", "v")));

    assertThat(storage.metrics())
        .containsExactly(
            Map.entry("a.counter", MetricType.COUNTER),
            Map.entry("b.gauge", MetricType.GAUGE),
            Map.entry("c.timing", MetricType.TIMING));
  }

  @Test
  void metrics_nameWhoseAggregatesWereAllDeleted_isNoLongerListed() {
    storage.append(List.of(gauge("gone", T0), gauge("kept", T0.plusSeconds(3600))));

    storage.deleteBefore("gone", FAR);

    assertThat(storage.metrics()).containsOnlyKeys("kept");
    storage.append(List.of(gauge("gone", T0)));
    assertThat(storage.metrics()).containsOnlyKeys("gone", "kept");
  }

  @Test
  void rewrite_replacesRangeOfEveryTenant_andReturnsDeletedCount() {
    MetricAggregate a1 = Aggregates.of("rps", MetricType.GAUGE, "tenant-a", T0, 1);
    MetricAggregate a2 = Aggregates.of("rps", MetricType.GAUGE, "tenant-a", T0.plusSeconds(10), 2);
    MetricAggregate b1 = Aggregates.of("rps", MetricType.GAUGE, "tenant-b", T0.plusSeconds(20), 3);
    MetricAggregate after =
        Aggregates.of("rps", MetricType.GAUGE, "tenant-a", T0.plusSeconds(60), 4);
    MetricAggregate otherMetric = Aggregates.of("rpm", MetricType.GAUGE, "tenant-a", T0, 5);
    storage.append(List.of(a1, a2, b1, after, otherMetric));
    MetricAggregate coarseA =
        new MetricAggregate(
            "rps",
            MetricType.GAUGE,
            List.of(),
            "tenant-a",
            T0,
            Duration.ofMinutes(1),
            2,
            3,
            5,
            1,
            2,
            2,
            null,
            null);
    MetricAggregate coarseB =
        new MetricAggregate(
            "rps",
            MetricType.GAUGE,
            List.of(),
            "tenant-b",
            T0,
            Duration.ofMinutes(1),
            1,
            3,
            9,
            3,
            3,
            3,
            null,
            null);

    long deleted = storage.rewrite("rps", T0, T0.plusSeconds(60), List.of(coarseA, coarseB));

    assertThat(deleted).isEqualTo(3);
    assertThat(storage.readAll("rps", T0, FAR)).containsExactlyInAnyOrder(coarseA, coarseB, after);
    assertThat(storage.readAll("rpm", T0, FAR)).containsExactly(otherMetric);
  }

  @Test
  void rewrite_failingReplacement_changesNothing() throws Exception {
    MetricAggregate original = gauge("rewritten", T0);
    storage.append(List.of(original));
    failInsertsOfCount(666);

    assertThatThrownBy(
            () ->
                storage.rewrite(
                    "rewritten",
                    T0,
                    FAR,
                    List.of(
                        gauge("rewritten", T0, "new", "1"),
                        withCount(gauge("rewritten", T0), 666))))
        .isInstanceOf(MetricStorageException.class)
        .hasMessageStartingWith(
            "embedded storage 'metrics' ("
                + storage.file()
                + ") could not rewrite 'rewritten' in [2025-01-01T00:00:00Z, 2100-01-01T00:00:00Z)"
                + " with 2 aggregates:");

    assertThat(storage.readAll("rewritten", T0, FAR)).containsExactly(original);
  }

  @Test
  void rewrite_withNothing_deletesRange() {
    storage.append(List.of(gauge("thin", T0), gauge("thin", T0.plusSeconds(10))));

    assertThat(storage.rewrite("thin", T0, T0.plusSeconds(10), List.of())).isEqualTo(1);

    assertThat(storage.readAll("thin", T0, FAR)).containsExactly(gauge("thin", T0.plusSeconds(10)));
  }

  @Test
  void deleteBefore_removesAggregatesEndingAtOrBeforeCutoff_ofEveryTenant() {
    Instant cutoff = T0.plusSeconds(100);
    MetricAggregate endsBefore = gauge("old", cutoff.minus(STEP).minusNanos(1));
    MetricAggregate endsAtCutoff =
        Aggregates.of("old", MetricType.GAUGE, "tenant-b", cutoff.minus(STEP), 1);
    MetricAggregate endsJustAfter = gauge("old", cutoff.minus(STEP).plusNanos(1));
    MetricAggregate otherMetric = gauge("young", T0);
    storage.append(List.of(endsBefore, endsAtCutoff, endsJustAfter, otherMetric));

    long deleted = storage.deleteBefore("old", cutoff);

    assertThat(deleted).isEqualTo(2);
    assertThat(storage.readAll("old", Instant.EPOCH, FAR)).containsExactly(endsJustAfter);
    assertThat(storage.readAll("young", Instant.EPOCH, FAR)).containsExactly(otherMetric);
    assertThat(storage.deleteBefore("absent", FAR)).isZero();
  }

  @Test
  void reopen_afterClose_keepsEverything() {
    MetricAggregate full = Aggregates.full("kept", T0, 3, 1.5);
    storage.append(List.of(full, gauge("kept.too", T0)));
    storage.close();

    storage = open(home);

    assertThat(storage.readAll("kept", T0, FAR)).containsExactly(full);
    assertThat(storage.metrics()).containsOnlyKeys("kept", "kept.too");
  }

  @Test
  void callsAfterClose_failNamingTheStorage() {
    storage.close();

    assertThatThrownBy(() -> storage.append(List.of(gauge("late", T0))))
        .isInstanceOf(MetricStorageException.class)
        .hasMessage(
            "embedded storage 'metrics' ("
                + storage.file()
                + ") could not append 1 aggregates: it is closed");
    assertThatThrownBy(() -> storage.read(query("late", T0, FAR)))
        .isInstanceOf(MetricStorageException.class)
        .hasMessageEndingWith("could not read 'late' of tenant 'default': it is closed");
  }

  @Test
  void read_rowThisPluginNeverWrites_failsNamingStorageAndRow() throws Exception {
    storage.append(List.of(gauge("odd", T0)));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + storage.file());
        Statement s = c.createStatement()) {
      s.execute("UPDATE series SET type = 'SUMMARY' WHERE name = 'odd'");
    }
    storage.close();
    storage = open(home);

    assertThatThrownBy(() -> storage.read(query("odd", T0, FAR)))
        .isInstanceOf(MetricStorageException.class)
        .hasMessage(
            "embedded storage 'metrics' ("
                + storage.file()
                + ") could not read 'odd' of tenant 'default': the file holds a row this plugin"
                + " cannot read (No enum constant nexus.monitoring.api.MetricType.SUMMARY)");
  }

  @Test
  void file_isUnderConfiguredPathRelativeToInstallation() {
    assertThat(storage.file()).isEqualTo(home.resolve("data/metrics/metrics.db"));
    assertThat(storage.file()).exists();
  }

  /** Makes the store refuse any aggregate row with {@code count}, as a failing disk would. */
  private void failInsertsOfCount(long count) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + storage.file());
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TRIGGER fail_insert BEFORE INSERT ON aggregates WHEN NEW.count = "
              + count
              + " BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END");
    }
  }

  private static MetricAggregate withCount(MetricAggregate a, long count) {
    return new MetricAggregate(
        a.name(),
        a.type(),
        a.tags(),
        a.tenant(),
        a.start(),
        a.step(),
        count,
        a.sum(),
        a.sumOfSquares(),
        a.min(),
        a.max(),
        a.last(),
        a.sketch(),
        a.exemplar());
  }
}
