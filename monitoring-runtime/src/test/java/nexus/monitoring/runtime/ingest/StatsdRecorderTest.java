package nexus.monitoring.runtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.Metric;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import org.junit.jupiter.api.Test;

final class StatsdRecorderTest {
  private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
  private static final List<MetricTag> ENV = List.of(MetricTag.of("env", "prod"));

  private final List<Metric> recorded = new ArrayList<>();
  private final MutableClock clock = new MutableClock(AT);
  private final StatsdRecorder recorder =
      new StatsdRecorder("acme", recorded::add, clock, Duration.ofSeconds(10), 100, 100);

  private List<Double> values() {
    return recorded.stream().map(Metric::value).toList();
  }

  @Test
  void counter_becomesCounterMetricOfTenant() {
    recorder.counter("hits", ENV, 10, AT);

    assertThat(recorded)
        .containsExactly(new Metric("hits", MetricType.COUNTER, 10, ENV, AT, "acme", null));
  }

  @Test
  void gauge_becomesGaugeMetric() {
    recorder.gauge("fuel", ENV, 0.5, AT);

    assertThat(recorded)
        .containsExactly(new Metric("fuel", MetricType.GAUGE, 0.5, ENV, AT, "acme", null));
  }

  @Test
  void gaugeDelta_addsToLastValue() {
    recorder.gauge("pool", ENV, 5, AT);
    recorder.gaugeDelta("pool", ENV, 3, AT);
    recorder.gaugeDelta("pool", ENV, -2, AT);

    assertThat(values()).containsExactly(5.0, 8.0, 6.0);
    assertThat(recorded).extracting(Metric::type).containsOnly(MetricType.GAUGE);
  }

  @Test
  void gaugeDelta_withoutKnownValue_startsFromZero() {
    recorder.gaugeDelta("temperature", ENV, -5, AT);

    assertThat(values()).containsExactly(-5.0);
  }

  @Test
  void gaugeDelta_otherTagSet_isOtherGauge() {
    recorder.gauge("pool", ENV, 5, AT);
    recorder.gaugeDelta("pool", List.of(MetricTag.of("env", "dev")), 1, AT);

    assertThat(values()).containsExactly(5.0, 1.0);
  }

  @Test
  void gaugeDelta_ofForgottenGauge_startsFromZeroAgain() {
    StatsdRecorder small =
        new StatsdRecorder("acme", recorded::add, clock, Duration.ofSeconds(10), 2, 100);

    small.gauge("a", List.of(), 10, AT);
    small.gauge("b", List.of(), 20, AT);
    small.gauge("c", List.of(), 30, AT);
    small.gaugeDelta("a", List.of(), 1, AT);

    assertThat(values()).containsExactly(10.0, 20.0, 30.0, 1.0);
  }

  @Test
  void whenTargetThrows_gaugeStateIsUnchanged() {
    List<Metric> kept = new ArrayList<>();
    boolean[] fail = {false};
    StatsdRecorder failing =
        new StatsdRecorder(
            "acme",
            metric -> {
              if (fail[0]) {
                throw new InvalidMetricException("metric 'pool' is already a COUNTER");
              }
              kept.add(metric);
            },
            clock,
            Duration.ofSeconds(10),
            100,
            100);

    failing.gauge("pool", List.of(), 5, AT);
    fail[0] = true;
    assertThatThrownBy(() -> failing.gaugeDelta("pool", List.of(), 100, AT))
        .isInstanceOf(InvalidMetricException.class);
    fail[0] = false;
    failing.gaugeDelta("pool", List.of(), 1, AT);

    assertThat(kept).extracting(Metric::value).containsExactly(5.0, 6.0);
  }

  @Test
  void timing_isRecordedInverseSampleRateTimes() {
    recorder.timing("db.query", ENV, 0.32, 0.25, AT);

    assertThat(recorded)
        .hasSize(4)
        .containsOnly(new Metric("db.query", MetricType.TIMING, 0.32, ENV, AT, "acme", null));
  }

  @Test
  void histogram_isRecordedInverseSampleRateTimes() {
    recorder.histogram("payload", ENV, 512, 0.5, AT);

    assertThat(recorded)
        .hasSize(2)
        .containsOnly(new Metric("payload", MetricType.HISTOGRAM, 512, ENV, AT, "acme", null));
  }

  @Test
  void weight_roundsAndIsCapped() {
    assertThat(StatsdRecorder.weight(1)).isEqualTo(1);
    assertThat(StatsdRecorder.weight(0.3)).isEqualTo(3);
    assertThat(StatsdRecorder.weight(0.001)).isEqualTo(1000);
    assertThat(StatsdRecorder.weight(0.000_001)).isEqualTo(StatsdRecorder.MAX_WEIGHT);
  }

  @Test
  void set_countsDistinctMembersAsGauge() {
    recorder.set("users", ENV, "alice", AT);
    recorder.set("users", ENV, "bob", AT);
    recorder.set("users", ENV, "alice", AT);
    recorder.set("users", ENV, "carol", AT);

    assertThat(values()).containsExactly(1.0, 2.0, 3.0);
    assertThat(recorded).extracting(Metric::type).containsOnly(MetricType.GAUGE);
  }

  @Test
  void set_tagSetsAreCountedApart() {
    recorder.set("users", ENV, "alice", AT);
    recorder.set("users", List.of(), "alice", AT);

    assertThat(values()).containsExactly(1.0, 1.0);
  }

  @Test
  void set_countStartsAgainInNextWindow() {
    recorder.set("users", ENV, "alice", AT);
    recorder.set("users", ENV, "bob", AT);
    clock.advance(Duration.ofSeconds(10));
    recorder.set("users", ENV, "alice", AT);

    assertThat(values()).containsExactly(1.0, 2.0, 1.0);
  }

  @Test
  void set_overMemberLimit_stopsCountingUntilNextWindow() {
    StatsdRecorder small =
        new StatsdRecorder("acme", recorded::add, clock, Duration.ofSeconds(10), 100, 2);

    small.set("users", ENV, "a", AT);
    small.set("visits", ENV, "b", AT);
    small.set("users", ENV, "c", AT);
    small.set("users", ENV, "a", AT);
    clock.advance(Duration.ofSeconds(10));
    small.set("users", ENV, "c", AT);

    assertThat(values()).containsExactly(1.0, 1.0, 1.0);
    assertThat(small.setMembersNotCounted()).isEqualTo(1);
  }

  @Test
  void hash64_separatesCloseTexts() {
    assertThat(StatsdRecorder.hash64("user-1")).isNotEqualTo(StatsdRecorder.hash64("user-2"));
    assertThat(StatsdRecorder.hash64("ab")).isNotEqualTo(StatsdRecorder.hash64("ba"));
    assertThat(StatsdRecorder.hash64("x")).isEqualTo(StatsdRecorder.hash64("x"));
  }

  @Test
  void invalidTenant_isRefused() {
    assertThatThrownBy(() -> new StatsdRecorder("not valid", recorded::add))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageStartingWith("tenant 'not valid' is invalid");
  }

  @Test
  void nonPositiveLimits_areRefused() {
    assertThatThrownBy(() -> new StatsdRecorder("acme", recorded::add, clock, Duration.ZERO, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "StatsD recorder limits must be positive; got set window PT0S, max gauges 1, max set"
                + " members 1");
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
