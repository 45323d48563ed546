package nexus.monitoring.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nexus.monitoring.api.ApiVersion;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.spi.HealthCheck;
import nexus.monitoring.api.spi.MetricExporter;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.api.spi.ScheduledHealthCheck;
import nexus.monitoring.runtime.config.ConfigNodes;
import nexus.monitoring.runtime.config.HostConfig;
import nexus.monitoring.runtime.config.NodePluginSettings;
import nexus.monitoring.runtime.health.CheckInstance;
import nexus.monitoring.runtime.health.HealthCheckRunner;
import nexus.monitoring.runtime.health.StatusPolicy;
import nexus.monitoring.runtime.metrics.HostMetrics;
import nexus.monitoring.runtime.metrics.JvmMetrics;
import nexus.monitoring.runtime.plugin.Contribution;
import nexus.monitoring.runtime.plugin.LoadedPlugin;
import nexus.monitoring.runtime.plugin.PluginAssembly;
import nexus.monitoring.runtime.plugin.PluginCatalog;
import nexus.monitoring.runtime.plugin.PluginInstantiationException;
import nexus.monitoring.runtime.plugin.PluginKind;
import nexus.monitoring.runtime.plugin.PluginLoader;
import nexus.monitoring.runtime.plugin.QuarantinedPlugin;
import nexus.monitoring.runtime.query.InMemoryMetricStorage;

/**
 * The host assembled from a configuration: plugins loaded into their layers, configured checks
 * constructed through Guice, the runner and the exporters ready. Starting HTTP is left to the
 * caller, so {@code check} and {@code plugins} use the same assembly without opening a port.
 */
public final class NexusHost implements AutoCloseable {
  /** The host's version, from the runtime module's descriptor. */
  public static final String VERSION =
      Optional.ofNullable(NexusHost.class.getModule().getDescriptor())
          .flatMap(d -> d.rawVersion())
          .orElse("development");

  private final HostConfig config;
  private final HostMetrics metrics;
  private final PluginCatalog catalog;
  private final HealthCheckRunner runner;
  private final List<MetricExporter> exporters;
  private final MetricPipeline pipeline;
  private final Map<String, HealthCheckResult> unavailableChecks;

  private NexusHost(
      HostConfig config,
      HostMetrics metrics,
      PluginCatalog catalog,
      HealthCheckRunner runner,
      List<MetricExporter> exporters,
      MetricPipeline pipeline,
      Map<String, HealthCheckResult> unavailableChecks) {
    this.config = config;
    this.metrics = metrics;
    this.catalog = catalog;
    this.runner = runner;
    this.exporters = exporters;
    this.pipeline = pipeline;
    this.unavailableChecks = Map.copyOf(unavailableChecks);
  }

  /**
   * Loads plugins and constructs everything the configuration names.
   *
   * @throws InvalidConfigurationException when the configuration names something wrong, such as an
   *     unknown check type or a bad setting of a plugin type
   */
  public static NexusHost assemble(HostConfig config, Clock clock) {
    HostMetrics metrics = new HostMetrics();
    JvmMetrics.register(metrics);

    Injector hostInjector = hostInjector(metrics, clock);
    PluginCatalog catalog = loadPlugins(config.pluginsDirectory());
    PluginAssembly assembly = new PluginAssembly(hostInjector, catalog);

    Map<String, HealthCheckResult> unavailable = new LinkedHashMap<>();
    List<CheckInstance> checks = buildChecks(config, catalog, assembly, unavailable, clock);
    List<MetricExporter> exporters = buildExporters(config, catalog, assembly);
    OpenedStorage storage = buildStorage(config, catalog, assembly, clock);
    MetricPipeline pipeline =
        new MetricPipeline(config, storage.storage(), storage.name(), metrics, clock);

    HealthCheckRunner runner = new HealthCheckRunner(checks, metrics, clock);
    for (HostConfig.CheckConfig check : config.health().checks()) {
      HealthCheckResult result = unavailable.get(check.name());
      if (result != null) {
        runner.addHostEntry(check.name(), check.type(), check.critical(), check.groups(), result);
      }
    }
    runner.addHostEntry("plugins", "host", false, pluginsResult(catalog, clock));
    runner.addHostEntry("storage", "host", false, storage.status());
    registerPluginMetrics(metrics, catalog);
    return new NexusHost(config, metrics, catalog, runner, exporters, pipeline, unavailable);
  }

