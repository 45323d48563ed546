package nexus.monitoring.plugin.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nexus.monitoring.testkit.PluginLayers;
import nexus.monitoring.testkit.RequiredServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the plugin folder the way the host does: the plugin's classes and each driver jar as
 * modules of one layer, defined with one class loader whose parent is the platform loader, above a
 * boot layer holding the API.
 *
 * <p>It runs in a JVM of its own ({@link PluginFolderProbe}): in this test JVM the boot layer
 * already holds the plugin module, and a driver jar, being an automatic module, reads every module
 * of the layers below it, so it would read two modules of the plugin's name and fail to resolve.
 * The host's boot layer never holds a plugin, so the child JVM is the faithful setting. Its class
 * path holds no driver, so a check that works proves the driver was found in the plugin's layer.
 */
final class PluginLayerTest {
  private static final String PLUGIN_MODULE = "nexus.monitoring.plugin.database";

  @TempDir Path dir;

  @Test
  void driverJars_areModulesProvidingJavaSqlDriver() {
    for (Path jar : List.of(jar("postgresql-"), jar("h2-"), jar("sqlite-jdbc-"))) {
      ModuleReference module = ModuleFinder.of(jar).findAll().iterator().next();

      assertThat(module.descriptor().provides())
          .as(jar.getFileName().toString())
          .anySatisfy(p -> assertThat(p.service()).isEqualTo("java.sql.Driver"));
    }
  }

  @Test
  void folderWithH2Jar_checksH2ThroughTheDriverInItsOwnLayer() throws Exception {
    String url = "jdbc:h2:mem:layer_" + UUID.randomUUID().toString().replace("-", "");

    Map<String, String> out = probe(List.of("url=" + url), jar("postgresql-"), jar("h2-"));

    assertThat(out)
        .containsEntry("layer", "com.h2database," + PLUGIN_MODULE + ",org.postgresql.jdbc")
        .containsEntry("loader-parent", "platform")
        .containsEntry("status", "HEALTHY")
        .containsEntry("detail.database.product", "H2")
        .hasEntrySatisfying("detail.driver", d -> assertThat(d).startsWith("org.h2.Driver 2."));
  }

  @Test
  void folderWithSqliteJar_checksThroughAnExplicitDriverModule() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("layer.db");

    Map<String, String> out =
        probe(List.of("url=" + url, "query=SELECT 1"), jar("postgresql-"), jar("sqlite-jdbc-"));

    assertThat(out)
        .containsEntry("status", "HEALTHY")
        .containsEntry("detail.database.product", "SQLite");
  }

  @Test
  void shippedFolder_checksPostgresThroughTheBundledDriver() throws Exception {
    RequiredServers.require(PostgresDatabaseCheckTest.POSTGRES, 5432);

    Map<String, String> out =
        probe(
            List.of("url=jdbc:postgresql://127.0.0.1:5432/test", "username=postgres"),
            jar("postgresql-"));

    assertThat(out)
        .containsEntry("layer", PLUGIN_MODULE + ",org.postgresql.jdbc")
        .containsEntry("status", "HEALTHY")
        .containsEntry("detail.database.product", "PostgreSQL");
  }

  @Test
  void shippedFolderWithoutH2Jar_refusesH2UrlNamingSchemeAndDriversFound() throws Exception {
    Map<String, String> out = probe(List.of("url=jdbc:h2:mem:x"), jar("postgresql-"));

    assertThat(out)
        .hasEntrySatisfying(
            "refused",
            refused ->
                assertThat(refused)
                    .startsWith("nexus.monitoring.api.InvalidConfigurationException: ")
                    .contains("settings key 'url' is 'jdbc:h2:mem:x'")
                    .endsWith(
                        "no driver there accepts jdbc:h2: URLs (drivers found: "
                            + "org.postgresql.Driver 42.7); drop that database's JDBC driver jar "
                            + "into plugins/health-database/"));
  }

  /** Runs {@link PluginFolderProbe} in a fresh JVM and returns what it printed. */
  private Map<String, String> probe(List<String> settings, Path... driverJars)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("--module-path");
    command.add(
        String.join(
            File.pathSeparator,
            PluginLayers.locationOf(nexus.monitoring.api.HealthStatus.class).toString(),
            PluginLayers.locationOf(jakarta.inject.Inject.class).toString()));
    command.add("--add-modules");
    command.add("java.se,nexus.monitoring.api");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(
        String.join(
            File.pathSeparator,
            PluginLayers.locationOf(PluginFolderProbe.class).toString(),
            PluginLayers.locationOf(nexus.monitoring.testkit.MapPluginSettings.class).toString()));
    command.add(PluginFolderProbe.class.getName());
    command.add(PluginLayers.locationOf(PLUGIN_MODULE).toString());
    command.addAll(settings);
    command.add("--");
    for (Path jar : driverJars) {
      command.add(jar.toString());
    }

    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    Map<String, String> printed = new LinkedHashMap<>();
    for (String line : output.split("\\R")) {
      int equals = line.indexOf('=');
      if (equals > 0 && !line.startsWith("WARNING")) {
        printed.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return printed;
  }

  /** A jar on the test's module path or class path, by the start of its file name. */
  private static Path jar(String fileNamePrefix) {
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
        Path path = Path.of(entry);
        if (entry.endsWith(".jar") && path.getFileName().toString().startsWith(fileNamePrefix)) {
          return path;
        }
      }
    }
    throw new AssertionError(
        fileNamePrefix + "*.jar is on neither the module path nor the class path");
  }
}
