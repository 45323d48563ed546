package nexus.monitoring.plugin.command;

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

final class CommandHealthPluginTest {

  @Test
  void register_contributesCommandCheck() {
    RecordingRegistry registry = new RecordingRegistry();

    new CommandHealthPlugin().register(registry);

    assertThat(registry.registered())
        .containsExactly(Map.entry("health-check:command", CommandCheck.class));
  }

  @Test
  void commandCheck_hasOneInjectConstructorTakingSettings() {
    List<Constructor<?>> injectable =
        Arrays.stream(CommandCheck.class.getDeclaredConstructors())
            .filter(c -> c.isAnnotationPresent(Inject.class))
            .toList();

    assertThat(injectable).hasSize(1);
    assertThat(injectable.get(0).getParameterTypes()).containsExactly(PluginSettings.class);
  }

  @Test
  void moduleDescriptor_providesPluginAndExportsNothing() {
    Module module = CommandHealthPlugin.class.getModule();

    assertThat(module.isNamed()).as("tests run on the module path").isTrue();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertThat(descriptor.name()).isEqualTo("nexus.monitoring.plugin.command");
    assertThat(descriptor.provides())
        .singleElement()
        .satisfies(
            provides -> {
              assertThat(provides.service()).isEqualTo(MonitoringPlugin.class.getName());
              assertThat(provides.providers()).containsExactly(CommandHealthPlugin.class.getName());
            });
    assertThat(descriptor.opens()).isEmpty();
    assertThat(descriptor.exports()).isEmpty();
  }
}
