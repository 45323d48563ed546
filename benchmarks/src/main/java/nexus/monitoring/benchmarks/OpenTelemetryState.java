package nexus.monitoring.benchmarks;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The OpenTelemetry metrics SDK with one cumulative pull reader, in its default configuration:
 * histograms aggregate into explicit buckets, exemplars are kept only when a span is sampled (none
 * is here).
 *
 * <p>The SDK drops measurements of an instrument no reader collects, so a reader is registered. The
 * stable API has no bound instruments: the closest thing to a handle is the instrument plus an
 * {@link Attributes} built once, which the SDK still looks up on every call. "By name and tags"
 * builds the attributes per call on an instrument the application keeps.
 */
@State(Scope.Benchmark)
public class OpenTelemetryState {
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("method");
  static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");
  static final AttributeKey<String> URI = AttributeKey.stringKey("uri");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
  static final AttributeKey<String> REGION = AttributeKey.stringKey("region");

  SdkMeterProvider provider;
  PullReader reader;
  LongCounter requests;
  LongCounter requestsByRoute;
  DoubleHistogram latency;
  DoubleHistogram latencyByRoute;
  DoubleHistogram payload;
  Attributes handleAttributes;

  @Setup
  public void setUp() {
    reader = new PullReader();
    provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    Meter meter = provider.get("nexus.monitoring.benchmarks");
    requests = meter.counterBuilder(Workload.REQUESTS).build();
    requestsByRoute = meter.counterBuilder(Workload.REQUESTS_BY_ROUTE).build();
    latency = meter.histogramBuilder(Workload.LATENCY).setUnit("s").build();
    latencyByRoute = meter.histogramBuilder(Workload.LATENCY_BY_ROUTE).setUnit("s").build();
    payload = meter.histogramBuilder(Workload.PAYLOAD).setUnit("By").build();
    handleAttributes = Attributes.of(METHOD, "GET", STATUS, "200");
  }

  @TearDown
  public void tearDown() {
    provider.close();
  }

  /** Collects on request only, as a Prometheus endpoint would. */
  static final class PullReader implements MetricReader {
    private volatile CollectionRegistration registration = CollectionRegistration.noop();

    @Override
    public void register(CollectionRegistration registration) {
      this.registration = registration;
    }

    Collection<MetricData> collect() {
      return registration.collectAllMetrics();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
