package nexus.monitoring.runtime.plugin;

import java.nio.file.Path;

/**
 * A plugin the host runs without.
 *
 * @param id the plugin's name
 * @param source the jar or folder it came from
 * @param reason why, in one line an operator can act on
 */
public record QuarantinedPlugin(String id, Path source, String reason) {
  public QuarantinedPlugin {
    // The reason may quote a file name; it is shown as one line in logs and tables.
    reason = PluginLoader.printable(reason);
  }
}
