package nexus.monitoring.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.spi.HealthCheck;
import nexus.monitoring.runtime.metrics.HostMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class HealthCheckRunnerTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  private final HostMetrics metrics = new HostMetrics();
  private final List<HealthCheckRunner> runners = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseHungChecks() {
    release.countDown();
    runners.forEach(HealthCheckRunner::close);
  }

  /** Sleeps until the test ends, swallowing every interruption. */
  private final class HangingCheck implements HealthCheck {
    @Override
    public HealthCheckResult check() {
      while (true) {
        try {
          release.await();
          return HealthCheckResult.healthy("released");
        } catch (InterruptedException ignored) {
          // A badly written check: ignores interruption and keeps waiting.
        }
      }
    }
  }

  private static final class ThrowingCheck implements HealthCheck {
    @Override
    public HealthCheckResult check() throws Exception {
      throw new java.io.IOException("connection refused by db:5432");
    }
  }

  private static final class FixedCheck implements HealthCheck {
    private final HealthStatus status;

    FixedCheck(HealthStatus status) {
      this.status = status;
    }

    @Override
    public HealthCheckResult check() {
      return HealthCheckResult.of(status, "fixed " + status);
    }
  }

  private static CheckInstance instance(String name, HealthCheck check, boolean critical) {
    return new CheckInstance(
        name,
        "test",
        "test-plugin",
        check,
        Duration.ofMinutes(1),
        TIMEOUT,
        Duration.ZERO,
        Duration.ZERO,
        critical,
        Set.of());
  }

  private HealthCheckRunner runner(List<CheckInstance> checks) {
    HealthCheckRunner runner = new HealthCheckRunner(checks, metrics, Clock.systemUTC());
    runners.add(runner);
    return runner;
  }

  private static HealthReport.Entry entry(HealthReport report, String name) {
    return report.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void whenChecksHangOrThrow_theOthersStillReportTheirOwnResults() throws Exception {
    List<CheckInstance> checks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      HealthCheck check =
          i < 5
              ? new HangingCheck()
              : i < 10 ? new ThrowingCheck() : new FixedCheck(HealthStatus.HEALTHY);
      checks.add(instance("check-" + i, check, true));
    }
    HealthCheckRunner runner = runner(checks);

    HealthReport report = runner.runOnce();

    for (int i = 0; i < 20; i++) {
      HealthCheckResult result = entry(report, "check-" + i).result();
      if (i < 5) {
        assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(result.message()).isEqualTo("timed out after 0.3s; the run was interrupted");
        assertThat(result.duration()).isGreaterThanOrEqualTo(TIMEOUT);
      } else if (i < 10) {
        assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(result.message()).isEqualTo("connection refused by db:5432");
        assertThat(result.details()).containsEntry("exception", "java.io.IOException");
      } else {
        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.message()).isEqualTo("fixed HEALTHY");
      }
    }
    assertThat(report.status()).isEqualTo(HealthStatus.CRITICAL);
  }

  @Test
  void whenACheckIgnoresInterruption_laterPassesStartNoNewThreadForIt() throws Exception {
    List<CheckInstance> checks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      checks.add(instance("abandoned-" + i, new HangingCheck(), true));
    }
    checks.add(instance("steady", new FixedCheck(HealthStatus.HEALTHY), true));
    HealthCheckRunner runner = runner(checks);
    runner.runOnce();
    long afterFirstPass = threadsNamed("health-check");

    HealthReport report = null;
    for (int pass = 0; pass < 100; pass++) {
      report = runner.runOnce();
    }

    assertThat(threadsNamed("health-check:abandoned-")).isEqualTo(5);
    assertThat(threadsNamed("health-check:steady")).isEqualTo(1);
    assertThat(threadsNamed("health-check")).isLessThanOrEqualTo(afterFirstPass);
    assertThat(entry(report, "abandoned-0").result().message())
        .startsWith("previous run has not returned for ")
        .endsWith("(it ignored interruption); no new run starts until it does");
    assertThat(entry(report, "steady").result().status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void whenNonCriticalCheckFails_hostIsDegradedNotCritical() throws Exception {
    HealthCheckRunner runner =
        runner(
            List.of(
                instance("optional", new FixedCheck(HealthStatus.CRITICAL), false),
                instance("core", new FixedCheck(HealthStatus.HEALTHY), true)));

    HealthReport report = runner.runOnce();

    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(entry(report, "optional").effectiveStatus()).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void whenCheckReturnsNull_resultIsCritical() throws Exception {
    HealthCheckRunner runner = runner(List.of(instance("null", () -> null, true)));

    HealthReport report = runner.runOnce();

    assertThat(entry(report, "null").result().message()).isEqualTo("the check returned no result");
  }

  @Test
  void beforeTheFirstRun_checksArePendingAsWarning() {
    HealthCheckRunner runner =
        runner(List.of(instance("later", new FixedCheck(HealthStatus.HEALTHY), true)));

    HealthReport report = runner.report();

    assertThat(report.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(entry(report, "later").result().message()).startsWith("pending");
  }

  @Test
  void hostEntries_countTowardTheAggregate() throws Exception {
    HealthCheckRunner runner = runner(List.of());
    runner.addHostEntry("plugins", "host", false, HealthCheckResult.degraded("1 quarantined"));

    assertThat(runner.runOnce().status()).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void everyRun_recordsStatusDurationAndCountMetrics() throws Exception {
    HealthCheckRunner runner =
        runner(
            List.of(
                instance("fine", new FixedCheck(HealthStatus.WARNING), true),
                instance("hung", new HangingCheck(), true)));

    runner.runOnce();

    assertThat(metrics.snapshot())
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("health.check.status");
              assertThat(s.tags()).extracting(t -> t.value()).containsExactly("fine");
              assertThat(s.value()).isEqualTo(HealthStatus.WARNING.ordinal());
            })
        .anySatisfy(s -> assertThat(s.name()).isEqualTo("health.check.duration.seconds"))
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("health.check.timeouts");
              assertThat(s.value()).isEqualTo(1.0);
            })
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("health.check.runs");
              assertThat(s.tags()).extracting(t -> t.value()).containsExactly("fine", "WARNING");
            });
  }

  private static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
        .count();
  }
}
