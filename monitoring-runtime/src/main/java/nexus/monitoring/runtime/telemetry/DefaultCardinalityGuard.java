package nexus.monitoring.runtime.telemetry;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import nexus.monitoring.api.CardinalityGuard;
import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.MetricNames;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.Tenants;
import nexus.monitoring.api.spi.CardinalityStorage;
import nexus.monitoring.api.spi.CardinalityStorage.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's {@link CardinalityGuard}: admits a series while its metric has fewer than {@code
 * maxSeriesPerMetric} series in its tenant and the tenant fewer than {@code maxSeriesPerTenant},
 * keeping the registered series in a {@link CardinalityStorage}.
 *
 * <p>A series over a limit is folded into its metric's overflow series and counted ({@link
 * #overflowCount}). The first fold of each metric in each tenant is logged at WARN with the limit
 * and what to do; later ones at DEBUG. When the storage fails, new series are folded as well (so a
 * failing shared storage cannot let memory grow), and the failure is logged at WARN once until the
 * storage answers again.
 *
 * <p>Memory: besides the storage, one counter per metric and tenant that ever overflowed; the
 * refused tag sets themselves are never kept.
 *
 * @since 1.0
 */
public final class DefaultCardinalityGuard implements CardinalityGuard {
  private static final Logger DEFAULT_LOG = LoggerFactory.getLogger(DefaultCardinalityGuard.class);

  /** Default limit of distinct series per metric and tenant, as in the host configuration. */
  public static final long DEFAULT_MAX_SERIES_PER_METRIC = 10_000;

  /** Default limit of distinct series per tenant, as in the host configuration. */
  public static final long DEFAULT_MAX_SERIES_PER_TENANT = 100_000;

  private static final String OVERFLOW_SERIES =
      "{" + OVERFLOW_TAG.key() + "=" + OVERFLOW_TAG.value() + "}";

  private record MetricInTenant(String tenant, String metricName) {}

  private final CardinalityStorage storage;
  private final long maxSeriesPerMetric;
  private final long maxSeriesPerTenant;
  private final Logger log;
  private final ConcurrentHashMap<MetricInTenant, LongAdder> overflows = new ConcurrentHashMap<>();
  private final AtomicBoolean storageFailing = new AtomicBoolean();

  /**
   * @param storage where registered series are kept
   * @param maxSeriesPerMetric the most series one metric may have in one tenant; positive
   * @param maxSeriesPerTenant the most series one tenant may have across metrics; positive
   * @throws IllegalArgumentException when a limit is not positive
   */
  public DefaultCardinalityGuard(
      CardinalityStorage storage, long maxSeriesPerMetric, long maxSeriesPerTenant) {
    this(storage, maxSeriesPerMetric, maxSeriesPerTenant, DEFAULT_LOG);
  }

  // VisibleForTesting
  DefaultCardinalityGuard(
      CardinalityStorage storage, long maxSeriesPerMetric, long maxSeriesPerTenant, Logger log) {
    if (storage == null) {
      throw new IllegalArgumentException("cardinality storage must not be null");
    }
    if (maxSeriesPerMetric < 1 || maxSeriesPerTenant < 1) {
      throw new IllegalArgumentException(
          "cardinality limits must be positive; got "
              + maxSeriesPerMetric
              + " series per metric and "
              + maxSeriesPerTenant
              + " per tenant");
    }
    this.storage = storage;
    this.maxSeriesPerMetric = maxSeriesPerMetric;
    this.maxSeriesPerTenant = maxSeriesPerTenant;
    this.log = log;
  }

  @Override
  public List<MetricTag> admit(String tenant, String metricName, List<MetricTag> tags) {
    Tenants.requireValid(tenant);
    MetricNames.requireValid("metric name", metricName);
    if (tags == null) {
      throw new InvalidMetricException("tags of metric '" + metricName + "' must not be null");
    }
    if (CardinalityGuard.isOverflow(tags)) {
      return tags;
    }

    Registration registration;
    try {
      registration =
          storage.registerIfUnderLimit(
              tenant, metricName, tags, maxSeriesPerMetric, maxSeriesPerTenant);
    } catch (Exception | LinkageError e) {
      storageFailed(tenant, metricName, e);
      fold(tenant, metricName, null, tags);
      return OVERFLOW_TAGS;
    }
    if (storageFailing.compareAndSet(true, false)) {
      log.info(
          "Cardinality storage {} answers again; new series are admitted by the limits", storage);
    }
    if (registration == null || registration.admitted()) {
      return tags;
    }
    fold(tenant, metricName, registration, tags);
    return OVERFLOW_TAGS;
  }

  @Override
  public long overflowCount(String tenant, String metricName) {
    LongAdder count = overflows.get(new MetricInTenant(tenant, metricName));
    return count == null ? 0 : count.sum();
  }

  /** The limit of series per metric and tenant. */
  public long maxSeriesPerMetric() {
    return maxSeriesPerMetric;
  }

  /** The limit of series per tenant. */
  public long maxSeriesPerTenant() {
    return maxSeriesPerTenant;
  }

  private void fold(String tenant, String metricName, Registration reason, List<MetricTag> tags) {
    MetricInTenant key = new MetricInTenant(tenant, metricName);
    LongAdder count = overflows.get(key);
    boolean first = false;
    if (count == null) {
      LongAdder fresh = new LongAdder();
      count = overflows.putIfAbsent(key, fresh);
      if (count == null) {
        count = fresh;
        first = true;
      }
    }
    count.increment();
    if (reason == null) {
      return; // the storage failure was logged
    }

    String limit =
        reason == Registration.TENANT_LIMIT_REACHED
            ? "tenant '"
                + tenant
                + "' reached its limit of "
                + maxSeriesPerTenant
                + " distinct series across all metrics (metrics.cardinality.max-series-per-tenant)"
            : "metric '"
                + metricName
                + "' of tenant '"
                + tenant
                + "' reached its limit of "
                + maxSeriesPerMetric
                + " distinct tag sets (metrics.cardinality.max-series-per-metric)";
    String message =
        "Cardinality limit: {}. New series of metric '{}' are folded into its overflow series {}:"
            + " their values are kept there, their tags are not. First folded series has tag keys"
            + " {}. Remove the unbounded tag or raise the limit.";
    if (first) {
      log.warn(message, limit, metricName, OVERFLOW_SERIES, keys(tags));
    } else if (log.isDebugEnabled()) {
      log.debug(message, limit, metricName, OVERFLOW_SERIES, keys(tags));
    }
  }

  private void storageFailed(String tenant, String metricName, Throwable e) {
    String message =
        "Cardinality storage {} failed while admitting a new series of metric '{}' in tenant '{}':"
            + " {}. New series are folded into their metric's overflow series until it answers"
            + " again.";
    if (storageFailing.compareAndSet(false, true)) {
      log.warn(message, storage, metricName, tenant, e.toString());
    } else {
      log.debug(message, storage, metricName, tenant, e.toString());
    }
  }

  private static List<String> keys(List<MetricTag> tags) {
    return tags.stream().map(MetricTag::key).toList();
  }

  @Override
  public String toString() {
    return "cardinality guard ("
        + maxSeriesPerMetric
        + " series per metric, "
        + maxSeriesPerTenant
        + " per tenant, in "
        + storage
        + ")";
  }
}
