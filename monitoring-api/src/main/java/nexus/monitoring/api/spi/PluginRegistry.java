package nexus.monitoring.api.spi;

/**
 * Collects what a plugin contributes, each under a type name that configuration refers to ({@code
 * type: disk-space}).
 *
 * <p>Type names are lowercase letters, digits and {@code -}, starting with a letter. Each class
 * must live in the plugin's own module and have exactly one constructor annotated with {@code
 * @jakarta.inject.Inject}, or a no-argument constructor. Constructor parameters may be {@link
 * PluginSettings} (the instance's configuration) and any contract the host provides.
 *
 * @since 1.0
 */
public interface PluginRegistry {

  /** Contributes a health check type. */
  PluginRegistry healthCheck(String type, Class<? extends HealthCheck> implementation);

  /** Contributes a metric exporter type. */
  PluginRegistry exporter(String type, Class<? extends MetricExporter> implementation);

  /** Contributes an alert gateway type. */
  PluginRegistry alertGateway(String type, Class<? extends AlertGateway> implementation);

  /** Contributes a metric storage type. */
  PluginRegistry storage(String type, Class<? extends MetricStorage> implementation);

  /** Contributes a cardinality storage type. */
  PluginRegistry cardinalityStorage(
      String type, Class<? extends CardinalityStorage> implementation);
}
