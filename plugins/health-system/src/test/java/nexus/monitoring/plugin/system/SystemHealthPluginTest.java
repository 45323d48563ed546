package nexus.monitoring.plugin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nexus.monitoring.testkit.PluginContract;
import nexus.monitoring.testkit.RecordingRegistry;
import org.junit.jupiter.api.Test;

final class SystemHealthPluginTest {

  @Test
  void register_contributesDiskSpaceAndMemoryChecks() {
    RecordingRegistry registry = new RecordingRegistry();

    new SystemHealthPlugin().register(registry);

    assertThat(registry.registered())
        .containsExactly(
            Map.entry("health-check:disk-space", DiskSpaceCheck.class),
            Map.entry("health-check:memory", MemoryCheck.class));
  }

  @Test
  void registeredChecks_haveOneInjectConstructorTakingSettings() {
    PluginContract.assertInjectableWithSettings(DiskSpaceCheck.class, MemoryCheck.class);
  }

  @Test
  void moduleDescriptor_providesPluginAndOpensNothing() {
    PluginContract.assertProvidesEntryPointAlone(
        SystemHealthPlugin.class, "nexus.monitoring.plugin.system");
  }
}
