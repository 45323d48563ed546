package nexus.monitoring.runtime.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.runtime.NexusHost;
import nexus.monitoring.runtime.config.HostConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code validate}: reads the configuration and builds every instance, without running any. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check the configuration: every key, every value and every plugin type's settings.",
      "Exit code: 0 when valid, 2 when not."
    })
final class ValidateCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try {
      HostConfig config = options.load();
      try (NexusHost host = NexusHost.assemble(config, Clock.systemUTC())) {
        spec.commandLine()
            .getOut()
            .println(
                config.file()
                    + ": valid ("
                    + config.health().checks().size()
                    + " health checks, "
                    + host.catalog().loaded().size()
                    + " plugins loaded, "
                    + host.catalog().quarantined().size()
                    + " quarantined)");
      }
      return ExitCodes.OK;
    } catch (InvalidConfigurationException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return ExitCodes.CONFIG_ERROR;
    }
  }
}
