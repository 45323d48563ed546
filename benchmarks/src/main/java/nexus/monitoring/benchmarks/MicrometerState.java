package nexus.monitoring.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Micrometer with its Prometheus registry, in its default configuration: a timer and a distribution
 * summary keep count, sum and a decaying maximum, and no percentile histogram.
 */
@State(Scope.Benchmark)
public class MicrometerState {
  PrometheusMeterRegistry registry;
  Counter counter;
  Timer timer;
  DistributionSummary summary;

  @Setup
  public void setUp() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    counter = registry.counter(Workload.REQUESTS, Workload.TAGS_2);
    timer = registry.timer(Workload.LATENCY, Workload.TAGS_2);
    summary = registry.summary(Workload.PAYLOAD, Workload.TAGS_2);
  }

  @TearDown
  public void tearDown() {
    registry.close();
  }
}
