package nexus.monitoring.api.spi;

import java.util.List;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MonitoringException;

/**
 * The state behind the {@link nexus.monitoring.api.CardinalityGuard}: which distinct series (tag
 * sets) each metric of each tenant has.
 *
 * <p>The in-memory storage serves one host; a shared one (Redis) lets many hosts enforce one set of
 * limits. Implementations promise:
 *
 * <ul>
 *   <li>{@link #registerIfUnderLimit} is atomic: among any number of concurrent callers, on any
 *       number of hosts sharing the storage, the counts never exceed the limits they were given.
 *   <li>A registered series stays registered until the storage is cleared by its operator; the
 *       counts only grow.
 *   <li>Every method is thread-safe; a failure to reach the state throws {@link
 *       MonitoringException} naming the storage, and the guard decides what to do.
 * </ul>
 *
 * <p>The host calls {@link #close()} once at shutdown, after the last other call.
 *
 * @since 1.0
 */
public interface CardinalityStorage extends AutoCloseable {

  /** The outcome of {@link #registerIfUnderLimit}. */
  enum Registration {
    /** The series was registered before; nothing changed. */
    KNOWN,
    /** The series was new and has been registered. */
    REGISTERED,
    /** The series is new and the metric already has its limit of series; not registered. */
    METRIC_LIMIT_REACHED,
    /** The series is new and the tenant already has its limit of series; not registered. */
    TENANT_LIMIT_REACHED;

    /** Whether the series may be recorded under its own tags: KNOWN or REGISTERED. */
    public boolean admitted() {
      return this == KNOWN || this == REGISTERED;
    }
  }

  /**
   * Registers series {@code tags} of {@code metricName} in {@code tenant} unless it would take the
   * metric past {@code metricLimit} or the tenant past {@code tenantLimit} distinct series; a
   * series already registered is always {@link Registration#KNOWN}. Check and registration are one
   * atomic step.
   *
   * @param tags the series' tags, sorted by key, keys unique
   * @param metricLimit the most series the metric may have in the tenant; positive ({@code
   *     Long.MAX_VALUE} for no limit)
   * @param tenantLimit the most series the tenant may have across all metrics; positive ({@code
   *     Long.MAX_VALUE} for no limit)
   * @throws MonitoringException when the state could not be read or written
   */
  Registration registerIfUnderLimit(
      String tenant, String metricName, List<MetricTag> tags, long metricLimit, long tenantLimit);

  /**
   * How many distinct series {@code metricName} has in {@code tenant}; 0 for one never seen.
   *
   * @throws MonitoringException when the state could not be read
   */
  long seriesCount(String tenant, String metricName);

  /**
   * How many distinct series {@code tenant} has across all metrics; 0 for one never seen.
   *
   * @throws MonitoringException when the state could not be read
   */
  long tenantSeriesCount(String tenant);

  /** Releases connections and threads. Does not throw a checked exception. */
  @Override
  void close();
}
