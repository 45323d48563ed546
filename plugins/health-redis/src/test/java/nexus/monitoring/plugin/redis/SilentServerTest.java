package nexus.monitoring.plugin.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.SilentServer;
import org.junit.jupiter.api.Test;

/** A server that accepts the connection and never answers: no Redis needed. */
final class SilentServerTest {

  @Test
  void whenServerNeverAnswers_reportsCriticalWithinTheSocketTimeouts() throws Exception {
    try (SilentServer server = new SilentServer()) {
      RedisCheck check =
          new RedisCheck(
              MapPluginSettings.of("port", String.valueOf(server.port()), "connect-timeout", "1s"));

      long start = System.nanoTime();
      HealthCheckResult result = check.check();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
      assertThat(result.message())
          .isEqualTo(
              "Redis at redis://127.0.0.1:"
                  + server.port()
                  + "/0 did not answer within 1s: java.net.SocketTimeoutException: Read timed out");
      // Connect, PING and INFO each wait up to connect-timeout; a generous margin on top.
      assertThat(took).isLessThan(Duration.ofSeconds(3 + 5));
    }
  }
}
