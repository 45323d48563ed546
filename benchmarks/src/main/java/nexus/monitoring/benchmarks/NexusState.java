package nexus.monitoring.benchmarks;

import nexus.monitoring.api.Counter;
import nexus.monitoring.api.Histogram;
import nexus.monitoring.api.TelemetryTracker;
import nexus.monitoring.api.Timer;
import nexus.monitoring.runtime.telemetry.DefaultTelemetryTracker;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The runtime's tracker as an embedding application gets it: every default (no sampling, no trace
 * context supplier, the default cardinality guard), held as the API's {@link TelemetryTracker}.
 * Nothing flushes during a benchmark, as with the peers, which are not scraped either.
 */
@State(Scope.Benchmark)
public class NexusState {
  TelemetryTracker tracker;
  Counter counter;
  Timer timer;
  Histogram histogram;

  @Setup
  public void setUp() {
    tracker = DefaultTelemetryTracker.builder().build();
    counter = tracker.counterOf(Workload.REQUESTS, Workload.TAGS_2);
    timer = tracker.timerOf(Workload.LATENCY, Workload.TAGS_2);
    histogram = tracker.histogramOf(Workload.PAYLOAD, Workload.TAGS_2);
  }
}
