package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import org.junit.jupiter.api.Test;

/** Runs on the module path, as plugin authors use the API, and checks what the module promises. */
final class ModuleDescriptorTest {

  private final Module module = MetricNames.class.getModule();

  @Test
  void api_loadsAsNamedModule() {
    assertThat(module.isNamed()).isTrue();
    assertThat(module.getName()).isEqualTo("nexus.monitoring.api");
  }

  @Test
  void api_exportsExactlyTheApiAndSpiPackagesUnqualified() {
    ModuleDescriptor descriptor = module.getDescriptor();

    assertThat(descriptor.exports())
        .allMatch(e -> !e.isQualified())
        .extracting(Exports::source)
        .containsExactlyInAnyOrder("nexus.monitoring.api", "nexus.monitoring.api.spi");
  }

  @Test
  void api_requiresOnlyJakartaInjectTransitively() {
    ModuleDescriptor descriptor = module.getDescriptor();

    assertThat(descriptor.requires())
        .filteredOn(r -> !r.name().equals("java.base"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.name()).isEqualTo("jakarta.inject");
              assertThat(r.modifiers()).contains(Requires.Modifier.TRANSITIVE);
            });
    assertThat(descriptor.uses()).containsExactly("nexus.monitoring.api.spi.MonitoringPlugin");
  }
}
