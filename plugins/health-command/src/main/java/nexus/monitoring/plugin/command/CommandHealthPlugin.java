package nexus.monitoring.plugin.command;

import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginRegistry;

/**
 * Contributes the health check type {@value #COMMAND}.
 *
 * <pre>{@code
 * health:
 *   root-disk-nagios:
 *     type: command
 *     settings:
 *       command: [/usr/lib/nagios/plugins/check_disk, -w, 10%, -c, 5%, -p, /]
 * }</pre>
 */
public final class CommandHealthPlugin implements MonitoringPlugin {
  /** Type name of {@link CommandCheck}. */
  static final String COMMAND = "command";

  /** Called by {@link java.util.ServiceLoader}. */
  public CommandHealthPlugin() {}

  @Override
  public void register(PluginRegistry registry) {
    registry.healthCheck(COMMAND, CommandCheck.class);
  }
}
