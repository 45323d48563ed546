package nexus.monitoring.plugin.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nexus.monitoring.api.spi.AlertGateway;
import nexus.monitoring.api.spi.CardinalityStorage;
import nexus.monitoring.api.spi.HealthCheck;
import nexus.monitoring.api.spi.MetricExporter;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginRegistry;
import org.junit.jupiter.api.Test;

final class PrometheusPluginTest {

  @Test
  void register_contributesPrometheusExporter() {
    RecordingRegistry registry = new RecordingRegistry();

    new PrometheusPlugin().register(registry);

    assertThat(registry.registered)
        .containsExactly(Map.entry("exporter:prometheus", PrometheusTextExporter.class));
  }

  @Test
  void exporter_hasOneInjectConstructorWithoutParameters() {
    List<Constructor<?>> injectable =
        Arrays.stream(PrometheusTextExporter.class.getDeclaredConstructors())
            .filter(c -> c.isAnnotationPresent(Inject.class))
            .toList();

    assertThat(injectable)
        .singleElement()
        .satisfies(c -> assertThat(c.getParameterCount()).isZero());
  }

  @Test
  void moduleDescriptor_providesPluginAndOpensNothing() {
    Module module = PrometheusPlugin.class.getModule();

    assertThat(module.isNamed()).as("tests run on the module path").isTrue();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertThat(descriptor.name()).isEqualTo("nexus.monitoring.plugin.prometheus");
    assertThat(descriptor.provides())
        .singleElement()
        .satisfies(
            provides -> {
              assertThat(provides.service()).isEqualTo(MonitoringPlugin.class.getName());
              assertThat(provides.providers()).containsExactly(PrometheusPlugin.class.getName());
            });
    assertThat(descriptor.opens()).isEmpty();
    assertThat(descriptor.exports()).isEmpty();
  }

  /** Remembers what the plugin registered, keyed {@code kind:type}. */
  private static final class RecordingRegistry implements PluginRegistry {
    final Map<String, Class<?>> registered = new LinkedHashMap<>();

    @Override
    public PluginRegistry healthCheck(String type, Class<? extends HealthCheck> implementation) {
      registered.put("health-check:" + type, implementation);
      return this;
    }

    @Override
    public PluginRegistry exporter(String type, Class<? extends MetricExporter> implementation) {
      registered.put("exporter:" + type, implementation);
      return this;
    }

    @Override
    public PluginRegistry alertGateway(String type, Class<? extends AlertGateway> implementation) {
      registered.put("alert-gateway:" + type, implementation);
      return this;
    }

    @Override
    public PluginRegistry storage(String type, Class<? extends MetricStorage> implementation) {
      registered.put("storage:" + type, implementation);
      return this;
    }

    @Override
    public PluginRegistry cardinalityStorage(
        String type, Class<? extends CardinalityStorage> implementation) {
      registered.put("cardinality-storage:" + type, implementation);
      return this;
    }
  }
}
