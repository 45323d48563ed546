package nexus.monitoring.plugin.rabbitmq;

import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginRegistry;

/**
 * Contributes the health check type {@value #QUEUE}: a RabbitMQ broker accepts a connection, and
 * named queues stay under their depth limits with enough consumers.
 *
 * <pre>{@code
 * health:
 *   checks:
 *     - name: broker
 *       type: queue
 *       settings:
 *         uri: amqp://monitor:${RABBITMQ_PASSWORD}@127.0.0.1:5672/%2F
 *         queues: [orders, billing]
 *         warning-depth: 1000
 *         min-consumers: 1
 * }</pre>
 */
public final class RabbitHealthPlugin implements MonitoringPlugin {
  /** Type name of {@link RabbitCheck}. */
  static final String QUEUE = "queue";

  /** Called by {@link java.util.ServiceLoader}. */
  public RabbitHealthPlugin() {}

  @Override
  public void register(PluginRegistry registry) {
    registry.healthCheck(QUEUE, RabbitCheck.class);
  }
}
