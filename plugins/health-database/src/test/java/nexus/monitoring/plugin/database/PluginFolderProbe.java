package nexus.monitoring.plugin.database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.spi.HealthCheck;
import nexus.monitoring.api.spi.PluginSettings;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.PluginFolder;
import nexus.monitoring.testkit.PluginLayers;

/**
 * A stand-in for the host, run by {@link PluginLayerTest} in a JVM of its own whose boot layer
 * holds the API but not this plugin: loads a plugin folder into a module layer as the host does,
 * constructs the {@code database} check with the settings given, runs it once and prints what
 * happened, one {@code key=value} per line.
 *
 * <p>Arguments: the plugin's classes or jar, then {@code key=value} settings, then {@code --}, then
 * the driver jars of the folder.
 */
final class PluginFolderProbe {
  private PluginFolderProbe() {}

  public static void main(String[] args) throws Exception {
    List<Path> folder = new ArrayList<>();
    folder.add(Path.of(args[0]));
    Map<String, Object> settings = new LinkedHashMap<>();
    int i = 1;
    for (; i < args.length && !args[i].equals("--"); i++) {
      int equals = args[i].indexOf('=');
      settings.put(args[i].substring(0, equals), args[i].substring(equals + 1));
    }
    for (i++; i < args.length; i++) {
      folder.add(Path.of(args[i]));
    }

    ModuleLayer layer = pluginLayer(folder);
    System.out.println(
        "layer="
            + layer.modules().stream()
                .map(Module::getName)
                .sorted()
                .collect(Collectors.joining(",")));
    System.out.println("loader-parent=" + loaderParent(layer));
    HealthCheck check;
    try {
      check = newCheck(layer, MapPluginSettings.of("layered", settings));
    } catch (Exception e) {
      System.out.println("refused=" + e.getClass().getName() + ": " + e.getMessage());
      return;
    }
    HealthCheckResult result = check.check();
    System.out.println("status=" + result.status());
    System.out.println("message=" + result.message());
    result.details().forEach((key, value) -> System.out.println("detail." + key + "=" + value));
  }

  /** The folder in a layer of its own over the boot layer, which holds the API, as the host's. */
  private static ModuleLayer pluginLayer(List<Path> folder) {
    ModuleLayer.Controller controller = PluginFolder.of(folder).load(ModuleLayer.boot());
    // The host opens plugin packages to Guice; this probe constructs the check through the kit.
    PluginLayers.openPackages(controller, "nexus.monitoring.plugin.database");
    return controller.layer();
  }

  private static String loaderParent(ModuleLayer layer) {
    ClassLoader loader = layer.findLoader("nexus.monitoring.plugin.database");
    return loader.getParent() == ClassLoader.getPlatformClassLoader() ? "platform" : "other";
  }

  private static HealthCheck newCheck(ModuleLayer layer, PluginSettings settings) throws Exception {
    Class<?> checkClass = PluginLayers.registeredTypes(layer).get("health-check:database");
    if (checkClass.getModule().getLayer() != layer) {
      throw new IllegalStateException("the check class is not from the plugin's layer");
    }
    return (HealthCheck) PluginLayers.newInstance(checkClass, settings);
  }
}
