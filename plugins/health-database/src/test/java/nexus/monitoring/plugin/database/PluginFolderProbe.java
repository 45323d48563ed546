package nexus.monitoring.plugin.database;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.spi.HealthCheck;
import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginSettings;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.RecordingRegistry;

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

  /** As the host resolves a plugin folder: every module in it a root, one loader, over boot. */
  private static ModuleLayer pluginLayer(List<Path> folder) {
    ModuleFinder finder = ModuleFinder.of(folder.toArray(Path[]::new));
    Set<String> roots =
        finder.findAll().stream().map(m -> m.descriptor().name()).collect(Collectors.toSet());
    ModuleLayer parent = ModuleLayer.boot();
    Configuration configuration =
        Configuration.resolve(finder, List.of(parent.configuration()), ModuleFinder.of(), roots);
    ModuleLayer.Controller controller =
        ModuleLayer.defineModulesWithOneLoader(
            configuration, List.of(parent), ClassLoader.getPlatformClassLoader());
    Module plugin = controller.layer().findModule("nexus.monitoring.plugin.database").orElseThrow();
    // The host opens plugin packages to Guice; this probe constructs the check itself.
    for (String pkg : plugin.getPackages()) {
      controller.addOpens(plugin, pkg, PluginFolderProbe.class.getModule());
    }
    return controller.layer();
  }

  private static String loaderParent(ModuleLayer layer) {
    ClassLoader loader = layer.findLoader("nexus.monitoring.plugin.database");
    return loader.getParent() == ClassLoader.getPlatformClassLoader() ? "platform" : "other";
  }

  private static HealthCheck newCheck(ModuleLayer layer, PluginSettings settings) throws Exception {
    MonitoringPlugin entryPoint =
        ServiceLoader.load(layer, MonitoringPlugin.class).stream()
            .filter(p -> p.type().getModule().getLayer() == layer)
            .findFirst()
            .orElseThrow()
            .get();
    RecordingRegistry registry = new RecordingRegistry();
    entryPoint.register(registry);
    Class<?> checkClass = registry.registered().get("health-check:database");
    if (checkClass.getModule().getLayer() != layer) {
      throw new IllegalStateException("the check class is not from the plugin's layer");
    }
    Constructor<?> constructor = checkClass.getDeclaredConstructor(PluginSettings.class);
    constructor.setAccessible(true);
    try {
      return (HealthCheck) constructor.newInstance(settings);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
