package nexus.monitoring.plugin.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.SilentServer;
import org.junit.jupiter.api.Test;

/** A server that accepts the connection and never answers: no broker needed. */
final class SilentServerTest {

  @Test
  void whenServerNeverAnswers_reportsCriticalAfterTheHandshakeTimeout() throws Exception {
    try (SilentServer server = new SilentServer()) {
      RabbitCheck check =
          new RabbitCheck(
              MapPluginSettings.of("port", String.valueOf(server.port()), "connect-timeout", "1s"));

      long start = System.nanoTime();
      HealthCheckResult result = check.check();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
      assertThat(result.message())
          .isEqualTo(
              "RabbitMQ at amqp://guest@127.0.0.1:"
                  + server.port()
                  + "/%2F did not answer within 1s");
      assertThat(took).isLessThan(Duration.ofSeconds(2 + 5));
    }
  }
}
