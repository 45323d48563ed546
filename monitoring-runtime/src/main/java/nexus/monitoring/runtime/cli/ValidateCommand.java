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
      "Check the configuration: every key, every value and every plugin type's settings, and that"
          + " every configured check can be built. Quarantined plugins are warned about.",
      "Exit code: 0 when valid, 2 when not."
    })
final class ValidateCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    java.io.PrintWriter err = spec.commandLine().getErr();
    try {
      HostConfig config = options.load();
      java.util.List<String> problems = new java.util.ArrayList<>();
      if (!java.nio.file.Files.isDirectory(config.pluginsDirectory())) {
        problems.add(
            config.file()
                + ": plugins.directory: "
                + config.pluginsDirectory()
                + " is not a directory");
      }
      try (NexusHost host = NexusHost.assemble(config, Clock.systemUTC())) {
        for (var q : host.catalog().quarantined()) {
          err.println(
              "warning: plugin '"
                  + q.id()
                  + "' ("
                  + q.source()
                  + ") is quarantined: "
                  + q.reason());
        }
        for (var check : config.health().checks()) {
          var unavailable = host.unavailableChecks().get(check.name());
          if (unavailable != null) {
            problems.add(
                check.settings().location(check.path())
                    + ": check '"
                    + check.name()
                    + "' cannot run: "
                    + unavailable.message());
          }
        }
        if (problems.isEmpty()) {
          out.println(
              config.file()
                  + ": valid ("
                  + config.health().checks().size()
                  + " health checks, "
                  + host.catalog().loaded().size()
                  + " plugins loaded, "
                  + host.catalog().quarantined().size()
                  + " quarantined, storage "
                  + host.pipeline().storageName()
                  + ")");
          return ExitCodes.OK;
        }
      }
      problems.forEach(p -> err.println("error: " + p));
      return ExitCodes.CONFIG_ERROR;
    } catch (InvalidConfigurationException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.CONFIG_ERROR;
    }
  }
}
