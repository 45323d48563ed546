package nexus.monitoring.runtime.cli;

import java.nio.file.Path;
import nexus.monitoring.runtime.config.ConfigLoader;
import nexus.monitoring.runtime.config.HostConfig;
import picocli.CommandLine.Option;

/** Options every command shares: where the configuration and the host's home are. */
final class ConfigOptions {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Configuration file (default: $NEXUS_HOME/conf/monitoring.yaml).")
  Path config;

  @Option(
      names = "--plugins-dir",
      paramLabel = "DIR",
      description = "Plugin directory, overriding plugins.directory in the configuration.")
  Path pluginsDir;

  /** The distribution's root: {@code -Dnexus.home}, set by the launcher, else the working dir. */
  static Path home() {
    String home = System.getProperty("nexus.home");
    return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath();
  }

  Path configFile() {
    return config != null
        ? config.toAbsolutePath()
        : home().resolve("conf").resolve("monitoring.yaml");
  }

  /** {@code --plugins-dir}, else the installation's {@code plugins} directory. */
  Path pluginsDirectoryOrDefault() {
    return pluginsDir != null ? pluginsDir.toAbsolutePath() : home().resolve("plugins");
  }

  HostConfig load() {
    HostConfig loaded = new ConfigLoader(System.getenv(), home()).load(configFile());
    if (pluginsDir != null) {
      loaded = loaded.withPluginsDirectory(pluginsDir.toAbsolutePath());
    }
    return loaded;
  }
}
