package nexus.monitoring.plugin.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.RequiredServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code queue} check against the real RabbitMQ at 127.0.0.1:5672 (guest/guest). Each test
 * declares its own uniquely named queue and deletes it afterwards.
 */
final class RabbitCheckTest {
  static final String RABBITMQ_HOST = "127.0.0.1";
  static final int RABBITMQ_PORT = 5672;
  private static final String BROKER = "amqp://guest:guest@127.0.0.1:5672/%2F";

  private Connection admin;
  private Channel channel;
  private String queue;

  @BeforeEach
  void declareQueue() throws Exception {
    RequiredServers.require("RabbitMQ", RABBITMQ_HOST, RABBITMQ_PORT);
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(RABBITMQ_HOST);
    factory.setPort(RABBITMQ_PORT);
    admin = factory.newConnection("nexus-monitoring test");
    channel = admin.createChannel();
    queue = "nexus-test-" + UUID.randomUUID();
    channel.queueDeclare(queue, false, false, false, null);
  }

  @AfterEach
  void deleteQueue() throws Exception {
    if (admin != null) {
      channel.queueDelete(queue);
      admin.close();
    }
  }

  @Test
  void whenBrokerAnswers_reportsHealthyWithProductVersionAndQueueFigures() throws Exception {
    HealthCheckResult result = run("uri", BROKER, "queues", queue);

    assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    Map<String, Object> details = result.details();
    assertThat(details.get("broker.product")).isEqualTo("RabbitMQ");
    assertThat(details.get("broker.version"))
        .isEqualTo(admin.getServerProperties().get("version").toString());
    assertThat((double) details.get("connect.seconds")).isPositive();
    assertThat(details)
        .containsEntry("queue." + queue + ".messages", 0L)
        .containsEntry("queue." + queue + ".consumers", 0L);
    assertThat(result.message())
        .startsWith("amqp://guest@127.0.0.1:5672/%2F (RabbitMQ " + details.get("broker.version"))
        .contains("queue '" + queue + "' depth 0, consumers 0");
  }

  @Test
  void whenQueueFillsPastWarningDepth_reportsWarning() throws Exception {
    for (int i = 0; i < 6; i++) {
      channel.basicPublish("", queue, null, ("message " + i).getBytes(StandardCharsets.UTF_8));
    }
    awaitDepth(6);

    HealthCheckResult result =
        run("uri", BROKER, "queues", queue, "warning-depth", "5", "critical-depth", "100");

    assertThat(result.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(result.details()).containsEntry("queue." + queue + ".messages", 6L);
    assertThat(result.message())
        .contains("queue '" + queue + "' depth 6 is above the warning threshold 5");
  }

  @Test
  void perQueueCriticalDepth_winsOverTheSharedOne() throws Exception {
    channel.basicPublish("", queue, null, "one".getBytes(StandardCharsets.UTF_8));
    channel.basicPublish("", queue, null, "two".getBytes(StandardCharsets.UTF_8));
    awaitDepth(2);

    HealthCheckResult result =
        run(
            "uri",
            BROKER,
            "queues",
            queue,
            "critical-depth",
            "1000",
            "queue." + queue + ".critical-depth",
            "1");

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).contains("depth 2 is above the critical threshold 1");
  }

  @Test
  void whenFewerConsumersThanTheMinimum_reportsCritical() throws Exception {
    HealthCheckResult result = run("uri", BROKER, "queues", queue, "min-consumers", "1");

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).contains("consumers 0 is below the critical threshold 1");
  }

  @Test
  void withAConsumer_theMinimumIsMet() throws Exception {
    String tag = channel.basicConsume(queue, false, (consumerTag, delivery) -> {}, tagGone -> {});
    try {
      HealthCheckResult result =
          run("uri", BROKER, "queues", queue, "min-consumers", "1", "warning-consumers", "2");

      assertThat(result.details()).containsEntry("queue." + queue + ".consumers", 1L);
      assertThat(result.status()).isEqualTo(HealthStatus.WARNING);
      assertThat(result.message()).contains("consumers 1 is below the warning threshold 2");
    } finally {
      channel.basicCancel(tag);
    }
  }

  @Test
  void whenQueueIsMissing_reportsCriticalNamingItAndStillReadsTheOthers() throws Exception {
    String missing = "nexus-test-missing-" + UUID.randomUUID();

    HealthCheckResult result = run("uri", BROKER, "queues", java.util.List.of(missing, queue));

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .contains("queue '" + missing + "' does not exist in virtual host '/'")
        .contains("queue '" + queue + "' depth 0");
    assertThat(result.details()).containsKey("queue." + queue + ".messages");
    assertThat(result.details()).doesNotContainKey("queue." + missing + ".messages");
  }

  @Test
  void whenPortIsClosed_reportsCriticalNamingTheTarget() throws Exception {
    int port = RequiredServers.closedPort();

    HealthCheckResult result = run("port", String.valueOf(port), "connect-timeout", "2s");

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .isEqualTo(
            "cannot reach RabbitMQ at amqp://guest@127.0.0.1:" + port + "/%2F: Connection refused");
  }

  @Test
  void whenPasswordIsWrong_reportsCriticalWithoutThePassword() throws Exception {
    String wrong = "wrong-" + UUID.randomUUID();

    HealthCheckResult result =
        run("uri", "amqp://guest:" + wrong + "@127.0.0.1:5672/%2F", "queues", queue);

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .startsWith("RabbitMQ at amqp://guest@127.0.0.1:5672/%2F refused the credentials: ")
        .contains("ACCESS_REFUSED");
    assertThat(result.toString()).doesNotContain(wrong);
  }

  @Test
  void whenVirtualHostIsMissing_reportsCriticalInTheBrokersWords() throws Exception {
    String vhost = "nexus-test-" + UUID.randomUUID();

    HealthCheckResult result = run("uri", "amqp://guest:guest@127.0.0.1:5672/" + vhost);

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .startsWith("RabbitMQ at amqp://guest@127.0.0.1:5672/" + vhost + ": ")
        .contains("NOT_ALLOWED", vhost);
  }

  /** Publishing is asynchronous; wait until the broker counts what was published. */
  private void awaitDepth(long expected) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (channel.messageCount(queue) < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(channel.messageCount(queue)).isEqualTo(expected);
  }

  private static HealthCheckResult run(Object... settings) throws Exception {
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    for (int i = 0; i < settings.length; i += 2) {
      values.put((String) settings[i], settings[i + 1]);
    }
    MapPluginSettings read = MapPluginSettings.of("broker", values);
    RabbitCheck check = new RabbitCheck(read);
    assertThat(read.unreadKeys()).isEmpty();
    return check.check();
  }
}
