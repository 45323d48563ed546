package nexus.monitoring.runtime.cli;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.runtime.NexusHost;
import nexus.monitoring.runtime.health.HealthReport;
import nexus.monitoring.runtime.http.HealthJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code check}: runs every configured check once and exits with a Nagios-style code. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Run every configured health check once, in parallel with their timeouts, and print the"
          + " results.",
      "Exit code: 0 HEALTHY, 1 WARNING or DEGRADED, 2 CRITICAL, 3 OFFLINE or a configuration"
          + " error."
    })
final class CheckCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (application/health+json). Default: ${DEFAULT-VALUE}.")
  String format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (!format.equals("table") && !format.equals("json")) {
      spec.commandLine().getErr().println("error: --format must be table or json, not " + format);
      return HealthStatus.OFFLINE.exitCode();
    }
    NexusHost host;
    try {
      host = NexusHost.assemble(options.load(), Clock.systemUTC());
    } catch (InvalidConfigurationException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return HealthStatus.OFFLINE.exitCode();
    }
    try (host) {
      HealthReport report = host.runner().runOnce();
      if (format.equals("json")) {
        spec.commandLine()
            .getOut()
            .println(
                new String(new HealthJson(NexusHost.VERSION).full(report), StandardCharsets.UTF_8));
      } else {
        spec.commandLine().getOut().print(Tables.health(report));
      }
      spec.commandLine().getOut().flush();
      return report.status().exitCode();
    }
  }
}
