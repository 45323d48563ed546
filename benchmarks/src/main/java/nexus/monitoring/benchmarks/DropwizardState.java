package nexus.monitoring.benchmarks;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Dropwizard Metrics in its default configuration: timers and histograms sample into an
 * exponentially decaying reservoir, and a timer also keeps a rate meter.
 *
 * <p>Dropwizard has no tags; the usual way to tell series apart, used here, is to append the tag
 * values to the name ({@code requests.GET.200}), so "by name and tags" builds that name per call.
 */
@State(Scope.Benchmark)
public class DropwizardState {
  MetricRegistry registry;
  Counter counter;
  Timer timer;
  Histogram histogram;

  @Setup
  public void setUp() {
    registry = new MetricRegistry();
    String[] values2 = Workload.values(Workload.TAGS_2);
    counter = registry.counter(MetricRegistry.name(Workload.REQUESTS, values2));
    timer = registry.timer(MetricRegistry.name(Workload.LATENCY, values2));
    histogram = registry.histogram(MetricRegistry.name(Workload.PAYLOAD, values2));
  }
}
