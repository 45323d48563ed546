package nexus.monitoring.plugin.network;

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
    for (Class<?> check : List.of(HttpCheck.class, TcpCheck.class)) {
      List<Constructor<?>> injectable =
          Arrays.stream(check.getDeclaredConstructors())
              .filter(c -> c.isAnnotationPresent(Inject.class))
              .toList();

      assertThat(injectable).as(check.getSimpleName()).hasSize(1);
      assertThat(injectable.get(0).getParameterTypes()).containsExactly(PluginSettings.class);
    }
  }

  @Test
  void moduleDescriptor_providesPluginAndNeedsOnlyTheJdkAndApi() {
    Module module = NetworkHealthPlugin.class.getModule();

    assertThat(module.isNamed()).as("tests run on the module path").isTrue();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertThat(descriptor.name()).isEqualTo("nexus.monitoring.plugin.network");
    assertThat(descriptor.provides())
        .singleElement()
        .satisfies(
            provides -> {
              assertThat(provides.service()).isEqualTo(MonitoringPlugin.class.getName());
              assertThat(provides.providers()).containsExactly(NetworkHealthPlugin.class.getName());
            });
    assertThat(descriptor.requires())
        .extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "nexus.monitoring.api", "java.net.http");
    assertThat(descriptor.opens()).isEmpty();
    assertThat(descriptor.exports()).isEmpty();
  }
}
