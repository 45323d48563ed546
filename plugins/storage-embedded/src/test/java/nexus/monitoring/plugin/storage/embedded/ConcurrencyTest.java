package nexus.monitoring.plugin.storage.embedded;

import static nexus.monitoring.plugin.storage.embedded.Aggregates.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.api.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends, rewrites and reads from several threads at once; reads see whole batches only. */
final class ConcurrencyTest {
  private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");
  private static final int BATCH_SIZE = 50;

  @TempDir Path home;

  @Test
  void concurrentAppendsAndReads_readsSeeWholeBatchesAndNothingIsLost() throws Exception {
    int writers = 3;
    int batchesPerWriter = 60;
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    try (EmbeddedMetricStorage storage =
        new EmbeddedMetricStorage(StorageTestSettings.of(home, "read-connections", "2"))) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> writes = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        writes.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int b = 0; b < batchesPerWriter; b++) {
                    storage.append(batch(writer * 1000L + b));
                  }
                  return null;
                }));
      }
      List<Future<?>> reads = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        reads.add(
            pool.submit(
                () -> {
                  start.await();
                  while (writing.get()) {
                    Map<Long, Long> sizes =
                        storage
                            .read(QuerySpec.builder("concurrent").between(T0, FAR).build())
                            .stream()
                            .collect(
                                Collectors.groupingBy(
                                    MetricAggregate::count, Collectors.counting()));
                    sizes.forEach(
                        (batch, size) -> {
                          if (size != BATCH_SIZE) {
                            violations.add("batch " + batch + " seen with " + size + " aggregates");
                          }
                        });
                  }
                  return null;
                }));
      }

      start.countDown();
      for (Future<?> write : writes) {
        write.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      for (Future<?> read : reads) {
        read.get(60, TimeUnit.SECONDS);
      }

      assertThat(violations).isEmpty();
      assertThat(storage.readAll("concurrent", T0, FAR))
          .hasSize(writers * batchesPerWriter * BATCH_SIZE);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rewriteDuringReads_isSeenWholeOrNotAtAll() throws Exception {
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    AtomicBoolean rewriting = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (EmbeddedMetricStorage storage = new EmbeddedMetricStorage(StorageTestSettings.of(home))) {
      storage.append(fine(0));
      Future<?> reader =
          pool.submit(
              () -> {
                while (rewriting.get()) {
                  List<MetricAggregate> seen = storage.readAll("downsampled", T0, FAR);
                  long generations = seen.stream().map(MetricAggregate::count).distinct().count();
                  boolean whole =
                      generations == 1
                          && (seen.size() == 10
                              || seen.size() == 1 && seen.get(0).step().toMinutes() == 10);
                  if (!whole) {
                    violations.add("saw " + seen);
                  }
                }
                return null;
              });

      for (int generation = 1; generation <= 100; generation++) {
        List<MetricAggregate> replacement =
            generation % 2 == 0 ? fine(generation) : coarse(generation);
        long deleted =
            storage.rewrite("downsampled", T0, T0.plus(Duration.ofMinutes(10)), replacement);
        assertThat(deleted).isEqualTo(generation % 2 == 0 ? 1 : 10);
      }
      rewriting.set(false);
      reader.get(60, TimeUnit.SECONDS);

      assertThat(violations).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<MetricAggregate> batch(long id) {
    List<MetricAggregate> batch = new ArrayList<>(BATCH_SIZE);
    for (int i = 0; i < BATCH_SIZE; i++) {
      batch.add(
          withCount(
              Aggregates.gauge("concurrent", T0.plusSeconds(i), "i", String.valueOf(i % 7)), id));
    }
    return batch;
  }

  /** Ten one-minute aggregates of generation {@code count}. */
  private static List<MetricAggregate> fine(long count) {
    List<MetricAggregate> fine = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      fine.add(withCount(Aggregates.gauge("downsampled", T0.plus(Duration.ofMinutes(i))), count));
    }
    return fine;
  }

  /** One ten-minute aggregate of generation {@code count}. */
  private static List<MetricAggregate> coarse(long count) {
    return List.of(
        new MetricAggregate(
            "downsampled",
            MetricType.GAUGE,
            List.of(),
            Tenants.DEFAULT,
            T0,
            Duration.ofMinutes(10),
            count,
            1,
            1,
            1,
            1,
            1,
            null,
            null));
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
