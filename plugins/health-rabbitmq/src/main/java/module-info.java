/**
 * Health checks of RabbitMQ brokers and queues: health check type {@code queue}.
 *
 * <p>Speaks AMQP 0-9-1 through the RabbitMQ Java client ({@code com.rabbitmq.client}, an automatic
 * module), which ships alone beside this plugin's jar; SLF4J, which the client logs through, comes
 * from the host. No management plugin is needed on the broker.
 */
module nexus.monitoring.plugin.rabbitmq {
  requires nexus.monitoring.api;
  requires com.rabbitmq.client;

  provides nexus.monitoring.api.spi.MonitoringPlugin with
      nexus.monitoring.plugin.rabbitmq.RabbitHealthPlugin;
}
