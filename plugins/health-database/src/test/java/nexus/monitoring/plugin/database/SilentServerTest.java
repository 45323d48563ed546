package nexus.monitoring.plugin.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.SilentServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The check against a loopback port that accepts TCP connections and never answers, as a hung
 * server does: it must give up at its connect-timeout and stop when interrupted, never hang.
 */
final class SilentServerTest {
  private SilentServer silent;
  private String url;

  @BeforeEach
  void listenWithoutAnswering() throws Exception {
    silent = new SilentServer();
    url = "jdbc:postgresql://127.0.0.1:" + silent.port() + "/test";
  }

  @AfterEach
  void close() throws Exception {
    silent.close();
  }

  @Test
  void serverNeverAnswering_isCriticalAfterConnectTimeout() throws Exception {
    DatabaseCheck check =
        new DatabaseCheck(MapPluginSettings.of("url", url, "connect-timeout", "1s"));

    long start = System.nanoTime();
    HealthCheckResult result = check.check();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).startsWith("cannot connect to " + url + ": ");
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(900))
        .isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void interruptedWhileConnecting_stopsPromptly() throws Exception {
    DatabaseCheck check =
        new DatabaseCheck(MapPluginSettings.of("url", url, "connect-timeout", "1h"));
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<HealthCheckResult> run = runner.submit(check::check);
      Thread.sleep(300);

      long start = System.nanoTime();
      run.cancel(true);
      runner.shutdown();

      assertThat(runner.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    } finally {
      runner.shutdownNow();
    }
  }

  @Test
  void interruptedCheck_throwsInterruptedException() throws Exception {
    DatabaseCheck check =
        new DatabaseCheck(MapPluginSettings.of("url", url, "connect-timeout", "1h"));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(check::check).isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted();
    }
  }
}
