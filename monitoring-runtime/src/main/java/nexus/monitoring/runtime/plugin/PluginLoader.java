package nexus.monitoring.runtime.plugin;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nexus.monitoring.api.ApiVersion;
import nexus.monitoring.api.spi.AlertGateway;
import nexus.monitoring.api.spi.CardinalityStorage;
import nexus.monitoring.api.spi.HealthCheck;
import nexus.monitoring.api.spi.MetricExporter;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins under a directory and gives each its own module layer.
 *
 * <p>Each {@code *.jar} directly in the directory is one plugin; each sub-directory is one plugin
 * made of every jar inside it (the plugin and its own libraries). Each plugin's layer has the layer
 * holding {@code nexus.monitoring.api} as its parent, so two plugins may carry different versions
 * of one library. Anything wrong with a plugin quarantines that plugin alone, with a reason that
 * names the file and the cause.
 */
public final class PluginLoader {
  private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
  private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final String API_MODULE = MonitoringPlugin.class.getModule().getName();
  private static final String API_PACKAGE = "nexus.monitoring.api";

  private final ModuleLayer parentLayer;
  private final ApiVersion hostApi;
  private final Module opensTo;

  /**
   * @param parentLayer the layer holding the API; plugin layers are its children
   * @param hostApi the API version this host provides
   * @param opensTo the module that gets reflective access to every plugin package (Guice)
   */
  public PluginLoader(ModuleLayer parentLayer, ApiVersion hostApi, Module opensTo) {
    this.parentLayer = parentLayer;
    this.hostApi = hostApi;
    this.opensTo = opensTo;
  }

  /** Loads every plugin under {@code directory}; a missing directory holds no plugins. */
  public PluginCatalog load(Path directory) {
    PluginCatalog catalog = new PluginCatalog(directory);
    if (!Files.isDirectory(directory)) {
      LOG.warn(
          "Plugin directory {} {}; the host starts without plugins. Point plugins.directory (or"
              + " --plugins-dir) at a directory of plugin jars.",
          directory,
          Files.exists(directory) ? "is not a directory" : "does not exist");
      return catalog;
    }
    for (Path source : candidates(directory)) {
      String id = pluginId(source);
      try {
        LoadedPlugin plugin = loadOne(id, source);
        catalog.add(plugin);
      } catch (PluginRefusedException e) {
        catalog.quarantine(new QuarantinedPlugin(id, source, e.getMessage()));
      } catch (RuntimeException | LinkageError e) {
        catalog.quarantine(new QuarantinedPlugin(id, source, "failed to load: " + describe(e)));
      }
    }
    return catalog;
  }

