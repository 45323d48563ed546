package nexus.monitoring.plugin.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the plugin folder the way the host does: every jar in it a root module of one layer, with
 * one class loader, above a layer holding what the host's {@code lib/} gives plugins (the API,
 * {@code jakarta.inject}, SLF4J). Jedis and its libraries are automatic or explicit modules there,
 * so a split package, a missing module or a class Jedis needs at run time shows up here.
 *
 * <p>Runs on the class path (see the {@code plugin-layer} execution in the pom): the JVM's boot
 * layer then holds the JDK alone, as the host's would hold no Jedis. The API classes of the layers
 * built here are not the test's, hence the reflection.
 */
final class PluginLayerTest {
  private static final String PLUGIN_MODULE = "nexus.monitoring.plugin.redis";
  private static final String API_MODULE = "nexus.monitoring.api";

  @BeforeAll
  static void onTheClassPath() {
    Assumptions.assumeFalse(
        PluginLayerTest.class.getModule().isNamed(),
        "runs in the plugin-layer execution, on the class path: on the module path the JVM's boot"
            + " layer already holds Jedis, and a second copy in a child layer cannot be read");
  }

  @Test
  void pluginFolder_holdsJedisAndItsLibrariesAndNothingTheHostProvides() {
    Set<String> modules = folderModules().keySet();

    assertThat(modules)
        .containsExactlyInAnyOrder(
            PLUGIN_MODULE,
            "redis.clients.jedis",
            "redis.clients.authentication.core",
            "org.apache.commons.pool2",
            "com.google.gson",
            "org.json");
  }

  @Test
  void pluginFolder_hasNoPackageInTwoJars() {
    Map<String, String> owner = new HashMap<>();
    List<String> split = new ArrayList<>();
    folderModules()
        .forEach(
            (name, ref) ->
                ref.descriptor()
                    .packages()
                    .forEach(
                        pkg -> {
                          String previous = owner.putIfAbsent(pkg, name);
                          if (previous != null) {
                            split.add(pkg + " in " + previous + " and " + name);
                          }
                        }));

    assertThat(split).isEmpty();
  }

  @Test
  void pluginFolder_resolvesAgainstWhatTheHostResolves() {
    // The host starts with --add-modules java.se,jdk.management and its lib/ on the module path.
    ModuleFinder host = ModuleFinder.compose(ModuleFinder.ofSystem(), ModuleFinder.of(hostJars()));
    Configuration hostConfiguration =
        Configuration.resolve(
            host,
            List.of(Configuration.empty()),
            ModuleFinder.of(),
            Set.of("java.se", "jdk.management", API_MODULE, "org.slf4j"));

    Configuration plugin = resolveFolder(hostConfiguration);

    assertThat(plugin.modules())
        .map(ResolvedModule::name)
        .containsExactlyInAnyOrderElementsOf(folderModules().keySet());
  }

