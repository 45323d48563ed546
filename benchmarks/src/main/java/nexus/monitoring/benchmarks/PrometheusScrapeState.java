package nexus.monitoring.benchmarks;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A Prometheus client registry holding the series of {@link ScrapeWorkload}. */
@State(Scope.Benchmark)
public class PrometheusScrapeState {
  @Param({"10000", "100000"})
  public int series;

  PrometheusRegistry registry;
  PrometheusTextFormatWriter writer;
  MetricSnapshots snapshots;
  final CountingSink sink = new CountingSink();

  @Setup
  public void setUp() {
    registry = new PrometheusRegistry();
    writer = PrometheusTextFormatWriter.create();
    int perFamily = ScrapeWorkload.seriesPerFamily(series);
    for (int family = 0; family < ScrapeWorkload.FAMILIES; family++) {
      String name = ScrapeWorkload.name(family);
      if (ScrapeWorkload.isCounter(family)) {
        Counter counter =
            Counter.builder()
                .name(name)
                .help(ScrapeWorkload.HELP)
                .labelNames("method", "path", "tenant")
                .register(registry);
        for (int i = 0; i < perFamily; i++) {
          counter
              .labelValues(ScrapeWorkload.method(i), ScrapeWorkload.path(i), ScrapeWorkload.TENANT)
              .inc(ScrapeWorkload.value(family, i));
        }
      } else {
        Gauge gauge =
            Gauge.builder()
                .name(name)
                .help(ScrapeWorkload.HELP)
                .labelNames("method", "path", "tenant")
                .register(registry);
        for (int i = 0; i < perFamily; i++) {
          gauge
              .labelValues(ScrapeWorkload.method(i), ScrapeWorkload.path(i), ScrapeWorkload.TENANT)
              .set(ScrapeWorkload.value(family, i));
        }
      }
    }
    snapshots = registry.scrape();
  }
}
