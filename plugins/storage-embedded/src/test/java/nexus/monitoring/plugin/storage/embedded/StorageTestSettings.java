package nexus.monitoring.plugin.storage.embedded;

import java.nio.file.Path;
import nexus.monitoring.testkit.MapPluginSettings;

/** Settings of a storage instance named {@code metrics} whose relative paths resolve in a home. */
final class StorageTestSettings {
  private StorageTestSettings() {}

  static MapPluginSettings of(Path home, String... keysAndValues) {
    return MapPluginSettings.of(keysAndValues)
        .named("metrics")
        .at("storage")
        .resolvingPathsAgainst(home);
  }
}