  @Test
  void pluginInItsOwnLayer_probesTheRealRedis() throws Exception {
    LocalServer.requireRedis();
    ModuleLayer hostLayer = hostLayer();
    Configuration configuration = resolveFolder(hostLayer.configuration());
    ModuleLayer.Controller controller =
        ModuleLayer.defineModulesWithOneLoader(
            configuration, List.of(hostLayer), ClassLoader.getPlatformClassLoader());
    ModuleLayer layer = controller.layer();
    Module plugin = layer.findModule(PLUGIN_MODULE).orElseThrow();
    for (String pkg : plugin.getPackages()) {
      controller.addOpens(plugin, pkg, getClass().getModule());
    }

    ClassLoader api = hostLayer.findLoader(API_MODULE);
    Class<?> entryPointType = api.loadClass("nexus.monitoring.api.spi.MonitoringPlugin");
    Object entryPoint =
        ServiceLoader.load(layer, entryPointType).stream()
            .filter(p -> p.type().getModule().getLayer() == layer)
            .findFirst()
            .orElseThrow()
            .get();
    ClassLoader testkit = hostLayer.findLoader("nexus.monitoring.testkit");
    Object registry =
        testkit
            .loadClass("nexus.monitoring.testkit.RecordingRegistry")
            .getConstructor()
            .newInstance();
    entryPointType
        .getMethod("register", api.loadClass("nexus.monitoring.api.spi.PluginRegistry"))
        .invoke(entryPoint, registry);
    @SuppressWarnings("unchecked")
    Map<String, Class<?>> registered =
        (Map<String, Class<?>>) registry.getClass().getMethod("registered").invoke(registry);
    Class<?> checkType = registered.get("health-check:cache");
    assertThat(checkType.getModule()).isSameAs(plugin);

    Class<?> settingsType = api.loadClass("nexus.monitoring.api.spi.PluginSettings");
    Object settings =
        testkit
            .loadClass("nexus.monitoring.testkit.MapPluginSettings")
            .getMethod("of", String[].class)
            .invoke(
                null,
                (Object) new String[] {"uri", "redis://127.0.0.1:6379", "round-trip", "true"});
    Constructor<?> constructor = checkType.getDeclaredConstructor(settingsType);
    constructor.setAccessible(true);
    Object check = constructor.newInstance(settings);
    Object result =
        api.loadClass("nexus.monitoring.api.spi.HealthCheck").getMethod("check").invoke(check);

    assertThat(call(result, "status")).hasToString("HEALTHY");
    Map<?, ?> details = (Map<?, ?>) call(result, "details");
    assertThat(details.containsKey("ping.seconds")).isTrue();
    assertThat(details.containsKey("round-trip.seconds")).isTrue();
    // Jedis runs from the plugin's layer and logs through the host's SLF4J.
    assertThat(layer.findModule("redis.clients.jedis").orElseThrow().getLayer()).isSameAs(layer);
    assertThat(layer.findModule("org.slf4j").orElseThrow().getLayer()).isSameAs(hostLayer);
  }

  private static Object call(Object target, String method) throws Exception {
    Method accessor = target.getClass().getMethod(method);
    return accessor.invoke(target);
  }

  /** The host's modules that plugins see, defined above the JDK like the host's boot layer. */
  private static ModuleLayer hostLayer() {
    Path[] jars =
        Stream.concat(
                Stream.of(hostJars()),
                Stream.of(jarOf("nexus.monitoring.testkit.MapPluginSettings")))
            .toArray(Path[]::new);
    Configuration configuration =
        Configuration.resolve(
            ModuleFinder.of(jars),
            List.of(ModuleLayer.boot().configuration()),
            ModuleFinder.of(),
            Set.of(API_MODULE, "org.slf4j", "nexus.monitoring.testkit"));
    return ModuleLayer.boot()
        .defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
  }

  /** As the host resolves a plugin folder: every module in it a root, nothing found after. */
  private static Configuration resolveFolder(Configuration parent) {
    return Configuration.resolve(
        ModuleFinder.of(folder()), List.of(parent), ModuleFinder.of(), folderModules().keySet());
  }

  private static Map<String, ModuleReference> folderModules() {
    Map<String, ModuleReference> modules = new HashMap<>();
    for (ModuleReference ref : ModuleFinder.of(folder()).findAll()) {
      modules.put(ref.descriptor().name(), ref);
    }
    return modules;
  }

  /** The plugin's classes and its runtime-scope jars: what ships in plugins/health-redis/. */
  private static Path[] folder() {
    List<Path> entries = new ArrayList<>(paths("plugin.folder.jars"));
    entries.add(Path.of(System.getProperty("plugin.classes")));
    return entries.toArray(Path[]::new);
  }

  /** The provided-scope jars: the API, jakarta.inject and SLF4J, all in the host's lib/. */
  private static Path[] hostJars() {
    return paths("host.module.jars").toArray(Path[]::new);
  }

  private static List<Path> paths(String property) {
    String value = System.getProperty(property);
    assertThat(value).as("system property %s, set by the pom", property).isNotBlank();
    Set<Path> paths = new HashSet<>();
    for (String entry : value.split(File.pathSeparator)) {
      paths.add(Path.of(entry));
    }
    return List.copyOf(paths);
  }

  private static Path jarOf(String className) {
    try {
      return Path.of(
          Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
      throw new AssertionError(className + " is not on the test class path", e);
    }
  }
}
