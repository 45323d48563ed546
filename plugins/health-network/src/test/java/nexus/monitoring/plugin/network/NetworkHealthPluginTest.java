package nexus.monitoring.plugin.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Map;
import nexus.monitoring.testkit.PluginContract;
import nexus.monitoring.testkit.RecordingRegistry;
import org.junit.jupiter.api.Test;

final class NetworkHealthPluginTest {

  @Test
  void register_contributesHttpAndTcpChecks() {
    RecordingRegistry registry = new RecordingRegistry();

    new NetworkHealthPlugin().register(registry);

    assertThat(registry.registered())
        .containsExactly(
            Map.entry("health-check:http", HttpCheck.class),
            Map.entry("health-check:tcp", TcpCheck.class));
  }

  @Test
  void registeredChecks_haveOneInjectConstructorTakingSettings() {
    PluginContract.assertInjectableWithSettings(HttpCheck.class, TcpCheck.class);
  }

  @Test
  void moduleDescriptor_providesPluginAndNeedsOnlyTheJdkAndApi() {
    PluginContract.assertProvidesEntryPointAlone(
        NetworkHealthPlugin.class, "nexus.monitoring.plugin.network");

    ModuleDescriptor descriptor = NetworkHealthPlugin.class.getModule().getDescriptor();
    assertThat(descriptor.requires())
        .extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "nexus.monitoring.api", "java.net.http");
  }
}
