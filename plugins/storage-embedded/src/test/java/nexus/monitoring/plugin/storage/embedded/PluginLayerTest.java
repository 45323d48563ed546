package nexus.monitoring.plugin.storage.embedded;

import static nexus.monitoring.plugin.storage.embedded.Aggregates.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.testkit.PluginFolder;
import nexus.monitoring.testkit.PluginLayers;
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
    ModuleFinder finder = ModuleFinder.of(PluginLayers.locationOf(SQLITE_MODULE));

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

    Configuration plugin = folder().resolve(host);

    assertThat(plugin.modules())
        .map(ResolvedModule::name)
        .containsExactlyInAnyOrder(PLUGIN_MODULE, SQLITE_MODULE);
  }

  @Test
  void pluginFolder_withoutJavaSqlRowsetInHost_doesNotResolve() {
    Configuration host = hostConfiguration(Set.of("java.sql"));

    assertThatThrownBy(() -> folder().resolve(host))
        .isInstanceOf(FindException.class)
        .hasMessageContaining("java.sql.rowset not found, required by " + SQLITE_MODULE);
  }

  @Test
  void pluginInItsOwnLayer_storesAndReadsThroughSqlite() throws Exception {
    ModuleLayer.Controller controller = folder().load(ModuleLayer.boot());
    // The host opens plugin packages to Guice; the kit constructs the storage here.
    Module plugin = PluginLayers.openPackages(controller, PLUGIN_MODULE);

    Class<?> storageClass =
        PluginLayers.registeredTypes(controller.layer()).get("storage:embedded");
    assertThat(storageClass.getModule()).isSameAs(plugin);
    assertThat(storageClass).isNotSameAs(EmbeddedMetricStorage.class);

    MetricAggregate aggregate = Aggregates.full("layered", T0, 2, 4.0);
    try (MetricStorage storage =
        (MetricStorage) PluginLayers.newInstance(storageClass, StorageTestSettings.of(home))) {
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
    Set<String> roots = new java.util.HashSet<>(jdkRoots);
    roots.add("nexus.monitoring.api");
    return PluginLayers.hostConfiguration(
        List.of(
            PluginLayers.locationOf("nexus.monitoring.api"),
            PluginLayers.locationOf("jakarta.inject")),
        roots);
  }

  /** What ships in plugins/storage-embedded/: the plugin and the SQLite jar. */
  private static PluginFolder folder() {
    return PluginFolder.of(
        PluginLayers.locationOf(PLUGIN_MODULE), PluginLayers.locationOf(SQLITE_MODULE));
  }
}
