package nexus.monitoring.testkit;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The host's side of loading a {@link PluginFolder}: a layer standing in for the host's own, the
 * entry point the host finds in a plugin's layer, the types it registers and their construction.
 *
 * <p>A plugin whose libraries are on the test's module path cannot be loaded again in a child
 * layer: an automatic module there reads every module below, two of them of one name. Such a test
 * runs on the class path, where the boot layer holds the JDK alone, and builds the host's layer
 * with {@link #hostLayerWithKit}; the API classes of that layer are then not the test's, which is
 * why {@link #registeredTypes}, {@link #settings} and {@link #newInstance} work by reflection:
 *
 * <pre>{@code
 * ModuleLayer host = PluginLayers.hostLayerWithKit(hostJars, Set.of("nexus.monitoring.api"));
 * ModuleLayer.Controller plugin = folder.load(host);
 * PluginLayers.openPackages(plugin, "nexus.monitoring.plugin.redis");
 * Class<?> type = PluginLayers.registeredTypes(plugin.layer()).get("health-check:cache");
 * Object check = PluginLayers.newInstance(type, PluginLayers.settings(host, "port", "6379"));
 * }</pre>
 *
 * @since 1.0
 */
public final class PluginLayers {
  private static final String API_MODULE = "nexus.monitoring.api";
  private static final String KIT_MODULE = "nexus.monitoring.testkit";

  private PluginLayers() {}

  /**
   * A stand-in for the configuration of the host's boot layer: the JDK modules and the {@code lib/}
   * jars named, resolved from {@code roots} alone. A plugin folder that resolves above it finds in
   * the host all it needs; see {@link PluginFolder#resolve}.
   *
   * @param libJars the jars of the host's {@code lib/} that plugins see: the API, {@code
   *     jakarta.inject}, whatever else the plugin's pom has in provided scope
   * @param roots the modules the host resolves, such as {@code java.se} and the API
   */
  public static Configuration hostConfiguration(Collection<Path> libJars, Set<String> roots) {
    ModuleFinder host =
        ModuleFinder.compose(
            ModuleFinder.ofSystem(), ModuleFinder.of(libJars.toArray(Path[]::new)));
    return Configuration.resolve(host, List.of(Configuration.empty()), ModuleFinder.of(), roots);
  }

  /**
   * A layer above the boot layer holding the {@code lib/} jars named, resolved from {@code roots},
   * and this kit, so that {@link #settings} and {@link #registeredTypes} can hand a plugin loaded
   * above it settings and a registry of that layer's API.
   */
  public static ModuleLayer hostLayerWithKit(Collection<Path> libJars, Set<String> roots) {
    List<Path> jars = new ArrayList<>(libJars);
    jars.addAll(kitJars());
    Set<String> withKit = new LinkedHashSet<>(roots);
    withKit.add(KIT_MODULE);
    Configuration configuration =
        Configuration.resolve(
            ModuleFinder.of(jars.toArray(Path[]::new)),
            List.of(ModuleLayer.boot().configuration()),
            ModuleFinder.of(),
            withKit);
    return ModuleLayer.boot()
        .defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
  }

  /**
   * Opens every package of {@code moduleName} in the controlled layer to this kit, as the host
   * opens a plugin to its injector, so that {@link #newInstance} can call the package-private
   * constructors of the types the plugin registers.
   *
   * @return the module opened
   */
  public static Module openPackages(ModuleLayer.Controller controller, String moduleName) {
    Module module =
        controller
            .layer()
            .findModule(moduleName)
            .filter(m -> m.getLayer() == controller.layer())
            .orElseThrow(() -> new AssertionError(moduleName + " is not in the plugin's layer"));
    for (String pkg : module.getPackages()) {
      controller.addOpens(module, pkg, PluginLayers.class.getModule());
    }
    return module;
  }

  /**
   * Finds the entry point the host would find in {@code pluginLayer} (the first {@code
   * MonitoringPlugin} provider defined in that layer, not below it), registers it with a {@link
   * RecordingRegistry} of the layer's API and returns what it registered, keyed as {@link
   * RecordingRegistry#registered()} keys it.
   */
  public static Map<String, Class<?>> registeredTypes(ModuleLayer pluginLayer) throws Exception {
    ClassLoader api = apiLoader(pluginLayer);
    Class<?> entryPointType = api.loadClass("nexus.monitoring.api.spi.MonitoringPlugin");
    PluginLayers.class.getModule().addUses(entryPointType);
    Object entryPoint =
        ServiceLoader.load(pluginLayer, entryPointType).stream()
            .filter(p -> p.type().getModule().getLayer() == pluginLayer)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no MonitoringPlugin is provided in the layer"))
            .get();
    Object registry = kitClass(pluginLayer, "RecordingRegistry").getConstructor().newInstance();

    entryPointType
        .getMethod("register", api.loadClass("nexus.monitoring.api.spi.PluginRegistry"))
        .invoke(entryPoint, registry);
    @SuppressWarnings("unchecked")
    Map<String, Class<?>> registered =
        (Map<String, Class<?>>) registry.getClass().getMethod("registered").invoke(registry);
    return registered;
  }

  /**
   * {@link MapPluginSettings#of(String...)} of the API {@code layer} sees, to hand to {@link
   * #newInstance}.
   */
  public static Object settings(ModuleLayer layer, String... keysAndValues) throws Exception {
    return kitClass(layer, "MapPluginSettings")
        .getMethod("of", String[].class)
        .invoke(null, (Object) keysAndValues);
  }

  /**
   * Constructs a registered type as the host does, through its constructor taking the {@code
   * PluginSettings} of its own layer's API. What the constructor throws is thrown as is.
   */
  public static Object newInstance(Class<?> type, Object settings) throws Exception {
    Class<?> settingsType =
        Class.forName("nexus.monitoring.api.spi.PluginSettings", false, type.getClassLoader());
    Constructor<?> constructor = type.getDeclaredConstructor(settingsType);
    constructor.setAccessible(true);
    try {
      return constructor.newInstance(settings);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The jar or class directory {@code type} was loaded from. */
  public static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(type + " has no location", e);
    }
  }

  /** Where the boot layer found {@code module}: a jar, or a class directory. */
  public static Path locationOf(String module) {
    return ModuleLayer.boot()
        .configuration()
        .findModule(module)
        .flatMap(m -> m.reference().location())
        .map(Path::of)
        .orElseThrow(() -> new AssertionError(module + " is not on the test's module path"));
  }

  /**
   * The paths a system property lists, separated as a class path is: how a build hands a test the
   * jars of a plugin folder or of the host's {@code lib/}. Fails the test if the property is unset.
   */
  public static List<Path> pathsIn(String systemProperty) {
    String value = System.getProperty(systemProperty, "");
    Assertions.assertFalse(
        value.isBlank(), "system property " + systemProperty + ", set by the build, is blank");
    Set<Path> paths = new LinkedHashSet<>();
    for (String entry : value.split(File.pathSeparator)) {
      paths.add(Path.of(entry));
    }
    return List.copyOf(paths);
  }

  /** This kit and the JUnit modules it requires, to define the kit in a layer of its own. */
  private static List<Path> kitJars() {
    Set<Path> jars = new HashSet<>();
    jars.add(locationOf(PluginLayers.class));
    jars.add(locationOf(Assumptions.class));
    jars.add(locationOf(org.opentest4j.TestAbortedException.class));
    jars.add(locationOf(org.junit.platform.commons.JUnitException.class));
    return List.copyOf(jars);
  }

  private static ClassLoader apiLoader(ModuleLayer layer) {
    return layer
        .findModule(API_MODULE)
        .map(Module::getClassLoader)
        .orElseThrow(() -> new AssertionError(API_MODULE + " is in no layer below " + layer));
  }

  /**
   * The kit's class of the layer's API: from a kit module in the layer's ancestry, or this kit
   * itself when that layer's API is the kit's own.
   */
  private static Class<?> kitClass(ModuleLayer layer, String simpleName) throws Exception {
    String name = PluginLayers.class.getPackageName() + "." + simpleName;
    var kit = layer.findModule(KIT_MODULE);
    if (kit.isPresent()) {
      return kit.get().getClassLoader().loadClass(name);
    }
    Class<?> own = Class.forName(name);
    Class<?> layerApi = apiLoader(layer).loadClass("nexus.monitoring.api.spi.PluginSettings");
    if (layerApi != nexus.monitoring.api.spi.PluginSettings.class) {
      throw new AssertionError(
          "the layer's API is not this kit's; build the host's layer with hostLayerWithKit");
    }
    return own;
  }
}
