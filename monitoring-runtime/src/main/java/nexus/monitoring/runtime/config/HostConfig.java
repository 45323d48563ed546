package nexus.monitoring.runtime.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import nexus.monitoring.api.RetentionPolicy;

/**
 * The whole host configuration, validated. Built by {@link ConfigLoader}.
 *
 * @param file the file it was read from
 * @param home the installation directory relative paths are resolved against
 * @param server where the HTTP endpoints listen
 * @param pluginsDirectory where plugin jars and folders are found
 * @param health health check defaults and instances
 * @param metrics how recorded metrics are aggregated and bounded
 * @param storage where metric history is kept
 * @param ingest how applications push metrics to the host
 * @param retention how long history is kept and when it is downsampled
 */
public record HostConfig(
    Path file,
    Path home,
    Server server,
    Path pluginsDirectory,
    Health health,
    Metrics metrics,
    Storage storage,
    Ingest ingest,
    Retention retention) {

  /** This configuration with {@code server} in place of its own. */
  public HostConfig withServer(Server server) {
    return new HostConfig(
        file, home, server, pluginsDirectory, health, metrics, storage, ingest, retention);
  }

  /** This configuration with plugins read from {@code directory}. */
  public HostConfig withPluginsDirectory(Path directory) {
    return new HostConfig(
        file, home, server, directory, health, metrics, storage, ingest, retention);
  }

  /**
   * @param step how often in-memory aggregates are flushed to storage; also the finest step of
   *     stored history
   * @param idleTtl a series idle this long is flushed and dropped from memory
   * @param maxSeriesPerMetric distinct tag sets per metric before new ones fold into the overflow
   *     series
   * @param maxSeriesPerTenant distinct series per tenant before new ones fold into overflow
   */
  public record Metrics(
      Duration step, Duration idleTtl, int maxSeriesPerMetric, int maxSeriesPerTenant) {}

  /**
   * @param type the storage type a plugin provides, such as {@code embedded}; {@code memory} keeps
   *     history in memory only
   * @param settings the type's own settings
   * @param explicit whether the file names the type; the default falls back to memory when no
   *     plugin provides it, a named type does not
   */
  public record Storage(String type, ConfigNode settings, boolean explicit) {}

  /**
   * @param httpEnabled whether {@code POST /api/v1/metrics} accepts metrics
   * @param statsdEnabled whether the StatsD/DogStatsD UDP listener runs
   * @param statsdHost the address the listener binds
   * @param statsdPort the UDP port; 0 picks a free one
   */
  public record Ingest(
      boolean httpEnabled, boolean statsdEnabled, String statsdHost, int statsdPort) {}

  /**
   * @param interval how often retention runs
   * @param policies per-metric policies, first match wins, the default policy last
   */
  public record Retention(Duration interval, List<RetentionPolicy> policies) {}

  /**
   * @param host the address to bind, such as {@code 127.0.0.1} or {@code 0.0.0.0}
   * @param port the TCP port; 0 picks a free one
   */
  public record Server(String host, int port) {}

  /**
   * The health section: runner defaults, probe visibility and the check instances.
   *
   * @param interval default time between runs of a check
   * @param timeout default time one run may take
   * @param initialDelay default wait before a check's first scheduled run
   * @param jitter default upper bound of the random shift of each scheduled run
   * @param staleAfter default age after which a result is stale; null for 2 x interval + timeout of
   *     each check
   * @param history how many recent results each check keeps for {@code /health}
   * @param failureThreshold default consecutive failing results before a passing check is reported
   *     failing
   * @param successThreshold default consecutive HEALTHY results before a failing check is reported
   *     HEALTHY
   * @param flapping default flapping detection
   * @param details who sees messages and observed values in {@code /health}
   * @param detailsToken the bearer token that unlocks details when {@code details} is {@code
   *     authorized}; null otherwise
   * @param checks the configured check instances
   */
  public record Health(
      Duration interval,
      Duration timeout,
      Duration initialDelay,
      Duration jitter,
      Duration staleAfter,
      int history,
      int failureThreshold,
      int successThreshold,
      Flapping flapping,
      DetailsVisibility details,
      String detailsToken,
      List<CheckConfig> checks) {}

  /**
   * Flapping detection: more than {@code changes} reported status changes within {@code window}.
   *
   * @param changes how many changes are still normal; 0 turns detection off
   * @param window how far back changes are counted
   */
  public record Flapping(int changes, Duration window) {
    /** Whether detection is on. */
    public boolean enabled() {
      return changes > 0;
    }
  }

  /** Who sees check messages, observed values and history in {@code /health}. */
  public enum DetailsVisibility {
    /** Everyone who can reach the port. */
    ALWAYS,
    /** Nobody over HTTP; {@code check} on the command line still shows them. */
    NEVER,
    /** Only requests with {@code Authorization: Bearer <health.details-token>}. */
    AUTHORIZED
  }

  /**
   * One configured health check instance. Null schedule and judgement fields fall back to the
   * check's own suggestion, then to the health section's defaults.
   *
   * @param name unique among checks; shown in every output
   * @param type the plugin type that implements it
   * @param interval time between runs, or null for the check's or host's default
   * @param timeout time one run may take, or null for the check's or host's default
   * @param initialDelay wait before the first scheduled run, or null
   * @param jitter upper bound of the random shift of each scheduled run, or null
   * @param staleAfter age after which its result is stale, or null
   * @param failureThreshold consecutive failing results before it is reported failing, or null
   * @param successThreshold consecutive HEALTHY results before it is reported HEALTHY, or null
   * @param flapping its flapping detection, or null for the host's
   * @param critical whether a failure of this check makes the host CRITICAL (else DEGRADED)
   * @param groups the groups the check belongs to; {@code readiness} when the file names none
   * @param settings the type's own configuration subtree
   */
  public record CheckConfig(
      String name,
      String type,
      Duration interval,
      Duration timeout,
      Duration initialDelay,
      Duration jitter,
      Duration staleAfter,
      Integer failureThreshold,
      Integer successThreshold,
      Flapping flapping,
      boolean critical,
      Set<String> groups,
      ConfigNode settings) {

    /** The dotted path of this check's entry, such as {@code health.checks[2]}. */
    public String path() {
      String settingsPath = settings.path();
      return settingsPath.substring(0, settingsPath.length() - ".settings".length());
    }
  }
}
