package nexus.monitoring.plugin.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Map;
import nexus.monitoring.testkit.PluginContract;
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
    PluginContract.assertInjectableWithSettings(DatabaseCheck.class);
  }

  @Test
  void moduleDescriptor_providesPluginUsesDriversAndNamesNoDriverModule() {
    PluginContract.assertProvidesEntryPointAlone(
        DatabaseHealthPlugin.class, "nexus.monitoring.plugin.database");

    ModuleDescriptor descriptor = DatabaseHealthPlugin.class.getModule().getDescriptor();
    assertThat(descriptor.uses()).containsExactly("java.sql.Driver");
    assertThat(descriptor.requires())
        .map(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "nexus.monitoring.api", "java.sql");
  }
}
