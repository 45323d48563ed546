package nexus.monitoring.testkit;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plugin folder as the host sees it: the plugin's jar (or its classes) and the library jars
 * beside it, every one a module. The host resolves all of them as roots of one module layer above
 * its own, defined with one class loader whose parent is the platform loader; this class does the
 * same, so that a test proves the folder a plugin ships loads as the host will load it:
 *
 * <pre>{@code
 * PluginFolder folder = PluginFolder.of(pluginJar, clientJar);
 * assertThat(folder.splitPackages()).isEmpty();
 * ModuleLayer layer = folder.load(ModuleLayer.boot()).layer();
 * Map<String, Class<?>> registered = PluginLayers.registeredTypes(layer);
 * }</pre>
 *
 * <p>The layer below must hold what the host's {@code lib/} gives plugins (the API and what it
 * needs), and not the plugin: {@link PluginLayers} builds such layers.
 *
 * @since 1.0
 */
public final class PluginFolder {
  private final List<Path> entries;

  private PluginFolder(Collection<Path> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The folder holding these jars or class directories. */
  public static PluginFolder of(Path... entries) {
    return new PluginFolder(List.of(entries));
  }

  /** The folder holding these jars or class directories. */
  public static PluginFolder of(Collection<Path> entries) {
    return new PluginFolder(entries);
  }

  /** This folder with {@code entry} added beside what it holds. */
  public PluginFolder with(Path entry) {
    List<Path> more = new ArrayList<>(entries);
    more.add(entry);
    return new PluginFolder(more);
  }

  /** The modules of the folder by name, explicit or automatic, sorted by name. */
  public Map<String, ModuleReference> modules() {
    Map<String, ModuleReference> modules = new TreeMap<>();
    for (ModuleReference ref : finder().findAll()) {
      modules.put(ref.descriptor().name(), ref);
    }
    return Collections.unmodifiableMap(modules);
  }

  /** The names of the folder's modules. */
  public Set<String> moduleNames() {
    return modules().keySet();
  }

  /**
   * Each package two modules of the folder both hold, as {@code "p in a and b"}: a layer cannot
   * define such a folder. Empty when the folder is sound.
   */
  public List<String> splitPackages() {
    Map<String, String> owner = new TreeMap<>();
    List<String> split = new ArrayList<>();
    modules()
        .forEach(
            (name, ref) -> {
              for (String pkg : ref.descriptor().packages()) {
                String previous = owner.putIfAbsent(pkg, name);
                if (previous != null) {
                  split.add(pkg + " in " + previous + " and " + name);
                }
              }
            });
    return split;
  }

  /**
   * Resolves the folder as the host does: every module of it a root, above {@code parent}, with
   * nothing looked up after the folder.
   *
   * @throws java.lang.module.FindException if a module the folder requires is missing
   * @throws java.lang.module.ResolutionException if the folder does not resolve
   */
  public Configuration resolve(Configuration parent) {
    return Configuration.resolve(finder(), List.of(parent), ModuleFinder.of(), moduleNames());
  }

  /**
   * Defines the folder's modules in a layer of their own above {@code parent}, with one class
   * loader whose parent is the platform loader, as the host does. The controller lets a test open
   * the plugin's packages to itself ({@link PluginLayers#openPackages}), where the host would open
   * them to its injector.
   */
  public ModuleLayer.Controller load(ModuleLayer parent) {
    return ModuleLayer.defineModulesWithOneLoader(
        resolve(parent.configuration()), List.of(parent), ClassLoader.getPlatformClassLoader());
  }

  private ModuleFinder finder() {
    return ModuleFinder.of(entries.toArray(Path[]::new));
  }

  @Override
  public String toString() {
    return "plugin folder " + entries;
  }
}
