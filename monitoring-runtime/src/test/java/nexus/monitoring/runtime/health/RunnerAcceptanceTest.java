package nexus.monitoring.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthChecker;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.spi.HealthCheck;
import nexus.monitoring.runtime.metrics.HostMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The acceptance criteria for the runner, and its {@link HealthChecker} contract. */
final class RunnerAcceptanceTest {
  /** Scheduling slack on a loaded two-core machine; the bound is about hangs, not speed. */
  private static final long MARGIN_MILLIS = 2_000;

  private final HostMetrics metrics = new HostMetrics();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<HealthCheckRunner> runners = new ArrayList<>();

  @AfterEach
  void releaseHungChecks() {
    release.countDown();
    runners.forEach(HealthCheckRunner::close);
  }

  private HealthCheckRunner runner(List<CheckInstance> checks) {
    HealthCheckRunner runner = new HealthCheckRunner(checks, metrics, Clock.systemUTC());
    runners.add(runner);
    return runner;
  }

  private static CheckInstance instance(String name, HealthCheck check, Duration timeout) {
    return new CheckInstance(
        name,
        "test",
        "test-plugin",
        check,
        Duration.ofMinutes(1),
        timeout,
        Duration.ZERO,
        Duration.ZERO,
        true,
        Set.of("readiness"));
  }

  /** Never returns until the test ends, whatever interrupts it. */
  private HealthCheck hangingForever() {
    return () -> {
      while (true) {
        try {
          release.await();
          return HealthCheckResult.healthy("released");
        } catch (InterruptedException ignored) {
          // Deliberately deaf to interruption, like a driver stuck in a socket read.
        }
      }
    };
  }

  @Test
  void twentyChecks_fiveHangFiveThrow_passEndsInTime_andThreadsDoNotGrowOverAHundredPasses()
      throws Exception {
    List<CheckInstance> checks = new ArrayList<>();
    long longestTimeout = 0;
    for (int i = 0; i < 20; i++) {
      Duration timeout = Duration.ofMillis(200 + 50L * (i % 5));
      longestTimeout = Math.max(longestTimeout, timeout.toMillis());
      HealthCheck check;
      if (i < 5) {
        check = hangingForever();
      } else if (i < 10) {
        int n = i;
        check =
            () -> {
              throw new IllegalStateException("check " + n + " broke");
            };
      } else {
        check = () -> HealthCheckResult.healthy("fine").withDetail("latency.seconds", 0.01);
      }
      checks.add(instance("check-" + i, check, timeout));
    }
    HealthCheckRunner runner = runner(checks);

    long start = System.nanoTime();
    HealthReport first = runner.runOnce();
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    int threadsAfterFirstPass = liveThreads();
    for (int pass = 0; pass < 100; pass++) {
      runner.runOnce();
    }
    HealthReport last = runner.report();
    int threadsAfterHundredPasses = liveThreads();

    assertThat(elapsedMillis).isLessThan(longestTimeout + MARGIN_MILLIS);
    for (HealthReport report : List.of(first, last)) {
      for (HealthReport.Entry entry : report.entries()) {
        int n = Integer.parseInt(entry.name().substring("check-".length()));
        HealthStatus expected = n < 10 ? HealthStatus.CRITICAL : HealthStatus.HEALTHY;
        assertThat(entry.result().status()).as(entry.name()).isEqualTo(expected);
      }
    }
    assertThat(first.entries().get(0).result().message()).startsWith("timed out after 0.2s");
    assertThat(last.entries().get(0).result().message())
        .startsWith("previous run has not returned");
    assertThat(first.entries().get(5).result().message()).isEqualTo("check 5 broke");
    assertThat(threadsAfterHundredPasses).isLessThanOrEqualTo(threadsAfterFirstPass);
  }

  private static int liveThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  @Test
  void numericAndBooleanDetails_becomeObservedGauges_andVanishWhenNoLongerReported()
      throws Exception {
    List<HealthCheckResult> results =
        new ArrayList<>(
            List.of(
                HealthCheckResult.healthy("ok")
                    .withDetail("perf.time", 0.25)
                    .withDetail("connected", true)
                    .withDetail("server", "db-1"),
                HealthCheckResult.healthy("ok").withDetail("connected", false)));
    HealthCheckRunner runner =
        runner(List.of(instance("db", () -> results.remove(0), Duration.ofSeconds(5))));

    runner.runOnce();
    Map<String, Double> firstRun = observed("db");
    runner.runOnce();
    Map<String, Double> secondRun = observed("db");

    assertThat(firstRun).containsOnly(Map.entry("perf.time", 0.25), Map.entry("connected", 1.0));
    assertThat(secondRun).containsOnly(Map.entry("connected", 0.0));
  }

  private Map<String, Double> observed(String check) {
    Map<String, Double> values = new java.util.TreeMap<>();
    for (MetricSnapshot s : metrics.snapshot()) {
      if (s.name().equals("health.check.observed")
          && s.tags().stream().anyMatch(t -> t.key().equals("check") && t.value().equals(check))) {
        String key =
            s.tags().stream()
                .filter(t -> t.key().equals("observation"))
                .findFirst()
                .orElseThrow()
                .value();
        values.put(key, s.value());
      }
    }
    return values;
  }

  @Test
  void runner_keepsTheHealthCheckerContract() {
    HealthCheckRunner runner =
        runner(
            List.of(
                instance("b-warn", () -> HealthCheckResult.warning("slow"), Duration.ofSeconds(5)),
                instance("a-ok", () -> HealthCheckResult.healthy("ok"), Duration.ofSeconds(5))));
    HealthChecker checker = runner;

    assertThat(checker.names()).containsExactly("a-ok", "b-warn");
    assertThat(checker.latestResults()).isEmpty();
    assertThat(checker.run("a-ok").status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(checker.latestResults()).containsOnlyKeys("a-ok");
    assertThat(checker.runAll()).containsOnlyKeys("a-ok", "b-warn");
    assertThat(checker.aggregateStatus()).isEqualTo(HealthStatus.WARNING);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> checker.run("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no health check named 'nope'; checks: [a-ok, b-warn]");
  }

  @Test
  void scheduledRuns_useEachChecksInterval() throws Exception {
    CountDownLatch ranThrice = new CountDownLatch(3);
    HealthCheckRunner runner =
        runner(
            List.of(
                new CheckInstance(
                    "often",
                    "test",
                    "test-plugin",
                    () -> {
                      ranThrice.countDown();
                      return HealthCheckResult.healthy("");
                    },
                    Duration.ofMillis(50),
                    Duration.ofSeconds(1),
                    Duration.ZERO,
                    Duration.ofMillis(10),
                    true,
                    Set.of())));

    runner.start();

    assertThat(ranThrice.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }
}
