package nexus.monitoring.plugin.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginSettings;
import nexus.monitoring.testkit.RecordingRegistry;
import org.junit.jupiter.api.Test;

final class EmbeddedStoragePluginTest {

  @Test
  void register_contributesEmbeddedStorage() {
    RecordingRegistry registry = new RecordingRegistry();

    new EmbeddedStoragePlugin().register(registry);

    assertThat(registry.registered())
        .containsExactly(Map.entry("storage:embedded", EmbeddedMetricStorage.class));
  }

  @Test
  void storage_hasOneInjectConstructorTakingSettings() {
    List<Constructor<?>> injectable =
        Arrays.stream(EmbeddedMetricStorage.class.getDeclaredConstructors())
            .filter(c -> c.isAnnotationPresent(Inject.class))
            .toList();

    assertThat(injectable).hasSize(1);
    assertThat(injectable.get(0).getParameterTypes()).containsExactly(PluginSettings.class);
  }

  @Test
  void moduleDescriptor_requiresSqliteAndProvidesPlugin() {
    Module module = EmbeddedStoragePlugin.class.getModule();

    assertThat(module.isNamed()).as("tests run on the module path").isTrue();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertThat(descriptor.name()).isEqualTo("nexus.monitoring.plugin.storage.embedded");
    assertThat(descriptor.requires())
        .map(ModuleDescriptor.Requires::name)
        .contains("nexus.monitoring.api", "java.sql", "org.xerial.sqlitejdbc");
    assertThat(descriptor.provides())
        .singleElement()
        .satisfies(
            provides -> {
              assertThat(provides.service()).isEqualTo(MonitoringPlugin.class.getName());
              assertThat(provides.providers())
                  .containsExactly(EmbeddedStoragePlugin.class.getName());
            });
    assertThat(descriptor.opens()).isEmpty();
    assertThat(descriptor.exports()).isEmpty();
  }
}
