package nexus.monitoring.plugin.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Map;
import nexus.monitoring.testkit.PluginContract;
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
    PluginContract.assertInjectableWithSettings(EmbeddedMetricStorage.class);
  }

  @Test
  void moduleDescriptor_requiresSqliteAndProvidesPlugin() {
    PluginContract.assertProvidesEntryPointAlone(
        EmbeddedStoragePlugin.class, "nexus.monitoring.plugin.storage.embedded");

    ModuleDescriptor descriptor = EmbeddedStoragePlugin.class.getModule().getDescriptor();
    assertThat(descriptor.requires())
        .map(ModuleDescriptor.Requires::name)
        .contains("nexus.monitoring.api", "java.sql", "org.xerial.sqlitejdbc");
  }
}
