package nexus.monitoring.runtime.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The whole host configuration, validated. Built by {@link ConfigLoader}.
 *
 * @param file the file it was read from
 * @param home the installation directory relative paths are resolved against
 * @param server where the HTTP endpoints listen
 * @param pluginsDirectory where plugin jars and folders are found
 * @param health health check defaults and instances
 */
public record HostConfig(
    Path file, Path home, Server server, Path pluginsDirectory, Health health) {

  /** This configuration with {@code server} in place of its own. */
  public HostConfig withServer(Server server) {
    return new HostConfig(file, home, server, pluginsDirectory, health);
  }

  /** This configuration with plugins read from {@code directory}. */
  public HostConfig withPluginsDirectory(Path directory) {
    return new HostConfig(file, home, server, directory, health);
  }

  /**
   * @param host the address to bind, such as {@code 127.0.0.1} or {@code 0.0.0.0}
   * @param port the TCP port; 0 picks a free one
   */
  public record Server(String host, int port) {}

  /**
   * @param interval default time between runs of a check
   * @param timeout default time one run may take
   * @param checks the configured check instances
   */
  public record Health(Duration interval, Duration timeout, List<CheckConfig> checks) {}

  /**
   * One configured health check instance.
   *
   * @param name unique among checks; shown in every output
   * @param type the plugin type that implements it
   * @param interval time between runs, or null for the check's or host's default
   * @param timeout time one run may take, or null for the check's or host's default
   * @param critical whether a failure of this check makes the host CRITICAL (else DEGRADED)
   * @param groups the groups the check belongs to
   * @param settings the type's own configuration subtree
   */
  public record CheckConfig(
      String name,
      String type,
      Duration interval,
      Duration timeout,
      boolean critical,
      Set<String> groups,
      ConfigNode settings) {}
}
