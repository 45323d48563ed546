package nexus.monitoring.plugin.storage.embedded;

import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginRegistry;

/**
 * Contributes the storage type {@value #EMBEDDED}: metric history in a SQLite file, with no server.
 *
 * <pre>{@code
 * storage:
 *   type: embedded
 *   settings: { path: data/metrics, synchronous: normal, busy-timeout: 5s }
 * }</pre>
 */
public final class EmbeddedStoragePlugin implements MonitoringPlugin {
  /** Type name of {@link EmbeddedMetricStorage}. */
  static final String EMBEDDED = "embedded";

  /** Called by {@link java.util.ServiceLoader}. */
  public EmbeddedStoragePlugin() {}

  @Override
  public void register(PluginRegistry registry) {
    registry.storage(EMBEDDED, EmbeddedMetricStorage.class);
  }
}
