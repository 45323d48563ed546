package nexus.monitoring.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.util.List;
import nexus.monitoring.api.MetricSnapshot;
import org.junit.jupiter.api.Test;

/**
 * Each library's state builds, and each benchmark method records what it claims: one call of every
 * method is visible in the library afterwards. A benchmark that recorded nothing (an OpenTelemetry
 * instrument without a reader, say) would measure nothing.
 */
final class RecordingStatesTest {
  private final Samples samples = new Samples();

  @Test
  void nexus_everyBenchmark_recordsOnce() {
    NexusState state = new NexusState();
    state.setUp();

    new CounterHandle.OneThread().nexus(state);
    new CounterByName.OneThread().nexus2Tags(state);
    new CounterByName.OneThread().nexus5Tags(state);
    new TimerHandle.OneThread().nexus(state, samples);
    new TimerByName.OneThread().nexus2Tags(state, samples);
    new TimerByName.OneThread().nexus5Tags(state, samples);
    new HistogramHandle.OneThread().nexus(state, samples);

    List<MetricSnapshot> snapshots = state.tracker.snapshot();
    assertThat(snapshot(snapshots, Workload.REQUESTS).value()).isEqualTo(2.0);
    assertThat(snapshot(snapshots, Workload.REQUESTS_BY_ROUTE).value()).isEqualTo(1.0);
    assertThat(snapshot(snapshots, Workload.REQUESTS_BY_ROUTE).tags()).hasSize(5);
    assertThat(snapshot(snapshots, Workload.LATENCY).distribution().count()).isEqualTo(2);
    assertThat(snapshot(snapshots, Workload.LATENCY_BY_ROUTE).distribution().count()).isEqualTo(1);
    assertThat(snapshot(snapshots, Workload.PAYLOAD).distribution().count()).isEqualTo(1);
  }

  @Test
  void micrometer_everyBenchmark_recordsOnce() {
    MicrometerState state = new MicrometerState();
    state.setUp();

    new CounterHandle.OneThread().micrometer(state);
    new CounterByName.OneThread().micrometer2Tags(state);
    new CounterByName.OneThread().micrometer5Tags(state);
    new TimerHandle.OneThread().micrometer(state, samples);
    new TimerByName.OneThread().micrometer2Tags(state, samples);
    new TimerByName.OneThread().micrometer5Tags(state, samples);
    new HistogramHandle.OneThread().micrometer(state, samples);

    assertThat(state.counter.count()).isEqualTo(2.0);
    assertThat(state.registry.get(Workload.REQUESTS_BY_ROUTE).counter().count()).isEqualTo(1.0);
    assertThat(state.timer.count()).isEqualTo(2);
    assertThat(state.registry.get(Workload.LATENCY_BY_ROUTE).timer().count()).isEqualTo(1);
    assertThat(state.summary.count()).isEqualTo(1);
    state.tearDown();
  }

  @Test
  void prometheus_everyBenchmark_recordsOnce() {
    PrometheusClientState state = new PrometheusClientState();
    state.setUp();

    new CounterHandle.OneThread().prometheus(state);
    new CounterByName.OneThread().prometheus2Tags(state);
    new CounterByName.OneThread().prometheus5Tags(state);
    new TimerHandle.OneThread().prometheus(state, samples);
    new TimerByName.OneThread().prometheus2Tags(state, samples);
    new TimerByName.OneThread().prometheus5Tags(state, samples);
    new HistogramHandle.OneThread().prometheus(state, samples);

    assertThat(state.counter.get()).isEqualTo(2.0);
    assertThat(state.requestsByRoute.collect().getDataPoints().get(0).getValue()).isEqualTo(1.0);
    assertThat(count(state.latency.collect())).isEqualTo(2);
    assertThat(count(state.latencyByRoute.collect())).isEqualTo(1);
    assertThat(count(state.payload.collect())).isEqualTo(1);
  }

