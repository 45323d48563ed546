package nexus.monitoring.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A Micrometer Prometheus registry holding the series of {@link ScrapeWorkload}. */
@State(Scope.Benchmark)
public class MicrometerScrapeState {
  @Param({"10000", "100000"})
  public int series;

  PrometheusMeterRegistry registry;
  final CountingSink sink = new CountingSink();

  @Setup
  public void setUp() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    int perFamily = ScrapeWorkload.seriesPerFamily(series);
    for (int family = 0; family < ScrapeWorkload.FAMILIES; family++) {
      String name = ScrapeWorkload.name(family);
      for (int i = 0; i < perFamily; i++) {
        String[] tags = {
          "method",
          ScrapeWorkload.method(i),
          "path",
          ScrapeWorkload.path(i),
          "tenant",
          ScrapeWorkload.TENANT
        };
        double value = ScrapeWorkload.value(family, i);
        if (ScrapeWorkload.isCounter(family)) {
          Counter.builder(name)
              .description(ScrapeWorkload.HELP)
              .tags(tags)
              .register(registry)
              .increment(value);
        } else {
          Gauge.builder(name, () -> value)
              .description(ScrapeWorkload.HELP)
              .tags(tags)
              .register(registry);
        }
      }
    }
  }

  @TearDown
  public void tearDown() {
    registry.close();
  }
}
