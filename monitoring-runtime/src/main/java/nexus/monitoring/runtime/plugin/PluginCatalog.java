package nexus.monitoring.runtime.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the loader found: loaded plugins with the types they contribute, and quarantined plugins
 * with their reasons. A plugin can be quarantined after loading too, when constructing one of its
 * types fails.
 */
public final class PluginCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(PluginCatalog.class);

  private final Path directory;
  private final Map<String, LoadedPlugin> loaded = new LinkedHashMap<>();
  private final Map<String, QuarantinedPlugin> quarantined = new LinkedHashMap<>();
  private final Map<PluginKind, Map<String, Contribution>> types = new EnumMap<>(PluginKind.class);

  PluginCatalog(Path directory) {
    this.directory = directory;
  }

  /** The directory the plugins came from. */
  public Path directory() {
    return directory;
  }

  synchronized void add(LoadedPlugin plugin) {
    for (Contribution c : plugin.contributions()) {
      Contribution existing = mutableTypes(c.kind()).get(c.type());
      if (existing != null) {
        LoadedPlugin owner = loaded.get(existing.pluginId());
        quarantine(
            new QuarantinedPlugin(
                plugin.id(),
                plugin.source(),
                "duplicate "
                    + c.kind().label()
                    + " type '"
                    + c.type()
                    + "': already provided by plugin '"
                    + existing.pluginId()
                    + "' ("
                    + (owner == null ? "?" : owner.source().getFileName())
                    + ", class "
                    + existing.implementation().getName()
                    + "); this plugin's class is "
                    + c.implementation().getName()
                    + ". Remove one of the two plugins or rename the type"));
        return;
      }
    }
    loaded.put(plugin.id(), plugin);
    for (Contribution c : plugin.contributions()) {
      mutableTypes(c.kind()).put(c.type(), c);
    }
    LOG.info(
        "Loaded plugin '{}' from {} ({}), API {}, types: {}",
        plugin.id(),
        PluginLoader.printable(plugin.source().getFileName().toString()),
        String.join(", ", plugin.modules()),
        plugin.apiVersion(),
        plugin.contributions().stream().map(c -> c.kind().label() + " " + c.type()).toList());
  }

  /** Quarantines {@code plugin}: it is dropped from the loaded set and its types are withdrawn. */
  public synchronized void quarantine(QuarantinedPlugin plugin) {
    LoadedPlugin removed = loaded.remove(plugin.id());
    if (removed != null) {
      for (Contribution c : removed.contributions()) {
        mutableTypes(c.kind()).remove(c.type(), c);
      }
    }
    if (quarantined.putIfAbsent(plugin.id(), plugin) == null) {
      LOG.warn(
          "Plugin '{}' ({}) quarantined: {}. The host runs without it.",
          plugin.id(),
          PluginLoader.printable(plugin.source().toString()),
          PluginLoader.printable(plugin.reason()));
    }
  }

  public synchronized List<LoadedPlugin> loaded() {
    return List.copyOf(loaded.values());
  }

  public synchronized List<QuarantinedPlugin> quarantined() {
    return List.copyOf(quarantined.values());
  }

  public synchronized Optional<QuarantinedPlugin> quarantined(String pluginId) {
    return Optional.ofNullable(quarantined.get(pluginId));
  }

  /** The types of {@code kind} currently available, by type name. */
  public synchronized Map<String, Contribution> types(PluginKind kind) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(mutableTypes(kind)));
  }

  private Map<String, Contribution> mutableTypes(PluginKind kind) {
    return types.computeIfAbsent(kind, k -> new LinkedHashMap<>());
  }

  /** The contribution behind {@code type}, if a loaded plugin provides it. */
  public synchronized Optional<Contribution> type(PluginKind kind, String type) {
    return Optional.ofNullable(mutableTypes(kind).get(type));
  }

  /** Every type name currently available of {@code kind}, for messages. */
  public synchronized List<String> typeNames(PluginKind kind) {
    return new ArrayList<>(mutableTypes(kind).keySet());
  }
}
