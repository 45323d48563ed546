package nexus.monitoring.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricStorageException;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.QuerySpec;
import org.junit.jupiter.api.Test;

final class InMemoryMetricStorageTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final InMemoryMetricStorage storage = new InMemoryMetricStorage();

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static QuerySpec.Builder query(String metric, long fromSeconds, long toSeconds) {
    return QuerySpec.builder(metric).between(at(fromSeconds), at(toSeconds));
  }

  @Test
  void read_returnsOnlyTheQueryTenantMetricRangeAndTags() {
    Recorded getA = Recorded.series("http.requests", MetricType.COUNTER).tags("method", "GET");
    Recorded postA = Recorded.series("http.requests", MetricType.COUNTER).tags("method", "POST");
    Recorded getB =
        Recorded.series("http.requests", MetricType.COUNTER).tags("method", "GET").tenant("b");
    MetricAggregate inside = getA.at(at(0), 1);
    storage.append(
        List.of(
            inside,
            postA.at(at(0), 2),
            getB.at(at(0), 3),
            getA.at(at(60), 4),
            Recorded.series("other", MetricType.COUNTER).at(at(0), 5)));

    assertThat(storage.read(query("http.requests", 0, 60).tag("method", "GET").build()))
        .containsExactly(inside);
    assertThat(storage.read(query("http.requests", 0, 60).tenant("b").build()))
        .extracting(MetricAggregate::tenant)
        .containsExactly("b");
    assertThat(storage.read(query("missing", 0, 60).build())).isEmpty();
  }

  @Test
  void read_rangeIsHalfOpenOnTheAggregateStart() {
    Recorded series = Recorded.series("jobs", MetricType.COUNTER);
    storage.append(List.of(series.at(at(0), 1), series.at(at(10), 1), series.at(at(20), 1)));

    assertThat(storage.read(query("jobs", 0, 20).build()))
        .extracting(MetricAggregate::start)
        .containsExactlyInAnyOrder(at(0), at(10));
  }

  @Test
  void append_keepsTwoAggregatesOfTheSameSeriesAndStep() {
    Recorded series = Recorded.series("jobs", MetricType.COUNTER);
    storage.append(List.of(series.at(at(0), 1)));
    storage.append(List.of(series.at(at(0), 1)));

    assertThat(storage.read(query("jobs", 0, 10).build())).hasSize(2);
  }

  @Test
  void append_typeConflict_refusesTheWholeBatchNamingBothTypes() {
    storage.append(List.of(Recorded.series("queue.depth", MetricType.GAUGE).at(at(0), 3)));
    MetricAggregate unrelated = Recorded.series("jobs", MetricType.COUNTER).at(at(0), 1);
    MetricAggregate conflicting = Recorded.series("queue.depth", MetricType.COUNTER).at(at(0), 1);

    assertThatThrownBy(() -> storage.append(List.of(unrelated, conflicting)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "batch item 1 is a COUNTER aggregate of 'queue.depth', which is already a GAUGE; a"
                + " metric has one type, nothing was stored");
    assertThat(storage.metrics()).containsOnlyKeys("queue.depth");
  }

  @Test
  void append_nullItem_refusesTheWholeBatch() {
    List<MetricAggregate> batch = new ArrayList<>();
    batch.add(Recorded.series("jobs", MetricType.COUNTER).at(at(0), 1));
    batch.add(null);

    assertThatThrownBy(() -> storage.append(batch))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("batch item 1 is null; nothing was stored");
    assertThat(storage.size()).isZero();
  }

  @Test
  void readAll_returnsEveryTenant() {
    storage.append(
        List.of(
            Recorded.series("jobs", MetricType.COUNTER).tenant("a").at(at(0), 1),
            Recorded.series("jobs", MetricType.COUNTER).tenant("b").at(at(5), 1),
            Recorded.series("jobs", MetricType.COUNTER).tenant("b").at(at(30), 1)));

    assertThat(storage.readAll("jobs", at(0), at(30)))
        .extracting(MetricAggregate::tenant)
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void rewrite_replacesTheRangeOfEveryTenantAndCountsWhatWent() {
    Recorded a = Recorded.series("jobs", MetricType.COUNTER).tenant("a");
    Recorded b = Recorded.series("jobs", MetricType.COUNTER).tenant("b");
    MetricAggregate after = a.at(at(60), 1);
    storage.append(List.of(a.at(at(0), 1), a.at(at(10), 1), b.at(at(20), 1), after));
    MetricAggregate merged = a.step(Duration.ofMinutes(1)).at(at(0), 1, 1);

    long deleted = storage.rewrite("jobs", at(0), at(60), List.of(merged));

    assertThat(deleted).isEqualTo(3);
    assertThat(storage.readAll("jobs", at(0), at(120))).containsExactlyInAnyOrder(merged, after);
  }

  @Test
  void rewrite_replacementOfAnotherMetric_isRefusedAndNothingChanges() {
    MetricAggregate kept = Recorded.series("jobs", MetricType.COUNTER).at(at(0), 1);
    storage.append(List.of(kept));
    MetricAggregate other = Recorded.series("other", MetricType.COUNTER).at(at(0), 1);

    assertThatThrownBy(() -> storage.rewrite("jobs", at(0), at(60), List.of(other)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "replacement item 0 is an aggregate of 'other'; a rewrite of 'jobs' may only store"
                + " aggregates of that metric");
    assertThat(storage.readAll("jobs", at(0), at(60))).containsExactly(kept);
  }

  @Test
  void deleteBefore_deletesAggregatesEndingAtOrBeforeTheCutoff() {
    Recorded series = Recorded.series("jobs", MetricType.COUNTER).tenant("a");
    MetricAggregate endsAfter = series.at(at(15), 1);
    storage.append(
        List.of(
            series.at(at(0), 1),
            series.at(at(10), 1),
            Recorded.series("jobs", MetricType.COUNTER).tenant("b").at(at(5), 1),
            Recorded.series("jobs", MetricType.COUNTER).tenant("b").at(at(12), 1),
            endsAfter));

    assertThat(storage.deleteBefore("jobs", at(20))).isEqualTo(3);
    assertThat(storage.readAll("jobs", at(0), at(60)))
        .containsExactlyInAnyOrder(
            Recorded.series("jobs", MetricType.COUNTER).tenant("b").at(at(12), 1), endsAfter);
  }

  @Test
  void metrics_listsEachNameWithItsType_andForgetsAMetricOnceEmpty() {
    storage.append(
        List.of(
            Recorded.series("jobs", MetricType.COUNTER).at(at(0), 1),
            Recorded.series("latency", MetricType.TIMING).at(at(0), 0.2)));

    assertThat(storage.metrics())
        .isEqualTo(Map.of("jobs", MetricType.COUNTER, "latency", MetricType.TIMING));

    storage.deleteBefore("jobs", at(3600));
    assertThat(storage.metrics()).isEqualTo(Map.of("latency", MetricType.TIMING));
  }

  @Test
  void whenClosed_everyOperationFailsNamingIt() {
    storage.close();

    assertThatThrownBy(() -> storage.read(query("jobs", 0, 10).build()))
        .isInstanceOf(MetricStorageException.class)
        .hasMessage("in-memory metric storage cannot read: it has been closed");
    assertThatThrownBy(() -> storage.append(List.of()))
        .isInstanceOf(MetricStorageException.class)
        .hasMessage("in-memory metric storage cannot append: it has been closed");
  }

  @Test
  void concurrentReads_seeEachBatchWholeOrNotAtAll() throws Exception {
    Recorded series = Recorded.series("jobs", MetricType.COUNTER);
    int batches = 500;
    int batchSize = 10;
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Integer> torn = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              while (!done.get()) {
                int seen = storage.read(query("jobs", 0, 3600).build()).size();
                if (seen % batchSize != 0) {
                  torn.set(seen);
                }
              }
            });
    reader.start();

    for (int b = 0; b < batches; b++) {
      List<MetricAggregate> batch = new ArrayList<>();
      for (int i = 0; i < batchSize; i++) {
        batch.add(series.at(at(i), 1));
      }
      storage.append(batch);
    }
    done.set(true);
    reader.join();

    assertThat(torn.get()).as("a read saw part of a batch").isNull();
    assertThat(storage.size()).isEqualTo((long) batches * batchSize);
  }
}
