package nexus.monitoring.plugin.storage.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import nexus.monitoring.api.spi.AlertGateway;
import nexus.monitoring.api.spi.CardinalityStorage;
import nexus.monitoring.api.spi.HealthCheck;
import nexus.monitoring.api.spi.MetricExporter;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.api.spi.PluginRegistry;

/** {@link PluginRegistry} that remembers what was registered, keyed {@code kind:type}. */
final class RecordingRegistry implements PluginRegistry {
  final Map<String, Class<?>> registered = new LinkedHashMap<>();

  @Override
  public PluginRegistry healthCheck(String type, Class<? extends HealthCheck> implementation) {
    return record("health-check:" + type, implementation);
  }

  @Override
  public PluginRegistry exporter(String type, Class<? extends MetricExporter> implementation) {
    return record("exporter:" + type, implementation);
  }

  @Override
  public PluginRegistry alertGateway(String type, Class<? extends AlertGateway> implementation) {
    return record("alert-gateway:" + type, implementation);
  }

  @Override
  public PluginRegistry storage(String type, Class<? extends MetricStorage> implementation) {
    return record("storage:" + type, implementation);
  }

  @Override
  public PluginRegistry cardinalityStorage(
      String type, Class<? extends CardinalityStorage> implementation) {
    return record("cardinality-storage:" + type, implementation);
  }

  private PluginRegistry record(String key, Class<?> implementation) {
    if (registered.putIfAbsent(key, implementation) != null) {
      throw new IllegalStateException(key + " registered twice");
    }
    return this;
  }
}
