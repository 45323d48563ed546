package nexus.monitoring.runtime.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.runtime.NexusHost;
import nexus.monitoring.runtime.health.HealthReport;
import nexus.monitoring.runtime.http.HealthJson;
import nexus.monitoring.runtime.logging.SecretRedactor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code check}: runs the configured checks once, or those of one group, and exits with a
 * Nagios-style code.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Run every configured health check once (or those of --group), in parallel with their"
          + " timeouts, and print the results.",
      "Exit code: 0 HEALTHY, 1 WARNING or DEGRADED, 2 CRITICAL, 3 OFFLINE, a configuration error"
          + " or an unknown group."
    })
final class CheckCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (application/health+json). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--group",
      paramLabel = "GROUP",
      description = "Run only the checks of this group, such as readiness or liveness.")
  String group;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (!format.equals("table") && !format.equals("json")) {
      err.println("error: --format must be table or json, not " + format);
      return HealthStatus.OFFLINE.exitCode();
    }
    NexusHost host;
    try {
      host = NexusHost.assemble(options.load(), Clock.systemUTC());
    } catch (InvalidConfigurationException e) {
      err.println("error: " + e.getMessage());
      return HealthStatus.OFFLINE.exitCode();
    }
    try (host) {
      HealthReport report;
      if (group == null) {
        report = host.runner().runOnce();
      } else {
        Set<String> groups = host.runner().report().groups();
        if (!groups.contains(group)) {
          // 3 like any other reason the command cannot tell the health: a monitoring system
          // calling it treats that as UNKNOWN rather than as a failing service.
          err.println(
              "error: no check is in group '"
                  + group
                  + "'; groups of "
                  + host.config().file()
                  + ": "
                  + (groups.isEmpty() ? "(none)" : String.join(", ", groups)));
          return HealthStatus.OFFLINE.exitCode();
        }
        report = host.runner().runOnce(group);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (format.equals("json")) {
        out.println(
            new String(new HealthJson(NexusHost.VERSION).full(report), StandardCharsets.UTF_8));
      } else {
        out.print(SecretRedactor.redact(Tables.health(report)));
      }
      out.flush();
      return report.status().exitCode();
    }
  }
}
