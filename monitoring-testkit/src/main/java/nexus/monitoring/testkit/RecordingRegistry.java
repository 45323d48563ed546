package nexus.monitoring.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import nexus.monitoring.api.spi.AlertGateway;
import nexus.monitoring.api.spi.CardinalityStorage;
import nexus.monitoring.api.spi.HealthCheck;
import nexus.monitoring.api.spi.MetricExporter;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.api.spi.PluginRegistry;

/**
 * {@link PluginRegistry} that remembers what a plugin registered, for a plugin's unit tests:
 *
 * <pre>{@code
 * RecordingRegistry registry = new RecordingRegistry();
 * new SystemHealthPlugin().register(registry);
 * assertThat(registry.registered()).containsEntry("health-check:disk-space", DiskSpaceCheck.class);
 * }</pre>
 *
 * <p>Registering one kind and type twice throws, as the host refuses it.
 *
 * @since 1.0
 */
public final class RecordingRegistry implements PluginRegistry {
  private final Map<String, Class<?>> registered = new LinkedHashMap<>();

  /** What was registered, keyed {@code kind:type} (such as {@code health-check:disk-space}). */
  public Map<String, Class<?>> registered() {
    return Collections.unmodifiableMap(registered);
  }

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
