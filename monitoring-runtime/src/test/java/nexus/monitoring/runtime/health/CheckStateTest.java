package nexus.monitoring.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import org.junit.jupiter.api.Test;

final class CheckStateTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  private final SettableClock clock = new SettableClock(T0);

  private static CheckState state(StatusPolicy policy) {
    CheckInstance check =
        new CheckInstance(
            "db",
            "database",
            "test-plugin",
            () -> HealthCheckResult.healthy(""),
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            Duration.ZERO,
            Duration.ZERO,
            true,
            Set.of("readiness"),
            policy);
    return new CheckState(check, T0);
  }

  private static StatusPolicy policy(int failures, int successes, int flapChanges) {
    return new StatusPolicy(Duration.ofMinutes(15), failures, successes, flapChanges, W, 3);
  }

  private static final Duration W = Duration.ofMinutes(10);

  /** Records a result of {@code status} one second later than the previous one. */
  private HealthReport.Entry run(CheckState state, HealthStatus status) {
    clock.advance(Duration.ofSeconds(1));
    state.record(
        HealthCheckResult.of(status, "run says " + status)
            .measured(Duration.ofMillis(2), clock.instant()));
    return state.view(clock.instant());
  }

  @Test
  void beforeTheFirstRun_isPendingWarning() {
    HealthReport.Entry entry = state(policy(1, 1, 0)).view(T0);

    assertThat(entry.pending()).isTrue();
    assertThat(entry.result().status()).isEqualTo(HealthStatus.WARNING);
    assertThat(entry.result().message()).startsWith("pending");
  }

  @Test
  void firstResult_isReportedAsItIs_evenWithAThreshold() {
    CheckState state = state(policy(3, 3, 0));

    assertThat(run(state, HealthStatus.CRITICAL).result().status())
        .isEqualTo(HealthStatus.CRITICAL);
  }

  @Test
  void failureThreshold_holdsHealthyUntilEnoughFailuresInARow() {
    CheckState state = state(policy(3, 1, 0));
    run(state, HealthStatus.HEALTHY);

    HealthReport.Entry first = run(state, HealthStatus.CRITICAL);
    HealthReport.Entry second = run(state, HealthStatus.WARNING);
    HealthReport.Entry third = run(state, HealthStatus.CRITICAL);

    assertThat(first.result().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(first.result().message())
        .isEqualTo(
            "HEALTHY held until 3 failing results in a row (1 so far); latest run CRITICAL: run"
                + " says CRITICAL");
    assertThat(second.result().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(third.result().status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(third.result().message()).isEqualTo("run says CRITICAL");
    assertThat(third.lastChange()).isEqualTo(clock.instant());
  }

  @Test
  void failureThreshold_aHealthyResultInBetween_startsTheCountAgain() {
    CheckState state = state(policy(2, 1, 0));
    run(state, HealthStatus.HEALTHY);

    run(state, HealthStatus.CRITICAL);
    run(state, HealthStatus.HEALTHY);
    HealthReport.Entry after = run(state, HealthStatus.CRITICAL);

    assertThat(after.result().status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void successThreshold_holdsTheFailureUntilEnoughHealthyResults() {
    CheckState state = state(policy(1, 2, 0));
    run(state, HealthStatus.CRITICAL);

    HealthReport.Entry first = run(state, HealthStatus.HEALTHY);
    HealthReport.Entry second = run(state, HealthStatus.HEALTHY);

    assertThat(first.result().status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(first.result().message()).startsWith("CRITICAL held until 2 HEALTHY results");
    assertThat(second.result().status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void withinFailingStatuses_theReportedStatusFollowsAtOnce() {
    CheckState state = state(policy(3, 3, 0));
    run(state, HealthStatus.WARNING);

    assertThat(run(state, HealthStatus.CRITICAL).result().status())
        .isEqualTo(HealthStatus.CRITICAL);
  }

  @Test
  void moreChangesThanAllowedInTheWindow_reportsTheWorstUntilItSettles() {
    CheckState state = state(policy(1, 1, 2));
    run(state, HealthStatus.HEALTHY);
    run(state, HealthStatus.CRITICAL);
    run(state, HealthStatus.HEALTHY);
    assertThat(state.view(clock.instant()).flapping()).isFalse();

    HealthReport.Entry flapping = run(state, HealthStatus.WARNING);
    HealthReport.Entry healthyButFlapping = run(state, HealthStatus.HEALTHY);
    clock.advance(W);
    HealthReport.Entry settled = state.view(clock.instant());

    assertThat(flapping.flapping()).isTrue();
    assertThat(flapping.result().status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(healthyButFlapping.result().status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(healthyButFlapping.result().message())
        .isEqualTo(
            "flapping: 4 status changes in the last 10m, reporting the worst of them (CRITICAL)"
                + " until it settles; now HEALTHY: run says HEALTHY");
    assertThat(settled.flapping()).isFalse();
    assertThat(settled.result().status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void flappingOff_neverFlaps() {
    CheckState state = state(policy(1, 1, 0));
    for (int i = 0; i < 10; i++) {
      run(state, i % 2 == 0 ? HealthStatus.HEALTHY : HealthStatus.CRITICAL);
    }

    assertThat(state.view(clock.instant()).flapping()).isFalse();
  }

  @Test
  void resultOlderThanTheStaleLimit_countsAsWarning_withoutAnotherRun() {
    CheckState state = state(policy(1, 1, 0));
    HealthReport.Entry fresh = run(state, HealthStatus.HEALTHY);
    Instant ranAt = clock.instant();

    clock.advance(Duration.ofMinutes(15));
    HealthReport.Entry atLimit = state.view(clock.instant());
    clock.advance(Duration.ofSeconds(1));
    HealthReport.Entry stale = state.view(clock.instant());

    assertThat(fresh.stale()).isFalse();
    assertThat(atLimit.stale()).isFalse();
    assertThat(stale.stale()).isTrue();
    assertThat(stale.result().status()).isEqualTo(HealthStatus.WARNING);
    assertThat(stale.result().message())
        .isEqualTo(
            "stale: no result since "
                + ranAt
                + " (901s ago, stale after 15m); it said HEALTHY: run says HEALTHY");
  }

  @Test
  void staleCriticalResult_staysCritical() {
    CheckState state = state(policy(1, 1, 0));
    run(state, HealthStatus.CRITICAL);

    clock.advance(Duration.ofHours(1));

    assertThat(state.view(clock.instant()).result().status()).isEqualTo(HealthStatus.CRITICAL);
  }

  @Test
  void history_keepsTheLastResultsOldestFirst() {
    CheckState state = state(policy(1, 1, 0));
    run(state, HealthStatus.HEALTHY);
    run(state, HealthStatus.WARNING);
    run(state, HealthStatus.CRITICAL);
    HealthReport.Entry entry = run(state, HealthStatus.HEALTHY);

    assertThat(entry.history())
        .extracting(HealthReport.Sample::status)
        .containsExactly(HealthStatus.WARNING, HealthStatus.CRITICAL, HealthStatus.HEALTHY);
  }
}
