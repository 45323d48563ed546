package nexus.monitoring.plugin.prometheus;

import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginRegistry;

/** Contributes the exporter type {@value #PROMETHEUS}, which takes no settings. */
public final class PrometheusPlugin implements MonitoringPlugin {
  /** Type name of {@link PrometheusTextExporter}. */
  static final String PROMETHEUS = "prometheus";

  /** Called by {@link java.util.ServiceLoader}. */
  public PrometheusPlugin() {}

  @Override
  public void register(PluginRegistry registry) {
    registry.exporter(PROMETHEUS, PrometheusTextExporter.class);
  }
}
