package nexus.monitoring.plugin.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.RecordingRegistry;
import org.junit.jupiter.api.Test;

/** How the {@code queue} check reads its queues and their limits. No broker needed. */
final class QueueLimitsTest {

  @Test
  void sharedLimits_applyToEveryQueue_andPerQueueKeysOverrideThem() {
    List<QueueLimits> queues =
        QueueLimits.read(
            settings(
                "queues", List.of("orders", "billing"),
                "warning-depth", "100",
                "critical-depth", "1000",
                "min-consumers", "1",
                "queue.billing.warning-depth", "10",
                "queue.billing.min-consumers", "3"));

    assertThat(queues).extracting(QueueLimits::name).containsExactly("orders", "billing");
    QueueLimits orders = queues.get(0);
    QueueLimits billing = queues.get(1);
    assertThat(orders.depth().status(50)).isEqualTo(HealthStatus.HEALTHY);
    assertThat(orders.depth().status(101)).isEqualTo(HealthStatus.WARNING);
    assertThat(billing.depth().status(50)).isEqualTo(HealthStatus.WARNING);
    assertThat(billing.depth().status(1001)).isEqualTo(HealthStatus.CRITICAL);
    assertThat(orders.consumers().status(1)).isEqualTo(HealthStatus.HEALTHY);
    assertThat(billing.consumers().status(2)).isEqualTo(HealthStatus.CRITICAL);
  }

  @Test
  void withoutLimits_everyFigureIsHealthy() {
    QueueLimits orders = QueueLimits.read(settings("queues", "orders")).get(0);

    assertThat(orders.depth().status(1_000_000)).isEqualTo(HealthStatus.HEALTHY);
    assertThat(orders.consumers().status(0)).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void perQueueKeyForAnUnlistedQueue_isRefusedNamingTheKeyAndTheListedQueues() {
    assertThatThrownBy(
            () ->
                QueueLimits.read(
                    settings("queues", List.of("orders"), "queue.ordres.warning-depth", "5")))
        .hasMessageContaining("settings key 'queue.ordres.warning-depth' is '5'")
        .hasMessageContaining("with <name> listed in queues (orders)")
        .hasMessageContaining(
            "<setting> one of warning-depth, critical-depth, warning-consumers, min-consumers");
  }

  @Test
  void perQueueKeyWithAnUnknownSetting_isRefused() {
    assertThatThrownBy(
            () -> QueueLimits.read(settings("queues", "orders", "queue.orders.max-depth", "5")))
        .hasMessageContaining("settings key 'queue.orders.max-depth'");
  }

  @Test
  void queueNamesWithDots_takeTheirPerQueueKeysWhole() {
    QueueLimits queue =
        QueueLimits.read(settings("queues", "orders.eu", "queue.orders.eu.critical-depth", "7"))
            .get(0);

    assertThat(queue.depth().status(8)).isEqualTo(HealthStatus.CRITICAL);
  }

  @Test
  void warningDepthAboveCritical_isRefusedNamingTheKey() {
    assertThatThrownBy(
            () ->
                QueueLimits.read(
                    settings("queues", "orders", "warning-depth", "10", "critical-depth", "5")))
        .hasMessageContaining("settings key 'warning-depth' is '10'");
  }

  @Test
  void warningConsumersBelowTheMinimum_isRefused() {
    assertThatThrownBy(
            () ->
                QueueLimits.read(
                    settings("queues", "orders", "warning-consumers", "1", "min-consumers", "2")))
        .hasMessageContaining("settings key 'warning-consumers' is '1'");
  }

  @Test
  void sameQueueTwice_isRefused() {
    assertThatThrownBy(() -> QueueLimits.read(settings("queues", List.of("orders", "orders"))))
        .hasMessageContaining("settings key 'queues'")
        .hasMessageContaining("distinct queue names ('orders' twice)");
  }

  @Test
  void everyDocumentedKey_isRead() {
    MapPluginSettings settings =
        settings(
            "host", "127.0.0.1",
            "port", "5672",
            "username", "monitor",
            "password", "pw",
            "virtual-host", "/",
            "tls", "false",
            "connect-timeout", "3s",
            "queues", List.of("orders"),
            "warning-depth", "10",
            "critical-depth", "20",
            "warning-consumers", "2",
            "min-consumers", "1",
            "queue.orders.warning-depth", "1",
            "queue.orders.critical-depth", "2",
            "queue.orders.warning-consumers", "3",
            "queue.orders.min-consumers", "3");

    new RabbitCheck(settings);

    assertThat(settings.unreadKeys()).isEmpty();
  }

  @Test
  void plugin_registersTheQueueType() {
    RecordingRegistry registry = new RecordingRegistry();

    new RabbitHealthPlugin().register(registry);

    assertThat(registry.registered())
        .containsExactly(Map.entry("health-check:queue", RabbitCheck.class));
  }

  private static MapPluginSettings settings(Object... keysAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return MapPluginSettings.of("broker", values);
  }
}