  @Test
  void dropwizard_everyBenchmark_recordsOnce() {
    DropwizardState state = new DropwizardState();
    state.setUp();

    new CounterHandle.OneThread().dropwizard(state);
    new CounterByName.OneThread().dropwizard2Tags(state);
    new CounterByName.OneThread().dropwizard5Tags(state);
    new TimerHandle.OneThread().dropwizard(state, samples);
    new TimerByName.OneThread().dropwizard2Tags(state, samples);
    new TimerByName.OneThread().dropwizard5Tags(state, samples);
    new HistogramHandle.OneThread().dropwizard(state, samples);

    assertThat(state.counter.getCount()).isEqualTo(2);
    String[] route = Workload.values(Workload.TAGS_5);
    assertThat(
            state
                .registry
                .counter(MetricRegistry.name(Workload.REQUESTS_BY_ROUTE, route))
                .getCount())
        .isEqualTo(1);
    assertThat(state.timer.getCount()).isEqualTo(2);
    assertThat(
            state.registry.timer(MetricRegistry.name(Workload.LATENCY_BY_ROUTE, route)).getCount())
        .isEqualTo(1);
    assertThat(state.histogram.getCount()).isEqualTo(1);
  }

  @Test
  void openTelemetry_everyBenchmark_recordsOnce() {
    OpenTelemetryState state = new OpenTelemetryState();
    state.setUp();

    new CounterHandle.OneThread().openTelemetry(state);
    new CounterByName.OneThread().openTelemetry2Tags(state);
    new CounterByName.OneThread().openTelemetry5Tags(state);
    new TimerHandle.OneThread().openTelemetry(state, samples);
    new TimerByName.OneThread().openTelemetry2Tags(state, samples);
    new TimerByName.OneThread().openTelemetry5Tags(state, samples);
    new HistogramHandle.OneThread().openTelemetry(state, samples);

    var metrics = state.reader.collect();
    assertThat(counterTotal(metrics, Workload.REQUESTS)).isEqualTo(2);
    assertThat(counterTotal(metrics, Workload.REQUESTS_BY_ROUTE)).isEqualTo(1);
    assertThat(histogramCount(metrics, Workload.LATENCY)).isEqualTo(2);
    assertThat(histogramCount(metrics, Workload.LATENCY_BY_ROUTE)).isEqualTo(1);
    assertThat(histogramCount(metrics, Workload.PAYLOAD)).isEqualTo(1);
    state.tearDown();
  }

  @Test
  void floor_everyBenchmark_recordsOnce() {
    FloorState state = new FloorState();
    state.setUp();

    new CounterHandle.OneThread().floorLongAdder(state);
    new TimerHandle.OneThread().floorRecorder(state, samples);
    new HistogramHandle.OneThread().floorRecorder(state, samples);

    assertThat(state.counter.sum()).isEqualTo(1);
    assertThat(state.timer.getIntervalHistogram().getTotalCount()).isEqualTo(1);
    assertThat(state.histogram.getIntervalHistogram().getTotalCount()).isEqualTo(1);
  }

  private static MetricSnapshot snapshot(List<MetricSnapshot> snapshots, String name) {
    return snapshots.stream()
        .filter(snapshot -> snapshot.name().equals(name))
        .reduce(
            (a, b) -> {
              throw new AssertionError("two series of '" + name + "': " + a + " and " + b);
            })
        .orElseThrow(() -> new AssertionError("no series of '" + name + "' in " + snapshots));
  }

  private static long count(HistogramSnapshot snapshot) {
    return snapshot.getDataPoints().get(0).getCount();
  }

  private static long counterTotal(Iterable<MetricData> metrics, String name) {
    return find(metrics, name).getLongSumData().getPoints().stream()
        .mapToLong(point -> point.getValue())
        .sum();
  }

  private static long histogramCount(Iterable<MetricData> metrics, String name) {
    return find(metrics, name).getHistogramData().getPoints().stream()
        .mapToLong(point -> point.getCount())
        .sum();
  }

  private static MetricData find(Iterable<MetricData> metrics, String name) {
    for (MetricData metric : metrics) {
      if (metric.getName().equals(name)) {
        return metric;
      }
    }
    throw new AssertionError("no metric '" + name + "' was collected from " + metrics);
  }
}
