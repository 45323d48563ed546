package nexus.monitoring.benchmarks;

import static nexus.monitoring.benchmarks.OpenTelemetryState.METHOD;
import static nexus.monitoring.benchmarks.OpenTelemetryState.OUTCOME;
import static nexus.monitoring.benchmarks.OpenTelemetryState.REGION;
import static nexus.monitoring.benchmarks.OpenTelemetryState.STATUS;
import static nexus.monitoring.benchmarks.OpenTelemetryState.URI;
import static nexus.monitoring.benchmarks.Workload.REQUESTS;
import static nexus.monitoring.benchmarks.Workload.REQUESTS_BY_ROUTE;

import com.codahale.metrics.MetricRegistry;
import io.opentelemetry.api.common.Attributes;
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
 * Counter increment by 1 where every call names the metric and its tags, as code that records
 * rarely writes it: the library finds (after the first call) the series. Tags are written as
 * literals at the call site, two or five of them. The series already exists.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public abstract class CounterByName {

  @Benchmark
  public void nexus2Tags(NexusState state) {
    state.tracker.increment(REQUESTS, "method", "GET", "status", "200");
  }

  @Benchmark
  public void micrometer2Tags(MicrometerState state) {
    state.registry.counter(REQUESTS, "method", "GET", "status", "200").increment();
  }

  @Benchmark
  public void prometheus2Tags(PrometheusClientState state) {
    state.requests.labelValues("GET", "200").inc();
  }

  @Benchmark
  public void dropwizard2Tags(DropwizardState state) {
    state.registry.counter(MetricRegistry.name(REQUESTS, "GET", "200")).inc();
  }

  @Benchmark
  public void openTelemetry2Tags(OpenTelemetryState state) {
    state.requests.add(1, Attributes.of(METHOD, "GET", STATUS, "200"));
  }

  @Benchmark
  public void nexus5Tags(NexusState state) {
    state.tracker.increment(
        REQUESTS_BY_ROUTE,
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
  public void micrometer5Tags(MicrometerState state) {
    state
        .registry
        .counter(
            REQUESTS_BY_ROUTE,
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
        .increment();
  }

  @Benchmark
  public void prometheus5Tags(PrometheusClientState state) {
    state.requestsByRoute.labelValues("GET", "200", "/api/orders", "SUCCESS", "eu-1").inc();
  }

  @Benchmark
  public void dropwizard5Tags(DropwizardState state) {
    state
        .registry
        .counter(
            MetricRegistry.name(REQUESTS_BY_ROUTE, "GET", "200", "/api/orders", "SUCCESS", "eu-1"))
        .inc();
  }

  @Benchmark
  public void openTelemetry5Tags(OpenTelemetryState state) {
    state.requestsByRoute.add(
        1,
        Attributes.of(
            METHOD, "GET", STATUS, "200", URI, "/api/orders", OUTCOME, "SUCCESS", REGION, "eu-1"));
  }

  /** One benchmark thread. */
  @Threads(1)
  public static class OneThread extends CounterByName {}

  /** Four benchmark threads on the same series. */
  @Threads(4)
  public static class FourThreads extends CounterByName {}
}
