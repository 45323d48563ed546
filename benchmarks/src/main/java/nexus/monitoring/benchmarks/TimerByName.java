package nexus.monitoring.benchmarks;

import static nexus.monitoring.benchmarks.OpenTelemetryState.METHOD;
import static nexus.monitoring.benchmarks.OpenTelemetryState.OUTCOME;
import static nexus.monitoring.benchmarks.OpenTelemetryState.REGION;
import static nexus.monitoring.benchmarks.OpenTelemetryState.STATUS;
import static nexus.monitoring.benchmarks.OpenTelemetryState.URI;
import static nexus.monitoring.benchmarks.Workload.LATENCY;
import static nexus.monitoring.benchmarks.Workload.LATENCY_BY_ROUTE;

import com.codahale.metrics.MetricRegistry;
import io.opentelemetry.api.common.Attributes;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Timer record where every call names the metric and its tags (two or five, literals at the call
 * site), the durations cycling through {@link Workload#LATENCY_NANOS}. The tracker is called
 * through its by-name convenience method {@code timing(name, Duration, tags...)}; the peers through
 * their own shortest way to do the same with a duration in nanoseconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public abstract class TimerByName {

  @Benchmark
  public void nexus2Tags(NexusState state, Samples samples) {
    state.tracker.timing(
        LATENCY, Duration.ofNanos(samples.nextNanos()), "method", "GET", "status", "200");
  }

  @Benchmark
  public void micrometer2Tags(MicrometerState state, Samples samples) {
    state
        .registry
        .timer(LATENCY, "method", "GET", "status", "200")
        .record(samples.nextNanos(), TimeUnit.NANOSECONDS);
  }

  @Benchmark
  public void prometheus2Tags(PrometheusClientState state, Samples samples) {
    state.latency.labelValues("GET", "200").observe(Unit.nanosToSeconds(samples.nextNanos()));
  }

  @Benchmark
  public void dropwizard2Tags(DropwizardState state, Samples samples) {
    state
        .registry
        .timer(MetricRegistry.name(LATENCY, "GET", "200"))
        .update(samples.nextNanos(), TimeUnit.NANOSECONDS);
  }

  @Benchmark
  public void openTelemetry2Tags(OpenTelemetryState state, Samples samples) {
    state.latency.record(
        Unit.nanosToSeconds(samples.nextNanos()), Attributes.of(METHOD, "GET", STATUS, "200"));
  }

  @Benchmark
  public void nexus5Tags(NexusState state, Samples samples) {
    state.tracker.timing(
        LATENCY_BY_ROUTE,
        Duration.ofNanos(samples.nextNanos()),
        "method",
        "GET",
        "status",
        "200",
        "uri",
        "/api/orders",
        "outcome",
        "SUCCESS",
        "region",
        "eu-1");
  }

  @Benchmark
  public void micrometer5Tags(MicrometerState state, Samples samples) {
    state
        .registry
        .timer(
            LATENCY_BY_ROUTE,
            "method",
            "GET",
            "status",
            "200",
            "uri",
            "/api/orders",
            "outcome",
            "SUCCESS",
            "region",
            "eu-1")
        .record(samples.nextNanos(), TimeUnit.NANOSECONDS);
  }

  @Benchmark
  public void prometheus5Tags(PrometheusClientState state, Samples samples) {
    state
        .latencyByRoute
        .labelValues("GET", "200", "/api/orders", "SUCCESS", "eu-1")
        .observe(Unit.nanosToSeconds(samples.nextNanos()));
  }

  @Benchmark
  public void dropwizard5Tags(DropwizardState state, Samples samples) {
    state
        .registry
        .timer(
            MetricRegistry.name(LATENCY_BY_ROUTE, "GET", "200", "/api/orders", "SUCCESS", "eu-1"))
        .update(samples.nextNanos(), TimeUnit.NANOSECONDS);
  }

  @Benchmark
  public void openTelemetry5Tags(OpenTelemetryState state, Samples samples) {
    state.latencyByRoute.record(
        Unit.nanosToSeconds(samples.nextNanos()),
        Attributes.of(
            METHOD, "GET", STATUS, "200", URI, "/api/orders", OUTCOME, "SUCCESS", REGION, "eu-1"));
  }

  /** One benchmark thread. */
  @Threads(1)
  public static class OneThread extends TimerByName {}

  /** Four benchmark threads on the same series. */
  @Threads(4)
  public static class FourThreads extends TimerByName {}
}
