package nexus.monitoring.runtime.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import nexus.monitoring.api.ApiVersion;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.runtime.NexusHost;
import nexus.monitoring.runtime.logging.SecretRedactor;
import nexus.monitoring.runtime.plugin.LoadedPlugin;
import nexus.monitoring.runtime.plugin.PluginCatalog;
import nexus.monitoring.runtime.plugin.QuarantinedPlugin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code plugins}: what was found, loaded and quarantined, and why. */
@Command(
    name = "plugins",
    mixinStandardHelpOptions = true,
    description = {
      "List the plugins found in the plugin directory: loaded ones with their types, quarantined"
          + " ones with the reason.",
      "Exit code: 0 when none is quarantined, 1 when any is, 2 on a configuration error (the"
          + " plugins are still listed)."
    })
final class PluginsCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    java.io.PrintWriter err = spec.commandLine().getErr();
    // The listing is how users find what is wrong, so a broken configuration must not hide it.
    String configError = null;
    PluginCatalog catalog;
    NexusHost host = null;
    java.nio.file.Path directory = options.pluginsDirectoryOrDefault();
    try {
      var config = options.load();
      directory = config.pluginsDirectory();
      host = NexusHost.assemble(config, Clock.systemUTC());
      catalog = host.catalog();
    } catch (InvalidConfigurationException e) {
      configError = e.getMessage();
      err.println("error: " + configError);
      err.println("Listing the plugins of " + directory + " without the configuration:");
      catalog = NexusHost.inspectPlugins(directory, Clock.systemUTC());
    }
    try {
      print(catalog);
      if (configError != null) {
        return ExitCodes.CONFIG_ERROR;
      }
      return catalog.quarantined().isEmpty() ? ExitCodes.OK : 1;
    } finally {
      if (host != null) {
        host.close();
      }
    }
  }

  private void print(PluginCatalog catalog) {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Plugin directory: " + catalog.directory());
    out.println("Host API version: " + ApiVersion.CURRENT);
    out.println();
    List<LoadedPlugin> loaded = catalog.loaded();
    out.println("LOADED (" + loaded.size() + ")");
    if (!loaded.isEmpty()) {
      List<String[]> rows = new ArrayList<>();
      // Modules last: a folder plugin lists every library jar, and the types stay readable.
      rows.add(new String[] {"  PLUGIN", "SOURCE", "API", "TYPES", "MODULES"});
      for (LoadedPlugin p : loaded) {
        rows.add(
            new String[] {
              "  " + p.id(),
              Tables.oneLine(p.source().getFileName().toString()),
              p.apiVersion(),
              p.contributions().stream()
                  .map(c -> c.kind().label() + " " + c.type())
                  .collect(Collectors.joining(", ")),
              String.join(", ", p.modules())
            });
      }
      out.print(Tables.render(rows));
    }
    out.println();
    List<QuarantinedPlugin> quarantined = catalog.quarantined();
    out.println("QUARANTINED (" + quarantined.size() + ")");
    for (QuarantinedPlugin q : quarantined) {
      out.println(
          "  "
              + q.id()
              + " ("
              + Tables.oneLine(q.source().getFileName().toString())
              + "): "
              + Tables.oneLine(SecretRedactor.redact(q.reason())));
    }
    out.flush();
  }
}
