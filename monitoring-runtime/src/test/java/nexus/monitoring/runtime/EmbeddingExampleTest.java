package nexus.monitoring.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import nexus.monitoring.api.AggregationFunction;
import nexus.monitoring.api.AggregationSpec;
import nexus.monitoring.api.Counter;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.api.Timer;
import nexus.monitoring.runtime.query.InMemoryMetricStorage;
import nexus.monitoring.runtime.query.QueryEngine;
import nexus.monitoring.runtime.telemetry.DefaultTelemetryTracker;
import org.junit.jupiter.api.Test;

/** README's "Record metrics in your application", kept working. */
final class EmbeddingExampleTest {
  @Test
  void readmeExample_recordsAndQueries() {
    DefaultTelemetryTracker tracker = DefaultTelemetryTracker.builder().build();
    Counter orders = tracker.counterOf("orders", "region", "eu");
    orders.increment();
    Timer checkout = tracker.timerOf("checkout.latency");
    String receipt = checkout.time(() -> "paid");
    tracker.increment("logins", "method", "sso");
    List<MetricSnapshot> now = tracker.snapshot();

    assertThat(receipt).isEqualTo("paid");
    assertThat(now)
        .extracting(MetricSnapshot::name)
        .contains("orders", "checkout.latency", "logins");
  }

  @Test
  void flushedSteps_answerQueriesInProcess() {
    Instant t = Instant.parse("2026-12-04T10:00:05Z");
    DefaultTelemetryTracker tracker =
        DefaultTelemetryTracker.builder().clock(Clock.fixed(t, ZoneOffset.UTC)).build();
    InMemoryMetricStorage storage = new InMemoryMetricStorage();
    tracker.counterOf("orders", "region", "eu").increment(5);

    storage.append(tracker.flush(Instant.parse("2026-12-04T10:00:10Z")));
    var result =
        new QueryEngine(storage)
            .query(
                QuerySpec.builder("orders").between(t.minusSeconds(60), t.plusSeconds(60)).build(),
                AggregationSpec.of(AggregationFunction.SUM));

    assertThat(result.series().get(0).points().get(0).value()).isEqualTo(5.0);
  }
}
