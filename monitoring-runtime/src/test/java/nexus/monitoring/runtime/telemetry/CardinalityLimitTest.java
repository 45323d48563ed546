package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import nexus.monitoring.api.CardinalityGuard;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.Tenants;
import org.junit.jupiter.api.Test;

/** The guard applied by the tracker: bounded series, exact totals, the overflow counted. */
final class CardinalityLimitTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private final InMemoryCardinalityStorage storage = new InMemoryCardinalityStorage();
  private final DefaultCardinalityGuard guard =
      new DefaultCardinalityGuard(storage, 1_000, 1_000_000, new RecordingLogger());
  private final DefaultTelemetryTracker tracker =
      DefaultTelemetryTracker.builder().clock(new MutableClock(T0)).cardinalityGuard(guard).build();

  @Test
  void tenThousandTagSetsUnderALimitOfOneThousand_keepMemoryBoundedAndTheTotalExact() {
    for (int user = 0; user < 10_000; user++) {
      tracker.increment("logins", "user", "u-" + user);
    }
    for (int user = 0; user < 10_000; user++) {
      tracker.counterOf("logins", "user", "u-" + user).increment(); // again, through handles
    }

    List<MetricSnapshot> logins = series(tracker.snapshot(), "logins");
    List<MetricAggregate> flushed = tracker.flush(T0.plusSeconds(10));
    List<MetricAggregate> loginSteps =
        flushed.stream().filter(a -> a.name().equals("logins")).toList();
    MetricAggregate overflow =
        loginSteps.stream()
            .filter(a -> CardinalityGuard.isOverflow(a.tags()))
            .findFirst()
            .orElseThrow();

    assertThat(logins).hasSize(1_000 + 1);
    assertThat(storage.seriesCount(Tenants.DEFAULT, "logins")).isEqualTo(1_000);
    assertThat(loginSteps.stream().mapToLong(MetricAggregate::count).sum()).isEqualTo(20_000);
    assertThat(overflow.count()).isEqualTo(18_000);
    assertThat(overflow.tags()).containsExactly(CardinalityGuard.OVERFLOW_TAG);
    assertThat(guard.overflowCount(Tenants.DEFAULT, "logins")).isEqualTo(9_000);
    MetricAggregate counted =
        flushed.stream()
            .filter(a -> a.name().equals(DefaultTelemetryTracker.OVERFLOW_METRIC))
            .findFirst()
            .orElseThrow();
    assertThat(counted.tags()).containsExactly(MetricTag.of("metric", "logins"));
    assertThat(counted.sum()).isEqualTo(9_000.0);
  }

  @Test
  void aTenantOverItsLimit_foldsNewSeriesOfEveryMetricIntoTheirOverflowSeries() {
    DefaultTelemetryTracker small =
        DefaultTelemetryTracker.builder()
            .clock(new MutableClock(T0))
            .cardinalityGuard(
                new DefaultCardinalityGuard(
                    new InMemoryCardinalityStorage(), 100, 3, new RecordingLogger()))
            .build();

    small
        .tenantContext()
        .runAs(
            "acme",
            () -> {
              small.increment("a", "k", "1");
              small.increment("a", "k", "2");
              small.increment("b", "k", "1");
              small.increment("b", "k", "2");
              small.increment("a", "k", "3");
            });
    small.increment("b", "k", "2"); // another tenant, its own limit

    List<String> series =
        small.snapshot().stream()
            .filter(s -> !s.name().equals(DefaultTelemetryTracker.OVERFLOW_METRIC))
            .map(s -> s.tenant() + " " + s.name() + " " + s.tags())
            .toList();
    assertThat(series)
        .containsExactly(
            "acme a [MetricTag[key=k, value=1]]",
            "acme a [MetricTag[key=k, value=2]]",
            "acme a [MetricTag[key=nexus.cardinality.overflow, value=true]]",
            "acme b [MetricTag[key=k, value=1]]",
            "acme b [MetricTag[key=nexus.cardinality.overflow, value=true]]",
            "default b [MetricTag[key=k, value=2]]");
  }

  @Test
  void overflowCount_isReadableAsAHostMetricPerTenantAndMetric() {
    for (int user = 0; user < 1_005; user++) {
      tracker.tenantContext().runAs("acme", () -> tracker.increment("logins"));
      int u = user;
      tracker.tenantContext().runAs("acme", () -> tracker.increment("logins", "user", "u-" + u));
    }

    MetricSnapshot counted =
        series(tracker.snapshot(), DefaultTelemetryTracker.OVERFLOW_METRIC).get(0);

    // The untagged series was the first of the metric; 999 users fit beside it.
    assertThat(counted.tenant()).isEqualTo("acme");
    assertThat(counted.tags()).containsExactly(MetricTag.of("metric", "logins"));
    assertThat(counted.value()).isEqualTo(6.0);
    assertThat(counted.description()).startsWith("Values recorded into a metric's overflow series");
  }

  private static List<MetricSnapshot> series(List<MetricSnapshot> all, String name) {
    return all.stream().filter(s -> s.name().equals(name)).toList();
  }
}