  private static List<Path> candidates(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(p -> Files.isDirectory(p) || isJar(p))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list plugin directory " + directory + ": " + e, e);
    }
  }

  private static boolean isJar(Path path) {
    return path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jar");
  }

  static String pluginId(Path source) {
    String name = printable(source.getFileName().toString());
    return name.toLowerCase(java.util.Locale.ROOT).endsWith(".jar")
        ? name.substring(0, name.length() - 4)
        : name;
  }

  /**
   * {@code text} with control characters replaced by {@code ?}, so a file name cannot break a log
   * line or the {@code plugins} table.
   */
  public static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }

  private LoadedPlugin loadOne(String id, Path source) {
    List<Path> jars = jarsOf(source);
    for (Path jar : jars) {
      requireReadableJar(jar);
    }
    refuseDuplicateModules(jars);

    ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
    Map<String, ModuleReference> modules = new LinkedHashMap<>();
    try {
      // In jar name order, so that every message about two jars names them the same way.
      finder.findAll().stream()
          .sorted(Comparator.comparing(PluginLoader::fileOf))
          .forEach(ref -> modules.put(ref.descriptor().name(), ref));
    } catch (FindException e) {
      throw new PluginRefusedException("cannot read its modules: " + causeChain(e));
    }

    refuseBundledHostModules(modules);
    refuseSplitPackages(modules);
    refuseJavaxInjectRequirement(modules);
    List<ModuleReference> entryModules = entryModules(modules);
    String apiVersion = checkApiVersion(entryModules);

    ModuleLayer.Controller controller = defineLayer(finder, modules.keySet());
    ModuleLayer layer = controller.layer();
    openToHost(controller);
    List<Contribution> contributions = register(id, layer);

    List<String> moduleNames =
        modules.values().stream().map(ref -> ref.descriptor().toNameAndVersion()).sorted().toList();
    return new LoadedPlugin(id, source, moduleNames, apiVersion, layer, contributions);
  }

  private static List<Path> jarsOf(Path source) {
    if (!Files.isDirectory(source)) {
      return List.of(source);
    }
    try (Stream<Path> entries = Files.list(source)) {
      List<Path> jars =
          entries
              .filter(PluginLoader::isJar)
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
      if (jars.isEmpty()) {
        throw new PluginRefusedException("folder holds no jar files");
      }
      return jars;
    } catch (IOException e) {
      throw new PluginRefusedException("cannot list folder: " + e.getMessage());
    }
  }

  /**
   * Two jars of one module (two versions of a library, say) would leave the choice to file-name
   * order; refuse instead and name both.
   */
  private static void refuseDuplicateModules(List<Path> jars) {
    if (jars.size() < 2) {
      return;
    }
    Map<String, ModuleReference> byName = new HashMap<>();
    for (Path jar : jars) {
      for (ModuleReference ref : findIn(jar)) {
        ModuleReference previous = byName.putIfAbsent(ref.descriptor().name(), ref);
        if (previous != null) {
          throw new PluginRefusedException(
              "two copies of module "
                  + ref.descriptor().name()
                  + ": "
                  + fileOf(previous)
                  + " ("
                  + previous.descriptor().version().map(Object::toString).orElse("no version")
                  + ") and "
                  + fileOf(ref)
                  + " ("
                  + ref.descriptor().version().map(Object::toString).orElse("no version")
                  + "); keep one of the jars");
        }
      }
    }
  }

  private static java.util.Set<ModuleReference> findIn(Path jar) {
    try {
      return ModuleFinder.of(jar).findAll();
    } catch (FindException e) {
      throw new PluginRefusedException("cannot read its modules: " + causeChain(e));
    }
  }

  private static void requireReadableJar(Path jar) {
    String name = jar.getFileName().toString();
    if (!name.endsWith(".jar")) {
      throw new PluginRefusedException(
          name
              + " does not end in lowercase .jar, the only suffix the JDK reads as a module jar;"
              + " rename it");
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      file.getManifest();
    } catch (IOException | SecurityException e) {
      throw new PluginRefusedException(
          jar.getFileName() + " is not a readable jar (corrupt or truncated?): " + e.getMessage());
    }
  }

  private void refuseBundledHostModules(Map<String, ModuleReference> modules) {
    for (ModuleReference ref : modules.values()) {
      String name = ref.descriptor().name();
      if (name.equals(API_MODULE) || name.equals("jakarta.inject")) {
        throw new PluginRefusedException(
            "bundles its own copy of module "
                + name
                + " ("
                + fileOf(ref)
                + "); remove that jar: the host provides it, and a second copy makes the plugin's"
                + " classes unassignable to the host's");
      }
      for (String pkg : ref.descriptor().packages()) {
        if (pkg.equals(API_PACKAGE) || pkg.startsWith(API_PACKAGE + ".")) {
          throw new PluginRefusedException(
              "bundles its own copy of the monitoring API (package "
                  + pkg
                  + " in "
                  + fileOf(ref)
                  + "); build the plugin with the API as a provided dependency");
        }
      }
    }
  }

  private static void refuseSplitPackages(Map<String, ModuleReference> modules) {
    Map<String, ModuleReference> owner = new HashMap<>();
    for (ModuleReference ref : modules.values()) {
      for (String pkg : ref.descriptor().packages()) {
        ModuleReference previous = owner.putIfAbsent(pkg, ref);
        if (previous != null) {
          throw new PluginRefusedException(
              "split package "
                  + pkg
                  + ": it is in both "
                  + fileOf(previous)
                  + " (module "
                  + previous.descriptor().name()
                  + ") and "
                  + fileOf(ref)
                  + " (module "
                  + ref.descriptor().name()
                  + "); keep one of the jars");
        }
      }
    }
  }

  private static void refuseJavaxInjectRequirement(Map<String, ModuleReference> modules) {
    for (ModuleReference ref : modules.values()) {
      for (ModuleDescriptor.Requires requires : ref.descriptor().requires()) {
        if (requires.name().equals("javax.inject") || requires.name().equals("java.inject")) {
          throw new PluginRefusedException(
              "module "
                  + ref.descriptor().name()
                  + " requires "
                  + requires.name()
                  + "; javax.inject annotations are ignored by the host: use jakarta.inject"
                  + " (requires jakarta.inject, import jakarta.inject.Inject)");
        }
      }
    }
  }

  private static List<ModuleReference> entryModules(Map<String, ModuleReference> modules) {
    List<ModuleReference> entries = new ArrayList<>();
    for (ModuleReference ref : modules.values()) {
      for (ModuleDescriptor.Provides provides : ref.descriptor().provides()) {
        if (provides.service().equals(MonitoringPlugin.class.getName())) {
          entries.add(ref);
        }
      }
    }
    if (entries.isEmpty()) {
      throw new PluginRefusedException(
          "no module in it provides "
              + MonitoringPlugin.class.getName()
              + " (modules found: "
              + String.join(", ", modules.keySet())
              + "); add 'provides "
              + MonitoringPlugin.class.getName()
              + " with ...' to module-info.java");
    }
    return entries;
  }

  /**
   * Checks every API version the entry modules declare, in the descriptor (recorded by javac) and
   * in the manifest; any incompatible declaration refuses the plugin.
   */
  private String checkApiVersion(List<ModuleReference> entryModules) {
    String accepted = null;
    for (ModuleReference ref : entryModules) {
      for (String declared : declaredApiVersions(ref)) {
        ApiVersion version;
        try {
          version = ApiVersion.parse(declared);
        } catch (IllegalArgumentException e) {
          throw new PluginRefusedException(
              "module "
                  + ref.descriptor().name()
                  + " declares an unreadable API version: "
                  + e.getMessage());
        }
        if (!hostApi.accepts(version)) {
          throw new PluginRefusedException(
              "built for monitoring API "
                  + version
                  + " but this host provides API "
                  + hostApi
                  + " (a plugin needs the same major version and a minor version not newer than"
                  + " the host's); rebuild it against monitoring-api "
                  + hostApi);
        }
        accepted = version.toString();
      }
    }
    return accepted == null ? "undeclared" : accepted;
  }

  private static List<String> declaredApiVersions(ModuleReference ref) {
    List<String> declared = new ArrayList<>();
    for (ModuleDescriptor.Requires requires : ref.descriptor().requires()) {
      if (requires.name().equals(API_MODULE) && requires.compiledVersion().isPresent()) {
        declared.add(requires.compiledVersion().get().toString());
      }
    }
    Optional<java.net.URI> location = ref.location();
    if (location.isPresent() && "file".equals(location.get().getScheme())) {
      try (JarFile jar = new JarFile(Path.of(location.get()).toFile())) {
        if (jar.getManifest() != null) {
          String value =
              jar.getManifest().getMainAttributes().getValue(ApiVersion.MANIFEST_ATTRIBUTE);
          if (value != null) {
            declared.add(value);
          }
        }
      } catch (IOException e) {
        // Already read once by requireReadableJar; a failure here leaves the manifest unread.
      }
    }
    return declared;
  }

  private ModuleLayer.Controller defineLayer(ModuleFinder finder, Set<String> roots) {
    Configuration configuration;
    try {
      configuration =
          Configuration.resolve(
              finder, List.of(parentLayer.configuration()), ModuleFinder.of(), roots);
    } catch (FindException | ResolutionException e) {
      String message = causeChain(e);
      if (message.contains("javax.inject")) {
        message += "; javax.inject is not supported: use jakarta.inject";
      }
      throw new PluginRefusedException("its modules do not resolve: " + message);
    }
    try {
      return ModuleLayer.defineModulesWithOneLoader(
          configuration, List.of(parentLayer), ClassLoader.getPlatformClassLoader());
    } catch (LayerInstantiationException e) {
      throw new PluginRefusedException("its layer cannot be created: " + causeChain(e));
    }
  }

  /** Guice constructs plugin classes reflectively; plugin authors then need no opens clause. */
  private void openToHost(ModuleLayer.Controller controller) {
    if (opensTo == null || !opensTo.isNamed()) {
      return;
    }
    for (Module module : controller.layer().modules()) {
      for (String pkg : module.getPackages()) {
        controller.addOpens(module, pkg, opensTo);
      }
      enableNativeAccess(controller, module);
    }
  }

  /**
   * Plugins carry their own native libraries (a JDBC driver, say). From Java 22 the JDK warns, and
   * later refuses, when a module loads one without native access; a plugin layer's modules can only
   * be granted it through the layer's controller, which Java 21 lacks, hence the lookup.
   */
  private static void enableNativeAccess(ModuleLayer.Controller controller, Module module) {
    if (ENABLE_NATIVE_ACCESS == null) {
      return;
    }
    try {
      ENABLE_NATIVE_ACCESS.invoke(controller, module);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("Native access not granted to module {}: {}", module.getName(), e.toString());
    }
  }

  private static final java.lang.reflect.Method ENABLE_NATIVE_ACCESS = nativeAccessMethod();

  private static java.lang.reflect.Method nativeAccessMethod() {
    try {
      return ModuleLayer.Controller.class.getMethod("enableNativeAccess", Module.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private List<Contribution> register(String id, ModuleLayer layer) {
    List<MonitoringPlugin> entryPoints = new ArrayList<>();
    try {
      ServiceLoader.load(layer, MonitoringPlugin.class).stream()
          // A child layer also sees providers of its parents; keep this plugin's own.
          .filter(provider -> provider.type().getModule().getLayer() == layer)
          .forEach(provider -> entryPoints.add(provider.get()));
    } catch (ServiceConfigurationError e) {
      throw new PluginRefusedException(
          "its " + MonitoringPlugin.class.getSimpleName() + " cannot be created: " + causeChain(e));
    }
    if (entryPoints.isEmpty()) {
      throw new PluginRefusedException(
          "ServiceLoader found no " + MonitoringPlugin.class.getName() + " in its layer");
    }
    Registrar registrar = new Registrar(id, layer);
    for (MonitoringPlugin entryPoint : entryPoints) {
      try {
        entryPoint.register(registrar);
      } catch (PluginRefusedException e) {
        throw e;
      } catch (RuntimeException | LinkageError e) {
        throw new PluginRefusedException(
            entryPoint.getClass().getName() + ".register threw " + describe(e));
      }
    }
    if (registrar.contributions.isEmpty()) {
      throw new PluginRefusedException("registered no types");
    }
    return List.copyOf(registrar.contributions);
  }

  /** Validates and collects what one plugin registers. */
  private static final class Registrar implements PluginRegistry {
    private final String pluginId;
    private final ModuleLayer layer;
    private final List<Contribution> contributions = new ArrayList<>();

    Registrar(String pluginId, ModuleLayer layer) {
      this.pluginId = pluginId;
      this.layer = layer;
    }

    @Override
    public PluginRegistry healthCheck(String type, Class<? extends HealthCheck> implementation) {
      return add(PluginKind.HEALTH_CHECK, type, implementation);
    }

    @Override
    public PluginRegistry exporter(String type, Class<? extends MetricExporter> implementation) {
      return add(PluginKind.EXPORTER, type, implementation);
    }

    @Override
    public PluginRegistry alertGateway(String type, Class<? extends AlertGateway> implementation) {
      return add(PluginKind.ALERT_GATEWAY, type, implementation);
    }

    @Override
    public PluginRegistry storage(String type, Class<? extends MetricStorage> implementation) {
      return add(PluginKind.STORAGE, type, implementation);
    }

    @Override
    public PluginRegistry cardinalityStorage(
        String type, Class<? extends CardinalityStorage> implementation) {
      return add(PluginKind.CARDINALITY_STORAGE, type, implementation);
    }

    private PluginRegistry add(PluginKind kind, String type, Class<?> implementation) {
      if (type == null || !TYPE_NAME.matcher(type).matches()) {
        throw new PluginRefusedException(
            "registered "
                + kind.label()
                + " type name '"
                + type
                + "'; expected lowercase letters, digits and '-', starting with a letter");
      }
      if (implementation == null || !kind.contract().isAssignableFrom(implementation)) {
        throw new PluginRefusedException(
            "registered "
                + kind.label()
                + " type '"
                + type
                + "' with class "
                + (implementation == null ? "null" : implementation.getName())
                + ", which does not implement "
                + kind.contract().getName());
      }
      if (implementation.getModule().getLayer() != layer) {
        throw new PluginRefusedException(
            "registered "
                + kind.label()
                + " type '"
                + type
                + "' with class "
                + implementation.getName()
                + " from module "
                + implementation.getModule().getName()
                + ", which is not part of the plugin");
      }
      for (Contribution existing : contributions) {
        if (existing.kind() == kind && existing.type().equals(type)) {
          throw new PluginRefusedException(
              "registered "
                  + kind.label()
                  + " type '"
                  + type
                  + "' twice ("
                  + existing.implementation().getName()
                  + " and "
                  + implementation.getName()
                  + ")");
        }
      }
      refuseJavaxInject(type, implementation);
      contributions.add(new Contribution(kind, type, implementation, pluginId));
      return this;
    }

    private static void refuseJavaxInject(String type, Class<?> implementation) {
      List<AnnotatedElement> elements = new ArrayList<>();
      for (Class<?> c = implementation; c != null && c != Object.class; c = c.getSuperclass()) {
        elements.addAll(List.of(c.getDeclaredConstructors()));
        elements.addAll(List.of(c.getDeclaredFields()));
        elements.addAll(List.of(c.getDeclaredMethods()));
      }
      for (AnnotatedElement element : elements) {
        for (java.lang.annotation.Annotation annotation : element.getDeclaredAnnotations()) {
          String name = annotation.annotationType().getName();
          if (name.startsWith("javax.inject.")) {
            throw new PluginRefusedException(
                "type '"
                    + type
                    + "' ("
                    + implementation.getName()
                    + ") uses @"
                    + name
                    + " on "
                    + memberName(element)
                    + "; the host ignores javax.inject annotations: use"
                    + " @jakarta.inject."
                    + name.substring("javax.inject.".length()));
          }
        }
      }
    }

    private static String memberName(AnnotatedElement element) {
      if (element instanceof Constructor<?> c) {
        return "its constructor";
      }
      if (element instanceof Field f) {
        return "field " + f.getName();
      }
      if (element instanceof Method m) {
        return "method " + m.getName();
      }
      return element.toString();
    }
  }

  private static String fileOf(ModuleReference ref) {
    return ref.location()
        .map(
            uri ->
                "file".equals(uri.getScheme())
                    ? Path.of(uri).getFileName().toString()
                    : uri.toString())
        .orElse("(unknown file)");
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    Throwable cause = e.getCause();
    if (cause != null
        && cause != e
        && (message == null || !message.contains(String.valueOf(cause.getMessage())))) {
      text += " (caused by " + describe(cause) + ")";
    }
    return text;
  }

  /** The messages of {@code e} and its causes, so a nested reason is not lost. */
  static String causeChain(Throwable e) {
    StringBuilder out =
        new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    Throwable cause = e.getCause();
    while (cause != null && cause != e) {
      String message = cause.getMessage();
      if (message != null && !out.toString().contains(message)) {
        out.append(": ").append(message);
      }
      e = cause;
      cause = cause.getCause();
    }
    return out.toString();
  }
}