  /**
   * Loads the plugins of {@code directory} and validates their bindings, without configuring
   * anything: what {@code plugins} shows when the configuration itself is broken.
   */
  public static PluginCatalog inspectPlugins(Path directory, Clock clock) {
    PluginCatalog catalog = loadPlugins(directory);
    new PluginAssembly(hostInjector(new HostMetrics(), clock), catalog);
    return catalog;
  }

  private static Injector hostInjector(HostMetrics metrics, Clock clock) {
    return Guice.createInjector(
        Stage.PRODUCTION,
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(HostMetrics.class).toInstance(metrics);
            bind(Clock.class).toInstance(clock);
          }
        });
  }

  private static PluginCatalog loadPlugins(Path directory) {
    ModuleLayer apiLayer =
        Optional.ofNullable(ApiVersion.class.getModule().getLayer()).orElse(ModuleLayer.boot());
    return new PluginLoader(apiLayer, ApiVersion.CURRENT, Injector.class.getModule())
        .load(directory);
  }

  /**
   * The configured storage. A storage type that was not named explicitly, or whose plugin is
   * quarantined, falls back to memory, and the host's health says so: the host keeps running and
   * serving, but history does not survive a restart.
   */
  /** The storage history goes to, the name logs use for it, and what health says of it. */
  private record OpenedStorage(MetricStorage storage, String name, HealthCheckResult status) {}

  private static OpenedStorage buildStorage(
      HostConfig config, PluginCatalog catalog, PluginAssembly assembly, Clock clock) {
    HostConfig.Storage wanted = config.storage();
    if (wanted.type().equals("memory")) {
      return new OpenedStorage(
          new InMemoryMetricStorage(),
          "memory",
          HealthCheckResult.healthy("metric history kept in memory (storage type memory)")
              .measured(Duration.ZERO, clock.instant()));
    }
    Optional<Contribution> type = catalog.type(PluginKind.STORAGE, wanted.type());
    String reason;
    if (type.isEmpty()) {
      if (wanted.explicit() && catalog.quarantined().isEmpty()) {
        throw new InvalidConfigurationException(
            wanted.settings().location("storage.type")
                + ": no plugin provides storage type '"
                + wanted.type()
                + "'; available types: "
                + String.join(", ", catalog.typeNames(PluginKind.STORAGE))
                + ", memory (plugins in "
                + catalog.directory()
                + ")");
      }
      reason = "no loaded plugin provides storage type '" + wanted.type() + "'";
    } else {
      NodePluginSettings settings =
          new NodePluginSettings(wanted.type(), wanted.settings(), config.home());
      try {
        MetricStorage storage =
            assembly
                .create(PluginKind.STORAGE, wanted.type(), MetricStorage.class, settings)
                .orElseThrow();
        settings.rejectUnreadKeys();
        return new OpenedStorage(
            storage,
            wanted.type(),
            HealthCheckResult.healthy(
                    "metric history in storage '"
                        + wanted.type()
                        + "' from "
                        + describe(catalog, type.get().pluginId()))
                .measured(Duration.ZERO, clock.instant()));
      } catch (PluginInstantiationException e) {
        if (wanted.explicit()) {
          // The file names this storage: running without it would acknowledge pushes that are
          // not durable.
          throw new InvalidConfigurationException(
              wanted.settings().location("storage")
                  + ": storage '"
                  + wanted.type()
                  + "' cannot be opened: "
                  + e.getMessage(),
              e);
        }
        quarantine(catalog, e);
        reason = "plugin '" + e.pluginId() + "' is quarantined: " + e.getMessage();
      }
    }
    org.slf4j.LoggerFactory.getLogger(NexusHost.class)
        .warn(
            "Storage '{}' is unavailable ({}); metric history is kept in memory only and is lost"
                + " on restart",
            wanted.type(),
            reason);
    return new OpenedStorage(
        new InMemoryMetricStorage(),
        "memory",
        HealthCheckResult.degraded(
                "storage '"
                    + wanted.type()
                    + "' unavailable ("
                    + reason
                    + "); metric history is kept in memory only")
            .measured(Duration.ZERO, clock.instant()));
  }

  private static List<CheckInstance> buildChecks(
      HostConfig config,
      PluginCatalog catalog,
      PluginAssembly assembly,
      Map<String, HealthCheckResult> unavailable,
      Clock clock) {
    Map<String, CheckInstance> built = new LinkedHashMap<>();
    Map<String, String> pluginOfCheck = new LinkedHashMap<>();
    for (HostConfig.CheckConfig check : config.health().checks()) {
      Optional<Contribution> type = catalog.type(PluginKind.HEALTH_CHECK, check.type());
      if (type.isEmpty()) {
        if (catalog.quarantined().isEmpty()) {
          throw new InvalidConfigurationException(
              check.settings().location(check.path() + ".type")
                  + ": no plugin provides health check type '"
                  + check.type()
                  + "'; available types: "
                  + String.join(", ", catalog.typeNames(PluginKind.HEALTH_CHECK))
                  + " (plugins in "
                  + catalog.directory()
                  + ")");
        }
        unavailable.put(
            check.name(),
            HealthCheckResult.critical(
                    "no loaded plugin provides health check type '"
                        + check.type()
                        + "'; quarantined plugins: "
                        + catalog.quarantined().stream()
                            .map(q -> q.id() + " (" + q.reason() + ")")
                            .collect(Collectors.joining("; ")))
                .measured(Duration.ZERO, clock.instant()));
        continue;
      }
      String pluginId = type.get().pluginId();
      pluginOfCheck.put(check.name(), pluginId);
      NodePluginSettings settings =
          new NodePluginSettings(check.name(), check.settings(), config.home());
      HealthCheck instance;
      try {
        instance =
            assembly
                .create(PluginKind.HEALTH_CHECK, check.type(), HealthCheck.class, settings)
                .orElseThrow();
        settings.rejectUnreadKeys();
      } catch (PluginInstantiationException e) {
        quarantine(catalog, e);
        continue;
      } catch (InvalidConfigurationException e) {
        // Name the plugin behind the type: another plugin may have taken the type name.
        throw new InvalidConfigurationException(
            e.getMessage()
                + " (type '"
                + check.type()
                + "' comes from "
                + describe(catalog, pluginId)
                + ")",
            e);
      }

      // The file wins, then what the check suggests, then the health section's defaults.
      HostConfig.Health defaults = config.health();
      Duration interval = check.interval();
      Duration timeout = check.timeout();
      Duration initialDelay = check.initialDelay();
      Duration jitter = check.jitter();
      if (instance instanceof ScheduledHealthCheck scheduled) {
        try {
          interval = interval != null ? interval : scheduled.interval().orElse(null);
          timeout = timeout != null ? timeout : scheduled.timeout().orElse(null);
          initialDelay = initialDelay != null ? initialDelay : nonZero(scheduled.initialDelay());
          jitter = jitter != null ? jitter : nonZero(scheduled.jitter());
          requireSchedule(
              instance,
              interval,
              timeout,
              initialDelay == null ? Duration.ZERO : initialDelay,
              jitter == null ? Duration.ZERO : jitter);
        } catch (RuntimeException | LinkageError e) {
          quarantine(
              catalog,
              new PluginInstantiationException(
                  pluginId,
                  "schedule of "
                      + instance.getClass().getName()
                      + " is unusable: "
                      + e.getMessage(),
                  e));
          continue;
        }
      }
      interval = interval != null ? interval : defaults.interval();
      timeout = timeout != null ? timeout : defaults.timeout();
      HostConfig.Flapping flapping =
          check.flapping() != null ? check.flapping() : defaults.flapping();
      Duration staleAfter =
          check.staleAfter() != null
              ? check.staleAfter()
              : defaults.staleAfter() != null
                  ? defaults.staleAfter()
                  : StatusPolicy.defaultStaleAfter(interval, timeout);
      StatusPolicy policy =
          new StatusPolicy(
              staleAfter,
              check.failureThreshold() != null
                  ? check.failureThreshold()
                  : defaults.failureThreshold(),
              check.successThreshold() != null
                  ? check.successThreshold()
                  : defaults.successThreshold(),
              flapping.changes(),
              flapping.window(),
              defaults.history());
      built.put(
          check.name(),
          new CheckInstance(
              check.name(),
              check.type(),
              pluginId,
              instance,
              interval,
              timeout,
              initialDelay != null ? initialDelay : defaults.initialDelay(),
              jitter != null ? jitter : defaults.jitter(),
              check.critical(),
              check.groups(),
              policy));
    }

    // A plugin quarantined while building one check takes its other checks with it.
    List<CheckInstance> result = new ArrayList<>();
    for (HostConfig.CheckConfig check : config.health().checks()) {
      String pluginId = pluginOfCheck.get(check.name());
      Optional<QuarantinedPlugin> quarantined =
          pluginId == null ? Optional.empty() : catalog.quarantined(pluginId);
      if (quarantined.isPresent()) {
        unavailable.put(
            check.name(),
            HealthCheckResult.critical(
                    "plugin '" + pluginId + "' is quarantined: " + quarantined.get().reason())
                .measured(Duration.ZERO, clock.instant()));
      } else if (built.containsKey(check.name())) {
        result.add(built.get(check.name()));
      }
    }
    return result;
  }

  /** A plugin's suggestion of zero means it has none, so the host default applies. */
  private static Duration nonZero(Duration suggested) {
    return suggested == null || suggested.isZero() ? null : suggested;
  }

  /** Rejects a schedule a plugin suggested that the runner cannot follow. */
  private static void requireSchedule(
      HealthCheck instance,
      Duration interval,
      Duration timeout,
      Duration initialDelay,
      Duration jitter) {
    String problem = null;
    if (interval != null && (interval.isZero() || interval.isNegative())) {
      problem = "interval " + interval + ": not positive";
    } else if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      problem = "timeout " + timeout + ": not positive";
    } else if (initialDelay == null || initialDelay.isNegative()) {
      problem = "initial delay " + initialDelay + ": negative or missing";
    } else if (jitter == null || jitter.isNegative()) {
      problem = "jitter " + jitter + ": negative or missing";
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "ScheduledHealthCheck "
              + instance.getClass().getName()
              + " suggests an unusable "
              + problem);
    }
  }

  private static String describe(PluginCatalog catalog, String pluginId) {
    return catalog.loaded().stream()
        .filter(p -> p.id().equals(pluginId))
        .findFirst()
        .map(p -> "plugin '" + p.id() + "' (" + p.source().getFileName() + ")")
        .orElse("plugin '" + pluginId + "'");
  }

  private static List<MetricExporter> buildExporters(
      HostConfig config, PluginCatalog catalog, PluginAssembly assembly) {
    List<MetricExporter> exporters = new ArrayList<>();
    Map<String, Contribution> types = new LinkedHashMap<>(catalog.types(PluginKind.EXPORTER));
    // Prometheus text is what a scraper without an Accept header expects.
    List<String> order = new ArrayList<>(types.keySet());
    order.sort((a, b) -> a.equals("prometheus") ? -1 : b.equals("prometheus") ? 1 : a.compareTo(b));
    for (String type : order) {
      NodePluginSettings settings =
          new NodePluginSettings(
              type, ConfigNodes.empty(config.file(), "exporters." + type), config.home());
      try {
        assembly
            .create(PluginKind.EXPORTER, type, MetricExporter.class, settings)
            .ifPresent(exporters::add);
      } catch (PluginInstantiationException e) {
        quarantine(catalog, e);
      }
    }
    return exporters;
  }

  private static void quarantine(PluginCatalog catalog, PluginInstantiationException e) {
    LoadedPlugin plugin =
        catalog.loaded().stream().filter(p -> p.id().equals(e.pluginId())).findFirst().orElse(null);
    catalog.quarantine(
        new QuarantinedPlugin(
            e.pluginId(),
            plugin == null ? catalog.directory().resolve(e.pluginId()) : plugin.source(),
            e.getMessage()));
  }

  private static HealthCheckResult pluginsResult(PluginCatalog catalog, Clock clock) {
    List<LoadedPlugin> loaded = catalog.loaded();
    List<QuarantinedPlugin> quarantined = catalog.quarantined();
    HealthCheckResult result;
    if (quarantined.isEmpty()) {
      result = HealthCheckResult.healthy(loaded.size() + " plugins loaded, none quarantined");
    } else {
      result =
          HealthCheckResult.degraded(
              quarantined.size()
                  + " plugin(s) quarantined: "
                  + quarantined.stream()
                      .map(q -> q.id() + " (" + q.source().getFileName() + "): " + q.reason())
                      .collect(Collectors.joining("; ")));
    }
    result =
        result.withDetail("loaded", loaded.size()).withDetail("quarantined", quarantined.size());
    for (QuarantinedPlugin q : quarantined) {
      result = result.withDetail("quarantined." + q.id(), q.reason());
    }
    return result.measured(Duration.ZERO, clock.instant());
  }

  private static void registerPluginMetrics(HostMetrics metrics, PluginCatalog catalog) {
    metrics.gauge(
        "plugins.loaded",
        "Plugins loaded into their own module layer",
        "",
        Map.of(),
        () -> catalog.loaded().size());
    metrics.gauge(
        "plugins.quarantined",
        "Plugins the host runs without, see the plugins command",
        "",
        Map.of(),
        () -> catalog.quarantined().size());
    for (LoadedPlugin p : catalog.loaded()) {
      metrics.gauge(
          "plugin.info",
          "One series per plugin found, by state",
          "",
          Map.of("plugin", p.id(), "state", "loaded"),
          () -> catalog.quarantined(p.id()).isPresent() ? 0 : 1);
    }
    for (QuarantinedPlugin q : catalog.quarantined()) {
      metrics.gauge(
          "plugin.info",
          "One series per plugin found, by state",
          "",
          Map.of("plugin", q.id(), "state", "quarantined"),
          () -> 1);
    }
  }

  public HostConfig config() {
    return config;
  }

  public HostMetrics metrics() {
    return metrics;
  }

  public PluginCatalog catalog() {
    return catalog;
  }

  public HealthCheckRunner runner() {
    return runner;
  }

  public List<MetricExporter> exporters() {
    return exporters;
  }

  /** The metric pipeline: tracker, ingest, storage, queries, retention. */
  public MetricPipeline pipeline() {
    return pipeline;
  }

  /** Configured checks that could not be built, with the reason, by check name. */
  public Map<String, HealthCheckResult> unavailableChecks() {
    return unavailableChecks;
  }

  /** The host's own metrics and the tracker's series, as {@code /metrics} shows them. */
  public List<MetricSnapshot> snapshot() {
    List<MetricSnapshot> all = new ArrayList<>(metrics.snapshot());
    all.addAll(pipeline.snapshot());
    return all;
  }

  @Override
  public void close() {
    runner.close();
    pipeline.close();
  }
}
