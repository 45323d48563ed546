package nexus.monitoring.testkit;

import jakarta.inject.Inject;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginSettings;
import org.junit.jupiter.api.Assertions;

/**
 * What the host expects of every plugin, as assertions for the plugin's own tests: the types it
 * registers are constructed by injection with the settings of their instance, and its module
 * provides its entry point and shows the host nothing else.
 *
 * <pre>{@code
 * @Test
 * void registeredChecks_haveOneInjectConstructorTakingSettings() {
 *   PluginContract.assertInjectableWithSettings(DiskSpaceCheck.class, MemoryCheck.class);
 * }
 * }</pre>
 *
 * @since 1.0
 */
public final class PluginContract {
  private PluginContract() {}

  /**
   * Asserts that each type has exactly one constructor annotated {@link Inject}, taking one {@link
   * PluginSettings}: the constructor the host calls for each configured instance.
   */
  public static void assertInjectableWithSettings(Class<?>... types) {
    for (Class<?> type : types) {
      List<Constructor<?>> injectable =
          Arrays.stream(type.getDeclaredConstructors())
              .filter(c -> c.isAnnotationPresent(Inject.class))
              .toList();

      Assertions.assertEquals(
          1, injectable.size(), type.getSimpleName() + ": constructors annotated @Inject");
      Assertions.assertEquals(
          List.of(PluginSettings.class),
          List.of(injectable.get(0).getParameterTypes()),
          type.getSimpleName() + ": parameters of the @Inject constructor");
    }
  }

  /**
   * Asserts that the module of {@code entryPoint} is named {@code moduleName}, that it provides
   * {@link MonitoringPlugin} with {@code entryPoint} and nothing else, and that it neither exports
   * nor opens a package: the host reaches the plugin through the service alone. Run the test on the
   * module path, or the class is in no named module and this fails.
   */
  public static void assertProvidesEntryPointAlone(
      Class<? extends MonitoringPlugin> entryPoint, String moduleName) {
    Module module = entryPoint.getModule();

    Assertions.assertTrue(module.isNamed(), "tests run on the module path");
    ModuleDescriptor descriptor = module.getDescriptor();
    Assertions.assertEquals(moduleName, descriptor.name(), "module name");
    Assertions.assertEquals(
        Set.of(new ProvidesEntry(MonitoringPlugin.class.getName(), List.of(entryPoint.getName()))),
        Set.copyOf(
            descriptor.provides().stream()
                .map(p -> new ProvidesEntry(p.service(), p.providers()))
                .toList()),
        "services the module provides");
    Assertions.assertEquals(Set.of(), descriptor.opens(), "packages the module opens");
    Assertions.assertEquals(Set.of(), descriptor.exports(), "packages the module exports");
  }

  private record ProvidesEntry(String service, List<String> providers) {}
}
