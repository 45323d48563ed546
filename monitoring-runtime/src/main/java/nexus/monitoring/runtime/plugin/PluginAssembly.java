package nexus.monitoring.runtime.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import com.google.inject.spi.Message;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * Binds the types of loaded plugins into Guice and constructs configured instances of them.
 *
 * <p>Each plugin's bindings are first validated in a child injector of its own, so one plugin whose
 * classes cannot be injected is quarantined alone instead of failing the host's injector. The
 * surviving types are bound with {@link MapBinder}, one map per {@link PluginKind}, keyed by type
 * name. Every configured instance is built by a child injector that adds its {@link
 * PluginSettings}, so one type can be configured many times with different settings.
 */
public final class PluginAssembly {
  private static final TypeLiteral<Map<String, Contribution>> TYPE_MAP = new TypeLiteral<>() {};

  private final PluginCatalog catalog;
  private final Injector injector;

  /**
   * @param hostInjector provides the host's services to plugin constructors
   * @param catalog the loaded plugins; plugins whose bindings do not validate are quarantined here
   */
  public PluginAssembly(Injector hostInjector, PluginCatalog catalog) {
    this.catalog = catalog;
    for (LoadedPlugin plugin : catalog.loaded()) {
      validate(hostInjector, plugin);
    }
    this.injector = hostInjector.createChildInjector(new TypesModule(catalog));
  }

  private void validate(Injector hostInjector, LoadedPlugin plugin) {
    try {
      hostInjector.createChildInjector(
          new AbstractModule() {
            @Override
            protected void configure() {
              bind(PluginSettings.class).toInstance(EmptySettings.INSTANCE);
              for (Contribution c : plugin.contributions()) {
                bind(c.implementation());
              }
            }
          });
    } catch (CreationException | LinkageError e) {
      catalog.quarantine(
          new QuarantinedPlugin(
              plugin.id(), plugin.source(), "its types cannot be injected: " + firstMessage(e)));
    }
  }

  /** The types of {@code kind} bound in the injector, by name. */
  public Map<String, Contribution> types(PluginKind kind) {
    return injector.getInstance(Key.get(TYPE_MAP, Names.named(kind.name())));
  }

  /**
   * Constructs an instance of {@code type}.
   *
   * @return empty when no bound plugin provides the type
   * @throws InvalidConfigurationException when the instance's settings are wrong, including keys it
   *     did not read
   * @throws PluginInstantiationException when the plugin's constructor failed for another reason
   */
  public <T> Optional<T> create(
      PluginKind kind, String type, Class<T> contract, PluginSettings settings) {
    Contribution contribution = types(kind).get(type);
    if (contribution == null || catalog.quarantined(contribution.pluginId()).isPresent()) {
      return Optional.empty();
    }
    Object instance;
    try {
      instance =
          injector
              .createChildInjector(
                  new AbstractModule() {
                    @Override
                    protected void configure() {
                      bind(PluginSettings.class).toInstance(settings);
                    }
                  })
              .getInstance(contribution.implementation());
    } catch (ProvisionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvalidConfigurationException invalid) {
        throw invalid;
      }
      throw new PluginInstantiationException(
          contribution.pluginId(),
          "constructor of "
              + contribution.implementation().getName()
              + " (type '"
              + type
              + "') threw "
              + (cause == null ? firstMessage(e) : PluginLoader.describe(cause)),
          e);
    } catch (com.google.inject.ConfigurationException | CreationException | LinkageError e) {
      throw new PluginInstantiationException(
          contribution.pluginId(),
          contribution.implementation().getName() + " cannot be constructed: " + firstMessage(e),
          e);
    }
    return Optional.of(contract.cast(instance));
  }

  private static String firstMessage(Throwable e) {
    java.util.Collection<Message> messages = null;
    if (e instanceof CreationException c) {
      messages = c.getErrorMessages();
    } else if (e instanceof ProvisionException p) {
      messages = p.getErrorMessages();
    } else if (e instanceof com.google.inject.ConfigurationException c) {
      messages = c.getErrorMessages();
    }
    if (messages != null && !messages.isEmpty()) {
      String text = messages.iterator().next().getMessage();
      // Guice's messages carry a multi-line "learn more" trailer; the first line is the cause.
      int newline = text.indexOf('\n');
      return newline < 0 ? text : text.substring(0, newline).trim();
    }
    return PluginLoader.describe(e);
  }

  /** One {@link MapBinder} per kind, holding every type of the loaded plugins. */
  private static final class TypesModule extends AbstractModule {
    private final PluginCatalog catalog;

    TypesModule(PluginCatalog catalog) {
      this.catalog = catalog;
    }

    @Override
    protected void configure() {
      for (PluginKind kind : PluginKind.values()) {
        MapBinder<String, Contribution> types =
            MapBinder.newMapBinder(
                binder(),
                TypeLiteral.get(String.class),
                TypeLiteral.get(Contribution.class),
                Names.named(kind.name()));
        for (Map.Entry<String, Contribution> entry : catalog.types(kind).entrySet()) {
          types.addBinding(entry.getKey()).toInstance(entry.getValue());
        }
      }
    }
  }

  /** Stands in for real settings while bindings are validated; nothing is constructed then. */
  private static final class EmptySettings implements PluginSettings {
    static final EmptySettings INSTANCE = new EmptySettings();

    @Override
    public String instanceName() {
      return "";
    }

    @Override
    public Set<String> keys() {
      return Set.of();
    }

    @Override
    public boolean has(String key) {
      return false;
    }

    @Override
    public Optional<String> string(String key) {
      return Optional.empty();
    }

    @Override
    public String string(String key, String defaultValue) {
      return defaultValue;
    }

    @Override
    public String requireString(String key) {
      throw invalid(key, "a value");
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
      return defaultValue;
    }

    @Override
    public long integer(String key, long defaultValue) {
      return defaultValue;
    }

    @Override
    public double number(String key, double defaultValue) {
      return defaultValue;
    }

    @Override
    public java.time.Duration duration(String key, java.time.Duration defaultValue) {
      return defaultValue;
    }

    @Override
    public double percent(String key, double defaultValue) {
      return defaultValue;
    }

    @Override
    public long bytes(String key, long defaultValue) {
      return defaultValue;
    }

    @Override
    public java.nio.file.Path path(String key, String defaultValue) {
      return java.nio.file.Path.of(defaultValue);
    }

    @Override
    public java.util.List<String> strings(String key) {
      return java.util.List.of();
    }

    @Override
    public InvalidConfigurationException invalid(String key, String expected) {
      return new InvalidConfigurationException(key + ": expected " + expected);
    }
  }
}
