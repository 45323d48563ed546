package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TelemetryTrackerTest {

  private final RecordingTracker tracker = new RecordingTracker();

  @Test
  void increment_tagPairs_resolvedToSortedTagsAndOne() {
    tracker.increment("http.requests", "status", "200", "method", "GET");

    assertThat(tracker.lines)
        .containsExactly("counter http.requests [method=GET, status=200] +1.0");
  }

  @Test
  void increment_amount_passedThrough() {
    tracker.increment("bytes.sent", 512.0);

    assertThat(tracker.lines).containsExactly("counter bytes.sent [] +512.0");
  }

  @Test
  void gauge_timingAndHistogram_reachTheirHandles() {
    tracker.gauge("queue.depth", -3, "queue", "orders");
    tracker.timing("db.query", Duration.ofMillis(2));
    tracker.histogram("payload.size", 1024, "route", "/upload");

    assertThat(tracker.lines)
        .containsExactly(
            "gauge queue.depth [queue=orders] =-3.0",
            "timer db.query [] 2000000ns",
            "histogram payload.size [route=/upload] 1024.0");
  }

  @Test
  void increment_oddTagCount_rejectedBeforeRecording() {
    assertThatThrownBy(() -> tracker.increment("http.requests", "method"))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "tag pairs [method] have 1 strings; expected alternating keys and values, an even"
                + " number");
    assertThat(tracker.lines).isEmpty();
  }

  @Test
  void handleOf_tagPairs_sameAsTagList() {
    tracker.counterOf("c", "a", "1").increment();
    tracker.counterOf("c", List.of(MetricTag.of("a", "1"))).increment();

    assertThat(tracker.lines).containsExactly("counter c [a=1] +1.0", "counter c [a=1] +1.0");
  }

  @Test
  void timerRecord_negativeDuration_rejected() {
    Timer timer = tracker.timerOf("db.query");

    assertThatThrownBy(() -> timer.record(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("timing duration PT-1S is invalid; expected zero or positive");
    assertThat(tracker.lines).isEmpty();
  }

  @Test
  void timerRecord_durationBeyondLongNanos_saturates() {
    tracker.timerOf("t").record(Duration.ofDays(200_000));

    assertThat(tracker.lines).containsExactly("timer t [] " + Long.MAX_VALUE + "ns");
  }

  @Test
  void timerTime_supplier_returnsResultAndRecordsOnce() {
    String result = tracker.timerOf("t").time(() -> "done");

    assertThat(result).isEqualTo("done");
    assertThat(tracker.lines).singleElement().asString().startsWith("timer t [] ");
  }

  @Test
  void whenTimedActionThrows_durationStillRecordedAndExceptionPropagates() {
    Timer timer = tracker.timerOf("t");
    IllegalStateException failure = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                timer.time(
                    (Runnable)
                        () -> {
                          throw failure;
                        }))
        .isSameAs(failure);
    assertThat(tracker.lines).hasSize(1);
  }

  @Test
  void counterIncrement_noArgument_addsOne() {
    Counter counter = tracker.counterOf("c");

    counter.increment();

    assertThat(tracker.lines).containsExactly("counter c [] +1.0");
  }
}
