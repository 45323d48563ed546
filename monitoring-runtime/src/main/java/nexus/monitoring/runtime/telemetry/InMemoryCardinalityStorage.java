package nexus.monitoring.runtime.telemetry;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.spi.CardinalityStorage;

/**
 * The default {@link CardinalityStorage}: the registered series of one host, in memory.
 *
 * <p>Memory is bounded by the limits callers pass: a series is only remembered once registered, and
 * registration stops at the limits. Checking a known series takes no lock; registering a new one
 * locks only its metric (per tenant), and counts it against the tenant with a compare-and-set, so
 * neither count ever passes its limit.
 *
 * @since 1.0
 */
public final class InMemoryCardinalityStorage implements CardinalityStorage {
  private static final class TenantSeries {
    final AtomicLong count = new AtomicLong();
    final ConcurrentHashMap<String, MetricSeries> metrics = new ConcurrentHashMap<>();
  }

  private static final class MetricSeries {
    final Set<List<MetricTag>> series = ConcurrentHashMap.newKeySet();
    long count; // guarded by this
  }

  private final ConcurrentHashMap<String, TenantSeries> tenants = new ConcurrentHashMap<>();

  /** An empty storage. */
  public InMemoryCardinalityStorage() {}

  @Override
  public Registration registerIfUnderLimit(
      String tenant, String metricName, List<MetricTag> tags, long metricLimit, long tenantLimit) {
    if (tenant == null || metricName == null || tags == null) {
      throw new InvalidMetricException(
          "cardinality registration needs a tenant, a metric name and tags; got tenant "
              + tenant
              + ", metric "
              + metricName
              + ", tags "
              + tags);
    }
    if (metricLimit < 1 || tenantLimit < 1) {
      throw new InvalidMetricException(
          "cardinality limits must be positive; got "
              + metricLimit
              + " per metric and "
              + tenantLimit
              + " per tenant");
    }
    TenantSeries inTenant = tenants.computeIfAbsent(tenant, t -> new TenantSeries());
    MetricSeries inMetric = inTenant.metrics.computeIfAbsent(metricName, m -> new MetricSeries());
    if (inMetric.series.contains(tags)) {
      return Registration.KNOWN;
    }
    synchronized (inMetric) {
      if (inMetric.series.contains(tags)) {
        return Registration.KNOWN;
      }
      if (inMetric.count >= metricLimit) {
        return Registration.METRIC_LIMIT_REACHED;
      }
      long tenantCount;
      do {
        tenantCount = inTenant.count.get();
        if (tenantCount >= tenantLimit) {
          return Registration.TENANT_LIMIT_REACHED;
        }
      } while (!inTenant.count.compareAndSet(tenantCount, tenantCount + 1));
      inMetric.series.add(List.copyOf(tags));
      inMetric.count++;
      return Registration.REGISTERED;
    }
  }

  @Override
  public long seriesCount(String tenant, String metricName) {
    TenantSeries inTenant = tenants.get(tenant);
    MetricSeries inMetric = inTenant == null ? null : inTenant.metrics.get(metricName);
    if (inMetric == null) {
      return 0;
    }
    synchronized (inMetric) {
      return inMetric.count;
    }
  }

  @Override
  public long tenantSeriesCount(String tenant) {
    TenantSeries inTenant = tenants.get(tenant);
    return inTenant == null ? 0 : inTenant.count.get();
  }

  /** Forgets every registered series. */
  @Override
  public void close() {
    tenants.clear();
  }

  @Override
  public String toString() {
    return "in-memory cardinality storage";
  }
}
