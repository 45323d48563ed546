package nexus.monitoring.plugin.database;

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

final class DatabaseHealthPluginTest {

  @Test
  void register_contributesDatabaseCheck() {
    RecordingRegistry registry = new RecordingRegistry();

    new DatabaseHealthPlugin().register(registry);

    assertThat(registry.registered())
        .containsExactly(Map.entry("health-check:database", DatabaseCheck.class));
  }

  @Test
  void databaseCheck_hasOneInjectConstructorTakingSettings() {
    List<Constructor<?>> injectable =
        Arrays.stream(DatabaseCheck.class.getDeclaredConstructors())
            .filter(c -> c.isAnnotationPresent(Inject.class))
            .toList();

    assertThat(injectable).hasSize(1);
    assertThat(injectable.get(0).getParameterTypes()).containsExactly(PluginSettings.class);
  }

  @Test
  void moduleDescriptor_providesPluginUsesDriversAndNamesNoDriverModule() {
    Module module = DatabaseHealthPlugin.class.getModule();

    assertThat(module.isNamed()).as("tests run on the module path").isTrue();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertThat(descriptor.name()).isEqualTo("nexus.monitoring.plugin.database");
    assertThat(descriptor.uses()).containsExactly("java.sql.Driver");
    assertThat(descriptor.requires())
        .map(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "nexus.monitoring.api", "java.sql");
    assertThat(descriptor.provides())
        .singleElement()
        .satisfies(
            provides -> {
              assertThat(provides.service()).isEqualTo(MonitoringPlugin.class.getName());
              assertThat(provides.providers())
                  .containsExactly(DatabaseHealthPlugin.class.getName());
            });
    assertThat(descriptor.opens()).isEmpty();
    assertThat(descriptor.exports()).isEmpty();
  }
}
