package nexus.monitoring.runtime.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.api.MonitoringException;
import nexus.monitoring.runtime.NexusHost;
import nexus.monitoring.runtime.retention.PurgeReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code purge}: applies the retention policies to stored history once. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = {
      "Apply retention now: delete history older than each metric's policy and downsample what is"
          + " older than its downsample-after.",
      "Exit code: 0 when done, 1 when some metrics failed, 2 on a configuration error."
    })
final class PurgeCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--dry-run", description = "Report what would be deleted, change nothing.")
  boolean dryRun;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try (NexusHost host = NexusHost.assemble(options.load(), Clock.systemUTC())) {
      PurgeReport report = host.pipeline().purge(dryRun);
      spec.commandLine().getOut().println((dryRun ? "dry run: " : "") + report.summary());
      spec.commandLine().getOut().flush();
      return report.failures().isEmpty() ? ExitCodes.OK : 1;
    } catch (InvalidConfigurationException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return ExitCodes.CONFIG_ERROR;
    } catch (MonitoringException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }
  }
}
