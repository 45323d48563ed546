package nexus.monitoring.runtime.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/nexus-monitoring}. */
@Command(
    name = "nexus-monitoring",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Nexus Monitoring: a monitoring host for the JVM assembled from plugins.",
    subcommands = {
      RunCommand.class,
      CheckCommand.class,
      PluginsCommand.class,
      ValidateCommand.class,
      QueryCommand.class,
      PurgeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements java.util.concurrent.Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    quietUnlessRunning(args);
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command line and returns the exit code, writing to {@code out} and {@code err} with
   * every secret of the configuration masked.
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(new PrintWriter(new RedactingWriter(out), true));
    commandLine.setErr(new PrintWriter(new RedactingWriter(err), true));
    commandLine.setExitCodeExceptionMapper(e -> ExitCodes.CONFIG_ERROR);
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          cmd.getErr().println("error: " + e);
          return ExitCodes.INTERNAL_ERROR;
        });
    return commandLine.execute(args);
  }

  /**
   * One-shot commands print their own report on standard output; their INFO lifecycle logs would
   * only bury it, so they log warnings and errors unless a level was chosen explicitly.
   */
  private static void quietUnlessRunning(String[] args) {
    String command = null;
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        command = arg;
        break;
      }
    }
    boolean levelChosen =
        System.getProperty("nexus.log.level") != null || System.getenv("NEXUS_LOG_LEVEL") != null;
    if (!"run".equals(command) && !levelChosen) {
      System.setProperty("nexus.log.level", "WARN");
    }
  }

  /** Without a command there is nothing to do: show what there is, and fail like a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.CONFIG_ERROR;
  }
}
