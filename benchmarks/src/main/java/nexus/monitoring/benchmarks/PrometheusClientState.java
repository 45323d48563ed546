package nexus.monitoring.benchmarks;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Prometheus Java client 1.x in its default configuration: a histogram keeps classic buckets
 * and a native histogram, and samples exemplars when a span is current (none is here).
 *
 * <p>The client has no lookup by metric name: a metric is an object the application keeps, and "by
 * name and tags" means {@code labelValues(...)} on that object, which finds the series.
 */
@State(Scope.Benchmark)
public class PrometheusClientState {
  Counter requests;
  Counter requestsByRoute;
  Histogram latency;
  Histogram latencyByRoute;
  Histogram payload;

  CounterDataPoint counter;
  DistributionDataPoint timer;
  DistributionDataPoint histogram;

  @Setup
  public void setUp() {
    PrometheusRegistry registry = new PrometheusRegistry();
    String[] keys2 = Workload.keys(Workload.TAGS_2);
    String[] keys5 = Workload.keys(Workload.TAGS_5);
    requests = Counter.builder().name(Workload.REQUESTS).labelNames(keys2).register(registry);
    requestsByRoute =
        Counter.builder().name(Workload.REQUESTS_BY_ROUTE).labelNames(keys5).register(registry);
    latency =
        Histogram.builder()
            .name(Workload.LATENCY + "_seconds")
            .unit(Unit.SECONDS)
            .labelNames(keys2)
            .register(registry);
    latencyByRoute =
        Histogram.builder()
            .name(Workload.LATENCY_BY_ROUTE + "_seconds")
            .unit(Unit.SECONDS)
            .labelNames(keys5)
            .register(registry);
    payload = Histogram.builder().name(Workload.PAYLOAD).labelNames(keys2).register(registry);

    String[] values2 = Workload.values(Workload.TAGS_2);
    counter = requests.labelValues(values2);
    timer = latency.labelValues(values2);
    histogram = payload.labelValues(values2);
  }
}
