package nexus.monitoring.plugin.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nexus.monitoring.testkit.PluginContract;
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
    PluginContract.assertInjectableWithSettings(CommandCheck.class);
  }

  @Test
  void moduleDescriptor_providesPluginAndExportsNothing() {
    PluginContract.assertProvidesEntryPointAlone(
        CommandHealthPlugin.class, "nexus.monitoring.plugin.command");
  }
}
