package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nexus.monitoring.api.Counter;
import nexus.monitoring.api.Exemplar;
import nexus.monitoring.api.Gauge;
import nexus.monitoring.api.Histogram;
import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.Metric;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.TenantContext;
import nexus.monitoring.api.Tenants;
import nexus.monitoring.api.Timer;
import nexus.monitoring.api.TraceContext;
import org.HdrHistogram.DoubleHistogram;
import org.junit.jupiter.api.Test;

final class DefaultTelemetryTrackerTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(10);
  private static final TraceContext TRACE =
      new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");

  private final MutableClock clock = new MutableClock(T0);
  private final DefaultTelemetryTracker tracker =
      DefaultTelemetryTracker.builder().clock(clock).step(STEP).build();

  private static Instant stepEnd(int n) {
    return T0.plus(STEP.multipliedBy(n));
  }

  private static MetricAggregate only(List<MetricAggregate> aggregates) {
    assertThat(aggregates).hasSize(1);
    return aggregates.get(0);
  }

  @Test
  void counterHandle_flush_reportsIncreaseCountExtremesAndRunningTotal() {
    Counter placed = tracker.counterOf("orders.placed", "channel", "web");

    placed.increment();
    placed.increment();
    placed.increment(2.5);
    MetricAggregate first = only(tracker.flush(stepEnd(1)));
    placed.increment();
    MetricAggregate second = only(tracker.flush(stepEnd(2)));

    assertThat(first)
        .isEqualTo(
            new MetricAggregate(
                "orders.placed",
                MetricType.COUNTER,
                List.of(MetricTag.of("channel", "web")),
                Tenants.DEFAULT,
                T0,
                STEP,
                3,
                4.5,
                8.25,
                1.0,
                2.5,
                4.5,
                null,
                null));
    assertThat(second.start()).isEqualTo(stepEnd(1));
    assertThat(second.count()).isEqualTo(1);
    assertThat(second.sum()).isEqualTo(1.0);
    assertThat(second.last()).isEqualTo(5.5);
  }

  @Test
  void seriesWithoutRecordingInAStep_isNotFlushed() {
    Counter idle = tracker.counterOf("jobs.done");
    Timer timer = tracker.timerOf("jobs.duration");

    assertThat(tracker.flush(stepEnd(1))).isEmpty();
    idle.increment();
    timer.recordNanos(5);
    assertThat(tracker.flush(stepEnd(2))).hasSize(2);
    assertThat(tracker.flush(stepEnd(3))).isEmpty();
  }

  @Test
  void byName_tagsInAnyOrder_recordIntoOneSeries() {
    tracker.increment("http.requests", "method", "GET", "status", "200");
    tracker.increment("http.requests", "status", "200", "method", "GET");
    tracker
        .counterOf(
            "http.requests", List.of(MetricTag.of("status", "200"), MetricTag.of("method", "GET")))
        .increment();
    tracker.increment("http.requests", 2, "method", "GET", "status", "200");

    MetricAggregate aggregate = only(tracker.flush(stepEnd(1)));

    assertThat(aggregate.tags())
        .containsExactly(MetricTag.of("method", "GET"), MetricTag.of("status", "200"));
    assertThat(aggregate.count()).isEqualTo(4);
    assertThat(aggregate.sum()).isEqualTo(5.0);
    assertThat(tracker.seriesCount()).isEqualTo(1);
  }

  @Test
  void byName_otherOrderCopiedStringsAndOtherKeys_fallBackToTheSeriesTheyName() {
    String[] created = {"method", "GET", "status", "200", "region", "eu-1"};
    tracker.increment("http.requests", created);
    tracker.increment("http.requests", "region", "eu-1", "method", "GET", "status", "200");
    tracker.increment(
        "http.requests",
        new String("method"),
        "GET",
        "status",
        new String("200"),
        "region",
        "eu-1");
    tracker.increment("http.requests", created);
    tracker.increment("http.requests", "verb", "GET", "status", "200", "region", "eu-1");
    tracker.increment("http.requests", "method", "GET", "status", "200");

    List<MetricAggregate> aggregates = tracker.flush(stepEnd(1));

    assertThat(aggregates)
        .extracting(a -> a.tags().toString() + "=" + a.sum())
        .containsExactlyInAnyOrder(
            "[MetricTag[key=method, value=GET], MetricTag[key=region, value=eu-1],"
                + " MetricTag[key=status, value=200]]=4.0",
            "[MetricTag[key=region, value=eu-1], MetricTag[key=status, value=200],"
                + " MetricTag[key=verb, value=GET]]=1.0",
            "[MetricTag[key=method, value=GET], MetricTag[key=status, value=200]]=1.0");
    assertThat(tracker.seriesCount()).isEqualTo(3);
  }

  @Test
  void byName_aTypeConflictIsFoundInTheCreatingOrderToo() {
    tracker.increment("jobs", "queue", "mail");

    assertThatThrownBy(() -> tracker.gauge("jobs", 1, "queue", "mail"))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageContaining("metric 'jobs' is a COUNTER");
  }

  @Test
  void gauge_flush_reportsTheSetsOfTheStep_thenTheHeldValueOnce() {
    Gauge depth = tracker.gaugeOf("queue.depth", "queue", "mail");

    depth.set(3);
    depth.set(-1);
    depth.set(7);
    MetricAggregate withSets = only(tracker.flush(stepEnd(1)));
    MetricAggregate held = only(tracker.flush(stepEnd(2)));

    assertThat(withSets.count()).isEqualTo(3);
    assertThat(withSets.sum()).isEqualTo(9.0);
    assertThat(withSets.sumOfSquares()).isEqualTo(59.0);
    assertThat(withSets.min()).isEqualTo(-1.0);
    assertThat(withSets.max()).isEqualTo(7.0);
    assertThat(withSets.last()).isEqualTo(7.0);
    assertThat(held.count()).isEqualTo(1);
    assertThat(held.sum()).isEqualTo(7.0);
    assertThat(held.min()).isEqualTo(7.0);
    assertThat(held.max()).isEqualTo(7.0);
    assertThat(held.last()).isEqualTo(7.0);
  }

  @Test
  void gaugeNeverSet_isNeitherFlushedNorSnapshotted() {
    tracker.gaugeOf("queue.depth");

    assertThat(tracker.flush(stepEnd(1))).isEmpty();
    assertThat(tracker.snapshot()).isEmpty();
  }

  @Test
  void timer_flush_reportsSecondsAndTheStepSketch() {
    Timer latency = tracker.timerOf("http.server.duration", "route", "/orders");

    latency.recordNanos(500_000_000);
    latency.record(Duration.ofMillis(250));
    tracker.timing("http.server.duration", Duration.ofSeconds(1), "route", "/orders");
    MetricAggregate aggregate = only(tracker.flush(stepEnd(1)));

    assertThat(aggregate.type()).isEqualTo(MetricType.TIMING);
    assertThat(aggregate.count()).isEqualTo(3);
    assertThat(aggregate.sum()).isEqualTo(1.75);
    assertThat(aggregate.sumOfSquares()).isEqualTo(1.3125);
    assertThat(aggregate.min()).isEqualTo(0.25);
    assertThat(aggregate.max()).isEqualTo(1.0);
    assertThat(aggregate.last()).isNaN();
    DoubleHistogram sketch = Sketches.decode(aggregate.sketch());
    assertThat(sketch.getTotalCount()).isEqualTo(3);
    assertThat(sketch.getValueAtPercentile(50))
        .isCloseTo(0.5, within(0.5 * Sketches.RELATIVE_ERROR));
  }

  @Test
  void histogram_eachStepSketchHoldsOnlyThatStep() {
    Histogram sizes = tracker.histogramOf("upload.size.bytes");

    for (double v : new double[] {1, 2, 4, 8}) {
      sizes.record(v);
    }
    MetricAggregate first = only(tracker.flush(stepEnd(1)));
    tracker.histogram("upload.size.bytes", 1000);
    MetricAggregate second = only(tracker.flush(stepEnd(2)));

    assertThat(first.count()).isEqualTo(4);
    assertThat(first.sum()).isEqualTo(15.0);
    assertThat(first.sumOfSquares()).isEqualTo(85.0);
    assertThat(first.min()).isEqualTo(1.0);
    assertThat(first.max()).isEqualTo(8.0);
    assertThat(Sketches.decode(first.sketch()).getMaxValue()).isCloseTo(8.0, within(0.08));
    assertThat(Sketches.decode(second.sketch()).getTotalCount()).isEqualTo(1);
    assertThat(second.min()).isEqualTo(1000.0);
  }

  @Test
  void aNameKeepsItsFirstType_anotherTypeThrowsNamingBoth() {
    tracker.increment("jobs");
    String expected =
        "metric 'jobs' is a COUNTER; it cannot also be recorded as a GAUGE (a name keeps the type"
            + " it was first recorded with)";

    assertThatThrownBy(() -> tracker.gauge("jobs", 1))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(expected);
    assertThatThrownBy(() -> tracker.gaugeOf("jobs", "queue", "new-tags"))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(expected);
    assertThatThrownBy(() -> tracker.timerOf("jobs"))
        .hasMessageContaining("is a COUNTER; it cannot also be recorded as a TIMING");
  }

  @Test
  void invalidInput_throwsNamingMetricAndValue_andRecordsNothing() {
    assertThatThrownBy(() -> tracker.increment("orders", -1.0))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "counter 'orders' increment -1.0 is invalid; expected a finite number, zero or more");
    assertThatThrownBy(() -> tracker.counterOf("orders").increment(Double.NaN))
        .hasMessage(
            "counter 'orders' increment NaN is invalid; expected a finite number, zero or more");
    assertThatThrownBy(() -> tracker.gauge("depth", Double.POSITIVE_INFINITY))
        .hasMessage("gauge 'depth' value Infinity is invalid; expected a finite number");
    assertThatThrownBy(() -> tracker.timerOf("latency").recordNanos(-5))
        .hasMessage("timing 'latency' duration -5 ns is invalid; expected zero or more");
    assertThatThrownBy(() -> tracker.timing("latency", Duration.ofSeconds(-1)))
        .hasMessage("timing 'latency' duration PT-1S is invalid; expected zero or positive");
    assertThatThrownBy(() -> tracker.histogram("size", -2))
        .hasMessage(
            "histogram 'size' value -2.0 is invalid; expected a finite number, zero or more");
    assertThatThrownBy(() -> tracker.increment("orders", "method"))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageContaining("have 1 strings; expected alternating keys and values");
    assertThatThrownBy(() -> tracker.increment("orders", "method", "GET", "method", "PUT"))
        .hasMessage("tag key 'method' appears twice, with values 'GET' and 'PUT'");
    assertThatThrownBy(() -> tracker.increment("9lives"))
        .hasMessageStartingWith("metric name '9lives' is invalid");
    assertThatThrownBy(() -> tracker.increment("orders", "method", null))
        .hasMessage("tag 'method' has a null value");

    List<MetricAggregate> flushed = tracker.flush(stepEnd(1));

    assertThat(flushed).isEmpty();
  }

  @Test
  void everySeriesCarriesTheTenantCurrentWhenItWasResolved() {
    TenantContext tenants = tracker.tenantContext();
    Counter acmeOrders = tenants.callAs("acme", () -> tracker.counterOf("orders"));

    acmeOrders.increment();
    tenants.runAs("globex", () -> tracker.increment("orders"));
    tracker.increment("orders");
    List<MetricAggregate> flushed = tracker.flush(stepEnd(1));

    assertThat(flushed)
        .extracting(MetricAggregate::tenant)
        .containsExactlyInAnyOrder("acme", "globex", Tenants.DEFAULT);
    assertThat(flushed).allSatisfy(a -> assertThat(a.tags()).isEmpty());
  }

  @Test
  void tracedRecording_isTheExemplarOfItsStepAndOfTheSnapshot() {
    CurrentTrace traces = new CurrentTrace();
    DefaultTelemetryTracker traced =
        DefaultTelemetryTracker.builder().clock(clock).traceContext(traces).build();
    Counter orders = traced.counterOf("orders");

    traces.runIn(TRACE, () -> orders.increment(2));
    orders.increment();
    MetricAggregate first = only(traced.flush(stepEnd(1)));
    orders.increment();
    MetricAggregate second = only(traced.flush(stepEnd(2)));

    Exemplar expected = new Exemplar(2.0, TRACE, T0);
    assertThat(first.exemplar()).isEqualTo(expected);
    assertThat(second.exemplar()).isNull();
    assertThat(traced.snapshot().get(0).exemplar()).isEqualTo(expected);
  }

  @Test
  void tracedTiming_exemplarIsInSeconds() {
    CurrentTrace traces = new CurrentTrace();
    DefaultTelemetryTracker traced =
        DefaultTelemetryTracker.builder().clock(clock).traceContext(traces).build();

    traces.runIn(TRACE, () -> traced.timing("checkout", Duration.ofMillis(1500)));

    assertThat(only(traced.flush(stepEnd(1))).exemplar()).isEqualTo(new Exemplar(1.5, TRACE, T0));
  }

  @Test
  void record_keepsTheSampleTenant_andItsTraceBecomesTheExemplar() {
    Instant observed = T0.plusSeconds(3);
    Metric sample =
        Metric.builder("payments.latency", MetricType.TIMING)
            .value(0.125)
            .tag("provider", "visa")
            .tenant("acme")
            .timestamp(observed)
            .trace(TRACE)
            .build();

    tracker.record(sample);
    MetricAggregate aggregate = only(tracker.flush(stepEnd(1)));

    assertThat(aggregate.tenant()).isEqualTo("acme");
    assertThat(aggregate.tags()).containsExactly(MetricTag.of("provider", "visa"));
    assertThat(aggregate.count()).isEqualTo(1);
    assertThat(aggregate.sum()).isEqualTo(0.125);
    assertThat(aggregate.exemplar()).isEqualTo(new Exemplar(0.125, TRACE, observed));
  }

  @Test
  void recordStored_showsInTheSnapshot_butNeverInAFlush() {
    tracker.increment("orders");
    tracker.recordStored(Metric.builder("orders", MetricType.COUNTER).value(5).build());
    tracker.recordStored(Metric.builder("depth", MetricType.GAUGE).value(4).build());
    tracker.recordStored(Metric.builder("latency", MetricType.TIMING).value(0.5).build());

    Map<String, MetricSnapshot> byName = byName(tracker.snapshot());
    MetricAggregate flushed = only(tracker.flush(stepEnd(1)));

    assertThat(byName.get("orders").value()).isEqualTo(6.0);
    assertThat(byName.get("depth").value()).isEqualTo(4.0);
    assertThat(byName.get("latency").distribution().count()).isEqualTo(1);
    assertThat(byName.get("latency").distribution().sum()).isEqualTo(0.5);
    assertThat(flushed.name()).isEqualTo("orders");
    assertThat(flushed.sum()).isEqualTo(1.0);
    assertThat(flushed.last()).isEqualTo(1.0);
    assertThat(tracker.flush(stepEnd(2))).isEmpty();
  }

  @Test
  void snapshot_ordersByNameTenantAndTags_withDescriptionAndUnit() {
    tracker.describe("b.size", "Sizes of things", "bytes");
    tracker.histogram("b.size", 3, "kind", "z");
    tracker.histogram("b.size", 4, "kind", "a");
    tracker.tenantContext().runAs("acme", () -> tracker.histogram("b.size", 5, "kind", "a"));
    tracker.gauge("a.depth", 2);
    tracker.timing("c.latency", Duration.ofMillis(10));

    List<MetricSnapshot> snapshot = tracker.snapshot();

    assertThat(snapshot)
        .extracting(s -> s.name() + " " + s.tenant() + " " + s.tags())
        .containsExactly(
            "a.depth default []",
            "b.size acme [MetricTag[key=kind, value=a]]",
            "b.size default [MetricTag[key=kind, value=a]]",
            "b.size default [MetricTag[key=kind, value=z]]",
            "c.latency default []");
    assertThat(snapshot.get(1).description()).isEqualTo("Sizes of things");
    assertThat(snapshot.get(1).unit()).isEqualTo("bytes");
    assertThat(snapshot.get(4).unit()).isEqualTo("seconds");
    assertThat(snapshot.get(0).unit()).isEmpty();
  }

  @Test
  void snapshot_afterASeriesIsAdded_showsItInItsPlace() {
    tracker.increment("jobs", "queue", "c");
    tracker.increment("jobs", "queue", "a");
    List<MetricSnapshot> before = tracker.snapshot();

    tracker.increment("jobs", "queue", "b");
    List<MetricSnapshot> after = tracker.snapshot();

    assertThat(before).extracting(s -> s.tags().get(0).value()).containsExactly("a", "c");
    assertThat(after).extracting(s -> s.tags().get(0).value()).containsExactly("a", "b", "c");
    assertThat(tracker.snapshot()).isEqualTo(after);
  }

  @Test
  void snapshot_distributionHasQuantilesOfEveryObservationSinceCreation() {
    Histogram values = tracker.histogramOf("values");
    for (int i = 1; i <= 50; i++) {
      values.record(i);
    }
    tracker.flush(stepEnd(1));
    for (int i = 51; i <= 100; i++) {
      values.record(i);
    }

    MetricSnapshot.Distribution distribution = tracker.snapshot().get(0).distribution();

    assertThat(tracker.snapshot().get(0).value()).isNaN();
    assertThat(distribution.count()).isEqualTo(100);
    assertThat(distribution.sum()).isEqualTo(5050.0);
    assertThat(distribution.min()).isEqualTo(1.0);
    assertThat(distribution.max()).isEqualTo(100.0);
    assertThat(distribution.quantiles()).containsOnlyKeys(0.5, 0.9, 0.95, 0.99);
    assertThat(distribution.quantiles().get(0.5)).isCloseTo(50.0, within(0.5));
    assertThat(distribution.quantiles().get(0.99)).isCloseTo(99.0, within(0.99));
    // The snapshot harvested the second half; the next flush still reports it, once.
    assertThat(only(tracker.flush(stepEnd(2))).count()).isEqualTo(50);
  }

  @Test
  void adjustGauge_addsToTheCurrentValue() {
    tracker.adjustGauge(Metric.builder("connections", MetricType.GAUGE).value(5).build());
    tracker.adjustGauge(Metric.builder("connections", MetricType.GAUGE).value(-2).build());

    MetricAggregate aggregate = only(tracker.flush(stepEnd(1)));

    assertThat(aggregate.last()).isEqualTo(3.0);
    assertThat(aggregate.count()).isEqualTo(2);
    assertThat(aggregate.min()).isEqualTo(3.0);
    assertThat(aggregate.max()).isEqualTo(5.0);
    assertThatThrownBy(
            () ->
                tracker.adjustGauge(Metric.builder("orders", MetricType.COUNTER).value(1).build()))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("a gauge adjustment of 'orders' must be a GAUGE sample, but it is a COUNTER");
  }

  @Test
  void admit_givesTheSampleAsTheGuardAdmitsIt() {
    DefaultTelemetryTracker limited =
        DefaultTelemetryTracker.builder()
            .clock(clock)
            .cardinalityGuard(new DefaultCardinalityGuard(new InMemoryCardinalityStorage(), 1, 100))
            .build();
    Metric first = Metric.builder("logins", MetricType.COUNTER).value(1).tag("user", "a").build();
    Metric second = Metric.builder("logins", MetricType.COUNTER).value(1).tag("user", "b").build();

    Metric admittedFirst = limited.admit(first);
    Metric admittedSecond = limited.admit(second);

    assertThat(admittedFirst).isSameAs(first);
    assertThat(admittedSecond.tags())
        .isEqualTo(nexus.monitoring.api.CardinalityGuard.OVERFLOW_TAGS);
    assertThat(admittedSecond.value()).isEqualTo(1.0);
    assertThat(limited.cardinalityGuard().overflowCount(Tenants.DEFAULT, "logins")).isEqualTo(1);
    assertThatThrownBy(
            () -> limited.admit(Metric.builder("logins", MetricType.GAUGE).value(1).build()))
        .hasMessageContaining("is a COUNTER; it cannot also be recorded as a GAUGE");
  }

  @Test
  void flush_ofAStepStartingBeforeTheEpoch_isRefused() {
    assertThatThrownBy(() -> tracker.flush(Instant.EPOCH.plusSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("flush step end 1970-01-01T00:00:05Z is less than one step (PT10S) after 1970");
  }

  @Test
  void builder_refusesAnIdleTimeToLiveShorterThanTheStep() {
    assertThatThrownBy(
            () ->
                DefaultTelemetryTracker.builder()
                    .step(Duration.ofMinutes(1))
                    .idleTimeToLive(Duration.ofSeconds(30))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idle time-to-live PT30S is shorter than the step PT1M");
    assertThatThrownBy(() -> DefaultTelemetryTracker.builder().step(Duration.ZERO))
        .hasMessage("step PT0S is invalid; expected positive");
  }

  @Test
  void defaults_areTenSecondStepsAndFiveMinuteIdleTimeToLive() {
    DefaultTelemetryTracker defaults = DefaultTelemetryTracker.builder().build();

    assertThat(defaults.step()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.idleTimeToLive()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.tenantContext().currentTenant()).isEqualTo(Tenants.DEFAULT);
  }

  private static Map<String, MetricSnapshot> byName(List<MetricSnapshot> snapshots) {
    java.util.HashMap<String, MetricSnapshot> result = new java.util.HashMap<>();
    snapshots.forEach(s -> result.put(s.name(), s));
    return result;
  }
}
