package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import nexus.monitoring.api.Counter;
import nexus.monitoring.api.Histogram;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricType;
import org.junit.jupiter.api.Test;

/**
 * Statistical checks with fixed seeds: each bound is several standard deviations wide, so the
 * outcome is decided by the seed, not by luck.
 */
final class SamplingStrategyTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void probabilistic_keepsAboutRateOfSamples_andScalesThemBack() {
    ProbabilisticSamplingStrategy strategy = new ProbabilisticSamplingStrategy(0.1, 42);

    int kept = 0;
    for (int i = 0; i < 100_000; i++) {
      if (strategy.shouldRecord("requests", MetricType.COUNTER, List.of())) {
        kept++;
      }
    }
    double estimate = kept * strategy.scaleFactor("requests", MetricType.COUNTER);

    // 10,000 expected, standard deviation about 95.
    assertThat(kept).isBetween(9_500, 10_500);
    assertThat(estimate).isBetween(95_000.0, 105_000.0);
  }

  @Test
  void probabilistic_neverSamplesGauges() {
    ProbabilisticSamplingStrategy strategy = new ProbabilisticSamplingStrategy(0.001, 1);

    for (int i = 0; i < 1_000; i++) {
      assertThat(strategy.shouldRecord("depth", MetricType.GAUGE, List.of())).isTrue();
    }
    assertThat(strategy.scaleFactor("depth", MetricType.GAUGE)).isEqualTo(1.0);
  }

  @Test
  void probabilistic_refusesARateOutsideZeroToOne() {
    assertThatThrownBy(() -> new ProbabilisticSamplingStrategy(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sampling rate 0.0 is invalid; expected a probability in (0, 1]");
    assertThatThrownBy(() -> new ProbabilisticSamplingStrategy(1.5))
        .hasMessage("sampling rate 1.5 is invalid; expected a probability in (0, 1]");
  }

  @Test
  void sampledCountersAndDistributions_estimateTheTrueTotals() {
    DefaultTelemetryTracker tracker =
        DefaultTelemetryTracker.builder()
            .clock(new MutableClock(T0))
            .sampling(new ProbabilisticSamplingStrategy(0.25, 7))
            .build();
    Counter requests = tracker.counterOf("requests");
    Histogram sizes = tracker.histogramOf("sizes");

    for (int i = 0; i < 100_000; i++) {
      requests.increment();
      sizes.record(2);
    }
    tracker.gauge("depth", 5); // never sampled
    List<MetricAggregate> flushed = tracker.flush(T0.plusSeconds(10));

    MetricAggregate counted = named(flushed, "requests");
    MetricAggregate observed = named(flushed, "sizes");
    // 25,000 kept expected (standard deviation about 137), each counting 4.
    assertThat(counted.sum()).isBetween(97_000.0, 103_000.0);
    assertThat(counted.count()).isEqualTo((long) counted.sum());
    assertThat(counted.sum() % 4).isZero();
    assertThat(observed.count()).isBetween(97_000L, 103_000L);
    assertThat(observed.sum()).isEqualTo(2.0 * observed.count());
    assertThat(observed.min()).isEqualTo(2.0);
    assertThat(named(flushed, "depth").count()).isEqualTo(1);
  }

  @Test
  void rateLimited_keepsAboutTheLimitPerSecond_andItsScaledTotalEstimatesTheTruth() {
    AtomicLong nanos = new AtomicLong();
    Random random = new Random(3);
    RateLimitedSamplingStrategy strategy =
        new RateLimitedSamplingStrategy(1_000, nanos::get, random::nextDouble);

    int[] keptPerSecond = new int[10];
    double estimate = 0;
    for (int i = 0; i < 100_000; i++) { // 10,000 per second for 10 seconds
      if (strategy.shouldRecord("requests", MetricType.COUNTER, List.of())) {
        keptPerSecond[i / 10_000]++;
        estimate += strategy.scaleFactor("requests", MetricType.COUNTER);
      }
      nanos.addAndGet(100_000);
    }

    assertThat(keptPerSecond[0]).isEqualTo(10_000); // the first second is kept whole
    for (int second = 1; second < 10; second++) {
      assertThat(keptPerSecond[second]).isBetween(880, 1_120);
    }
    assertThat(estimate).isBetween(97_000.0, 103_000.0);
  }

  @Test
  void rateLimited_keepsEverythingOfAMetricUnderTheLimit_andTracksMetricsApart() {
    AtomicLong nanos = new AtomicLong();
    RateLimitedSamplingStrategy strategy =
        new RateLimitedSamplingStrategy(1_000, nanos::get, new Random(5)::nextDouble);

    int quietKept = 0;
    for (int i = 0; i < 50_000; i++) { // "busy" 10,000/s, "quiet" 100/s, for 5 seconds
      strategy.shouldRecord("busy", MetricType.TIMING, List.of());
      if (i % 100 == 0 && strategy.shouldRecord("quiet", MetricType.TIMING, List.of())) {
        quietKept++;
      }
      nanos.addAndGet(100_000);
    }

    assertThat(quietKept).isEqualTo(500);
    assertThat(strategy.scaleFactor("quiet", MetricType.TIMING)).isEqualTo(1.0);
    assertThat(strategy.scaleFactor("busy", MetricType.TIMING)).isEqualTo(10.0);
    assertThat(strategy.shouldRecord("depth", MetricType.GAUGE, List.of())).isTrue();
    assertThat(strategy.scaleFactor("depth", MetricType.GAUGE)).isEqualTo(1.0);
  }

  @Test
  void rateLimited_refusesANonPositiveLimit() {
    assertThatThrownBy(() -> new RateLimitedSamplingStrategy(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("samples per second 0.0 is invalid; expected a positive number");
  }

  private static MetricAggregate named(List<MetricAggregate> aggregates, String name) {
    return aggregates.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }
}
