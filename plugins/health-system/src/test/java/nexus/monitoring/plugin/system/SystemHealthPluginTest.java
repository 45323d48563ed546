package nexus.monitoring.plugin.system;

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
    for (Class<?> check : List.of(DiskSpaceCheck.class, MemoryCheck.class)) {
      List<Constructor<?>> injectable =
          Arrays.stream(check.getDeclaredConstructors())
              .filter(c -> c.isAnnotationPresent(Inject.class))
              .toList();

      assertThat(injectable).as(check.getSimpleName()).hasSize(1);
      assertThat(injectable.get(0).getParameterTypes()).containsExactly(PluginSettings.class);
    }
  }

  @Test
  void moduleDescriptor_providesPluginAndOpensNothing() {
    Module module = SystemHealthPlugin.class.getModule();

    assertThat(module.isNamed()).as("tests run on the module path").isTrue();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertThat(descriptor.name()).isEqualTo("nexus.monitoring.plugin.system");
    assertThat(descriptor.provides())
        .singleElement()
        .satisfies(
            provides -> {
              assertThat(provides.service()).isEqualTo(MonitoringPlugin.class.getName());
              assertThat(provides.providers()).containsExactly(SystemHealthPlugin.class.getName());
            });
    assertThat(descriptor.opens()).isEmpty();
    assertThat(descriptor.exports()).isEmpty();
  }
}
