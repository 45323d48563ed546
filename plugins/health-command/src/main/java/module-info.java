/**
 * A health check that runs Nagios-compatible check programs ({@code command}): the exit code
 * becomes the status, the first output line the message, and performance data the observed values.
 *
 * <p>Uses the JDK alone: {@link ProcessBuilder} and {@link ProcessHandle}.
 */
module nexus.monitoring.plugin.command {
  requires nexus.monitoring.api;

  provides nexus.monitoring.api.spi.MonitoringPlugin with
      nexus.monitoring.plugin.command.CommandHealthPlugin;
}
