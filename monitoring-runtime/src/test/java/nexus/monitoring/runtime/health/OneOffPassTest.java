package nexus.monitoring.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.spi.HealthCheck;
import nexus.monitoring.runtime.metrics.HostMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What a new user found running the {@code check} command and a flapping check: a one-off pass
 * judges no result stale, a flapping check does not fill the log, and a huge message is cut.
 */
final class OneOffPassTest {
  private final List<HealthCheckRunner> runners = new ArrayList<>();
  private final Logger runnerLog = (Logger) LoggerFactory.getLogger(HealthCheckRunner.class);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  OneOffPassTest() {
    log.start();
    runnerLog.addAppender(log);
  }

  @AfterEach
  void close() {
    runnerLog.detachAppender(log);
    runners.forEach(HealthCheckRunner::close);
  }

  private HealthCheckRunner runner(CheckInstance... checks) {
    HealthCheckRunner runner =
        new HealthCheckRunner(List.of(checks), new HostMetrics(), Clock.systemUTC());
    runners.add(runner);
    return runner;
  }

  private static CheckInstance instance(String name, HealthCheck check, StatusPolicy policy) {
    return new CheckInstance(
        name,
        "test",
        "test-plugin",
        check,
        Duration.ofMillis(50),
        Duration.ofSeconds(5),
        Duration.ZERO,
        Duration.ZERO,
        true,
        Set.of("readiness"),
        policy);
  }

  private static StatusPolicy staleAfter(Duration limit) {
    return new StatusPolicy(limit, 1, 1, 0, Duration.ofMinutes(1), 10);
  }

  @Test
  void oneOffPass_waitingForASlowCheck_doesNotCallTheFastOnesStale() throws Exception {
    CheckInstance fast =
        instance(
            "fast", () -> HealthCheckResult.healthy("quick"), staleAfter(Duration.ofMillis(100)));
    CheckInstance slow =
        instance(
            "slow",
            () -> {
              Thread.sleep(600);
              return HealthCheckResult.healthy("slow but fine");
            },
            staleAfter(Duration.ofSeconds(30)));
    HealthCheckRunner runner = runner(fast, slow);

    HealthReport pass = runner.runOnce();

    HealthReport.Entry entry = pass.entries().get(0);
    assertThat(entry.stale()).isFalse();
    assertThat(entry.result().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(pass.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(runner.report().entries().get(0).stale())
        .as("the serving view still judges age")
        .isTrue();
  }

  @Test
  void flappingCheck_logsThatItFlapsOnce_notEveryChange() throws Exception {
    Deque<HealthStatus> statuses = new ArrayDeque<>();
    for (int i = 0; i < 12; i++) {
      statuses.add(i % 2 == 0 ? HealthStatus.HEALTHY : HealthStatus.CRITICAL);
    }
    StatusPolicy flapping =
        new StatusPolicy(Duration.ofMinutes(5), 1, 1, 3, Duration.ofMinutes(1), 10);
    HealthCheckRunner runner =
        runner(instance("flaky", () -> HealthCheckResult.of(statuses.poll(), "down?"), flapping));

    for (int i = 0; i < 12; i++) {
      runner.runOnce();
    }

    List<String> lines =
        log.list.stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO))
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    assertThat(lines).filteredOn(l -> l.contains("is flapping")).hasSize(1);
    assertThat(lines)
        .as("changes before it flapped, then one flapping line: %s", lines)
        .hasSizeLessThanOrEqualTo(5);
  }

  @Test
  void hugeMessage_isCutToWhatAHealthDocumentCarries() throws Exception {
    String output = "OK - big " + "x".repeat(1_000_000);
    HealthCheckRunner runner =
        runner(
            instance(
                "noisy",
                () -> HealthCheckResult.healthy(output).withDetail("long.text", output),
                staleAfter(Duration.ofMinutes(1))));

    HealthCheckResult result = runner.runOnce().entries().get(0).result();

    assertThat(result.message())
        .hasSizeLessThan(HealthCheckRunner.MAX_MESSAGE_CHARS + 50)
        .startsWith("OK - big xxx")
        .endsWith(
            "(" + (output.length() - HealthCheckRunner.MAX_MESSAGE_CHARS) + " more characters)");
    assertThat((String) result.details().get("long.text"))
        .hasSizeLessThan(HealthCheckRunner.MAX_DETAIL_CHARS + 50);
  }
}
