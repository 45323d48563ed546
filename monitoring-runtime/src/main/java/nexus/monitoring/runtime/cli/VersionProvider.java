package nexus.monitoring.runtime.cli;

import nexus.monitoring.api.ApiVersion;
import nexus.monitoring.runtime.NexusHost;
import picocli.CommandLine;

/** Prints the host version and the API version plugins must be built against. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "Nexus Monitoring " + NexusHost.VERSION,
      "Plugin API " + ApiVersion.CURRENT,
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
