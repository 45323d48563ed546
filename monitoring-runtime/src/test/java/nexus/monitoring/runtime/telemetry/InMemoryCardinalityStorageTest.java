package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.spi.CardinalityStorage.Registration;
import org.junit.jupiter.api.Test;

final class InMemoryCardinalityStorageTest {
  private final InMemoryCardinalityStorage storage = new InMemoryCardinalityStorage();

  private static List<MetricTag> user(int id) {
    return List.of(MetricTag.of("user", "u-" + id));
  }

  @Test
  void registration_reportsKnownRegisteredAndWhichLimitWasReached() {
    assertThat(storage.registerIfUnderLimit("acme", "a", user(1), 2, 3))
        .isEqualTo(Registration.REGISTERED);
    assertThat(storage.registerIfUnderLimit("acme", "a", user(1), 2, 3))
        .isEqualTo(Registration.KNOWN);
    assertThat(storage.registerIfUnderLimit("acme", "a", user(2), 2, 3))
        .isEqualTo(Registration.REGISTERED);
    assertThat(storage.registerIfUnderLimit("acme", "a", user(3), 2, 3))
        .isEqualTo(Registration.METRIC_LIMIT_REACHED);
    assertThat(storage.registerIfUnderLimit("acme", "b", user(1), 2, 3))
        .isEqualTo(Registration.REGISTERED);
    assertThat(storage.registerIfUnderLimit("acme", "b", user(2), 2, 3))
        .isEqualTo(Registration.TENANT_LIMIT_REACHED);

    assertThat(storage.seriesCount("acme", "a")).isEqualTo(2);
    assertThat(storage.seriesCount("acme", "b")).isEqualTo(1);
    assertThat(storage.tenantSeriesCount("acme")).isEqualTo(3);
    assertThat(storage.seriesCount("globex", "a")).isZero();
    assertThat(storage.tenantSeriesCount("globex")).isZero();
  }

  @Test
  void concurrentRegistrations_neverPassTheLimits() throws Exception {
    int threads = 4;
    AtomicInteger registered = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 2_500; i++) {
                  String metric = i % 2 == 0 ? "even" : "odd";
                  Registration r =
                      storage.registerIfUnderLimit(
                          "acme", metric, user(i * threads + offset), 1_000, 1_500);
                  if (r == Registration.REGISTERED) {
                    registered.incrementAndGet();
                  }
                }
              });
      worker.start();
      workers.add(worker);
    }

    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(registered.get()).isEqualTo(1_500);
    assertThat(storage.tenantSeriesCount("acme")).isEqualTo(1_500);
    assertThat(storage.seriesCount("acme", "even")).isLessThanOrEqualTo(1_000);
    assertThat(storage.seriesCount("acme", "odd")).isLessThanOrEqualTo(1_000);
    assertThat(storage.seriesCount("acme", "even") + storage.seriesCount("acme", "odd"))
        .isEqualTo(1_500);
  }

  @Test
  void close_forgetsEverything() {
    storage.registerIfUnderLimit("acme", "a", user(1), 10, 10);

    storage.close();

    assertThat(storage.tenantSeriesCount("acme")).isZero();
  }
}
