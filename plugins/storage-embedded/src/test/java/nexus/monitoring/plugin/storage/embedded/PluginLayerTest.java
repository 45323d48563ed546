package nexus.monitoring.plugin.storage.embedded;

import static nexus.monitoring.plugin.storage.embedded.Aggregates.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginSettings;
import nexus.monitoring.testkit.RecordingRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the plugin the way the host does: its classes and the SQLite jar in a module layer of their
 * own, defined with one class loader, whose parent holds the API.
 */
final class PluginLayerTest {
  private static final String PLUGIN_MODULE = "nexus.monitoring.plugin.storage.embedded";
  private static final String SQLITE_MODULE = "org.xerial.sqlitejdbc";

  @TempDir Path home;

  @Test
  void sqliteJar_isAnExplicitModuleNamedOrgXerialSqlitejdbc() {
    ModuleFinder finder = ModuleFinder.of(location(SQLITE_MODULE));

    assertThat(finder.find(SQLITE_MODULE))
        .hasValueSatisfying(
            ref -> {
              assertThat(ref.descriptor().isAutomatic()).isFalse();
              assertThat(ref.descriptor().provides())
                  .anySatisfy(p -> assertThat(p.service()).isEqualTo("java.sql.Driver"));
            });
  }

  @Test
  void pluginFolder_resolvesAgainstApiLayerWithJavaSqlAndRowset() {
    Configuration host = hostConfiguration(Set.of("java.sql", "java.sql.rowset"));

    Configuration plugin = resolvePlugin(host);

    assertThat(plugin.modules())
        .map(ResolvedModule::name)
        .containsExactlyInAnyOrder(PLUGIN_MODULE, SQLITE_MODULE);
  }

  @Test
  void pluginFolder_withoutJavaSqlRowsetInHost_doesNotResolve() {
    Configuration host = hostConfiguration(Set.of("java.sql"));

    assertThatThrownBy(() -> resolvePlugin(host))
        .isInstanceOf(FindException.class)
        .hasMessageContaining("java.sql.rowset not found, required by " + SQLITE_MODULE);
  }

  @Test
  void pluginInItsOwnLayer_storesAndReadsThroughSqlite() throws Exception {
    ModuleLayer parent = ModuleLayer.boot();
    Configuration configuration = resolvePlugin(parent.configuration());
    ModuleLayer.Controller controller =
        ModuleLayer.defineModulesWithOneLoader(
            configuration, List.of(parent), ClassLoader.getPlatformClassLoader());
    ModuleLayer layer = controller.layer();
    Module plugin = layer.findModule(PLUGIN_MODULE).orElseThrow();
    // The host opens plugin packages to Guice; this test constructs the storage itself.
    controller.addOpens(plugin, plugin.getPackages().iterator().next(), getClass().getModule());

    // The plugin module provides the service; this test module, not the host, is the one using it.
    getClass().getModule().addUses(MonitoringPlugin.class);
    MonitoringPlugin entryPoint =
        ServiceLoader.load(layer, MonitoringPlugin.class).stream()
            .filter(p -> p.type().getModule().getLayer() == layer)
            .findFirst()
            .orElseThrow()
            .get();
    RecordingRegistry registry = new RecordingRegistry();
    entryPoint.register(registry);
    Class<?> storageClass = registry.registered().get("storage:embedded");
    assertThat(storageClass.getModule()).isSameAs(plugin);
    assertThat(storageClass).isNotSameAs(EmbeddedMetricStorage.class);

    Constructor<?> constructor = storageClass.getDeclaredConstructor(PluginSettings.class);
    constructor.setAccessible(true);
    MetricAggregate aggregate = Aggregates.full("layered", T0, 2, 4.0);
    try (MetricStorage storage =
        (MetricStorage) constructor.newInstance(StorageTestSettings.of(home))) {
      storage.append(List.of(aggregate));

      assertThat(
              storage.read(
                  QuerySpec.builder("layered")
                      .between(T0, Instant.parse("2100-01-01T00:00:00Z"))
                      .tenant(aggregate.tenant())
                      .build()))
          .containsExactly(aggregate);
    }
  }

  /**
   * A stand-in for the host's boot layer: the API, {@code jakarta.inject} and the JDK modules in
   * {@code jdkRoots} (plus what they require), nothing else.
   */
  private static Configuration hostConfiguration(Set<String> jdkRoots) {
    ModuleFinder finder =
        ModuleFinder.compose(
            ModuleFinder.ofSystem(),
            ModuleFinder.of(location("nexus.monitoring.api"), location("jakarta.inject")));
    Set<String> roots = new java.util.HashSet<>(jdkRoots);
    roots.add("nexus.monitoring.api");
    return Configuration.resolve(finder, List.of(Configuration.empty()), ModuleFinder.of(), roots);
  }

  /** As the host resolves a plugin folder: every module in it a root, nothing found after. */
  private static Configuration resolvePlugin(Configuration parent) {
    ModuleFinder folder = ModuleFinder.of(location(PLUGIN_MODULE), location(SQLITE_MODULE));
    return Configuration.resolve(
        folder, List.of(parent), ModuleFinder.of(), Set.of(PLUGIN_MODULE, SQLITE_MODULE));
  }

  /** Where the test's own module path holds {@code module}: a jar, or target/classes. */
  private static Path location(String module) {
    return ModuleLayer.boot()
        .configuration()
        .findModule(module)
        .flatMap(m -> m.reference().location())
        .map(Path::of)
        .orElseThrow(() -> new AssertionError(module + " is not on the test's module path"));
  }
}
