package nexus.monitoring.benchmarks;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;
import nexus.monitoring.api.spi.AlertGateway;
import nexus.monitoring.api.spi.CardinalityStorage;
import nexus.monitoring.api.spi.HealthCheck;
import nexus.monitoring.api.spi.MetricExporter;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.api.spi.PluginRegistry;
import nexus.monitoring.plugin.prometheus.PrometheusPlugin;

/**
 * Obtains the exporter of the {@code exporter-prometheus} plugin the way the host does: the plugin
 * names its exporter class to a {@link PluginRegistry}, and the host constructs it. The class and
 * its constructor are package-private (the host reaches them through Guice, in the plugin's opened
 * module); the benchmarks run on the class path, where reflection may open them.
 */
final class NexusExporters {
  /** Exporter type the plugin registers. */
  static final String PROMETHEUS = "prometheus";

  private NexusExporters() {}

  /** A new instance of the exporter type {@value #PROMETHEUS}. */
  static MetricExporter prometheus() {
    ExporterCapture capture = new ExporterCapture();
    new PrometheusPlugin().register(capture);
    Class<? extends MetricExporter> type = capture.exporters.get(PROMETHEUS);
    if (type == null) {
      throw new IllegalStateException(
          "the exporter-prometheus plugin registered no exporter type '"
              + PROMETHEUS
              + "'; it registered "
              + capture.exporters.keySet());
    }
    try {
      Constructor<? extends MetricExporter> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (NoSuchMethodException
        | InstantiationException
        | IllegalAccessException
        | InvocationTargetException e) {
      throw new IllegalStateException(
          "cannot construct " + type.getName() + " without arguments: " + e, e);
    }
  }

  /** Keeps the exporter types a plugin contributes and ignores the rest. */
  private static final class ExporterCapture implements PluginRegistry {
    final Map<String, Class<? extends MetricExporter>> exporters = new HashMap<>();

    @Override
    public PluginRegistry exporter(String type, Class<? extends MetricExporter> implementation) {
      exporters.put(type, implementation);
      return this;
    }

    @Override
    public PluginRegistry healthCheck(String type, Class<? extends HealthCheck> implementation) {
      return this;
    }

    @Override
    public PluginRegistry alertGateway(String type, Class<? extends AlertGateway> implementation) {
      return this;
    }

    @Override
    public PluginRegistry storage(String type, Class<? extends MetricStorage> implementation) {
      return this;
    }

    @Override
    public PluginRegistry cardinalityStorage(
        String type, Class<? extends CardinalityStorage> implementation) {
      return this;
    }
  }
}
