package nexus.monitoring.runtime.plugin;

import nexus.monitoring.api.spi.AlertGateway;
import nexus.monitoring.api.spi.CardinalityStorage;
import nexus.monitoring.api.spi.HealthCheck;
import nexus.monitoring.api.spi.MetricExporter;
import nexus.monitoring.api.spi.MetricStorage;

/** The kinds of type a plugin can contribute; type names are unique within a kind. */
public enum PluginKind {
  HEALTH_CHECK("health check", HealthCheck.class),
  EXPORTER("exporter", MetricExporter.class),
  ALERT_GATEWAY("alert gateway", AlertGateway.class),
  STORAGE("storage", MetricStorage.class),
  CARDINALITY_STORAGE("cardinality storage", CardinalityStorage.class);

  private final String label;
  private final Class<?> contract;

  PluginKind(String label, Class<?> contract) {
    this.label = label;
    this.contract = contract;
  }

  /** How messages name this kind. */
  public String label() {
    return label;
  }

  /** The interface every contributed class of this kind implements. */
  public Class<?> contract() {
    return contract;
  }
}
