package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import nexus.monitoring.api.SLOConfiguration.BurnRateAlert;
import nexus.monitoring.api.SLOConfiguration.Kind;
import org.junit.jupiter.api.Test;

final class SLOConfigurationTest {

  private static final Duration DAYS_30 = Duration.ofDays(30);

  @Test
  void availability_thirtyDays_getsThreeStandardBurnRateAlerts() {
    SLOConfiguration slo = SLOConfiguration.availability("checkout-availability", 0.999, DAYS_30);

    assertThat(slo.kind()).isEqualTo(Kind.AVAILABILITY);
    assertThat(slo.latency()).isEmpty();
    assertThat(slo.burnRateAlerts())
        .extracting(BurnRateAlert::longWindow)
        .containsExactly(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(3));
    assertThat(slo.burnRateAlerts())
        .extracting(BurnRateAlert::shortWindow)
        .containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(6));
    assertThat(slo.burnRateAlerts())
        .extracting(BurnRateAlert::severity)
        .containsExactly(AlertSeverity.CRITICAL, AlertSeverity.CRITICAL, AlertSeverity.WARNING);
    assertThat(slo.burnRateAlerts().get(0).burnRate()).isCloseTo(14.4, within(1e-9));
    assertThat(slo.burnRateAlerts().get(1).burnRate()).isCloseTo(6.0, within(1e-9));
    assertThat(slo.burnRateAlerts().get(2).burnRate()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void defaultBurnRateAlerts_oneDayWindow_leavesOutThreeDayPairAndScalesRates() {
    List<BurnRateAlert> alerts = SLOConfiguration.defaultBurnRateAlerts(0.99, Duration.ofDays(1));

    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(0).burnRate()).isCloseTo(0.48, within(1e-9));
    assertThat(alerts.get(1).burnRate()).isCloseTo(0.2, within(1e-9));
  }

  @Test
  void defaultBurnRateAlerts_lowObjective_leavesOutRatesThatCouldNeverFire() {
    List<BurnRateAlert> alerts = SLOConfiguration.defaultBurnRateAlerts(0.9, DAYS_30);

    assertThat(alerts)
        .extracting(BurnRateAlert::longWindow)
        .containsExactly(Duration.ofHours(6), Duration.ofDays(3));
  }

  @Test
  void defaultBurnRateAlerts_invalidObjective_rejectedRatherThanEmpty() {
    assertThatThrownBy(() -> SLOConfiguration.defaultBurnRateAlerts(1.0, DAYS_30))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "default burn-rate alerts need an objective in (0, 1) and a positive window; got"
                + " objective 1.0 and window PT720H");
  }

  @Test
  void latency_keepsThreshold() {
    SLOConfiguration slo =
        SLOConfiguration.latency(
            "search-latency", 0.99, Duration.ofMillis(300), Duration.ofDays(7));

    assertThat(slo.kind()).isEqualTo(Kind.LATENCY);
    assertThat(slo.latency()).contains(Duration.ofMillis(300));
  }

  @Test
  void budgetAndBurnRate_followTheObjective() {
    SLOConfiguration slo = SLOConfiguration.availability("a", 0.99, DAYS_30);

    assertThat(slo.errorBudget()).isCloseTo(0.01, within(1e-12));
    assertThat(slo.maxBurnRate()).isCloseTo(100.0, within(1e-9));
    assertThat(slo.burnRate(0.01)).isCloseTo(1.0, within(1e-9));
    assertThat(slo.burnRate(0.0)).isZero();
    assertThat(slo.burnRate(0.05)).isCloseTo(5.0, within(1e-9));
  }

  @Test
  void burnRate_ratioAboveOne_rejected() {
    SLOConfiguration slo = SLOConfiguration.availability("a", 0.99, DAYS_30);

    assertThatThrownBy(() -> slo.burnRate(1.5))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("SLO 'a' was given error ratio 1.5; expected a ratio in [0, 1]");
  }

  @Test
  void isGood_availabilityCountsSuccessOnly() {
    SLOConfiguration slo = SLOConfiguration.availability("a", 0.99, DAYS_30);

    assertThat(slo.isGood(true, Duration.ofHours(1))).isTrue();
    assertThat(slo.isGood(true, null)).isTrue();
    assertThat(slo.isGood(false, Duration.ZERO)).isFalse();
  }

  @Test
  void isGood_latencyNeedsSuccessWithinThresholdInclusive() {
    SLOConfiguration slo =
        SLOConfiguration.latency("l", 0.99, Duration.ofMillis(300), Duration.ofDays(7));

    assertThat(slo.isGood(true, Duration.ofMillis(300))).isTrue();
    assertThat(slo.isGood(true, Duration.ofMillis(301))).isFalse();
    assertThat(slo.isGood(false, Duration.ofMillis(10))).isFalse();
    assertThatThrownBy(() -> slo.isGood(true, null))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("SLO 'l' was given latency null; expected zero or positive");
  }

  @Test
  void objective_oneOrZero_rejected() {
    assertThatThrownBy(() -> SLOConfiguration.availability("a", 1.0, DAYS_30))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("SLO 'a' has objective 1.0; expected a ratio in (0, 1)");
    assertThatThrownBy(() -> SLOConfiguration.availability("a", 0.0, DAYS_30))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("SLO 'a' has objective 0.0; expected a ratio in (0, 1)");
  }

  @Test
  void latencyKind_withoutThreshold_rejected() {
    assertThatThrownBy(
            () -> new SLOConfiguration("l", 0.99, Kind.LATENCY, null, DAYS_30, List.of()))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "SLO 'l' of kind LATENCY has latencyThreshold null; expected a positive duration");
  }

  @Test
  void availabilityKind_withThreshold_rejected() {
    assertThatThrownBy(
            () ->
                new SLOConfiguration(
                    "a", 0.99, Kind.AVAILABILITY, Duration.ofMillis(300), DAYS_30, List.of()))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "SLO 'a' of kind AVAILABILITY has latencyThreshold PT0.3S; expected none (use kind"
                + " LATENCY)");
  }

  @Test
  void window_zero_rejected() {
    assertThatThrownBy(() -> SLOConfiguration.availability("a", 0.99, Duration.ZERO))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("SLO 'a' has window PT0S; expected a positive duration");
  }

  @Test
  void name_withSpace_rejected() {
    assertThatThrownBy(() -> SLOConfiguration.availability("has space", 0.99, DAYS_30))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "SLO name 'has space' is invalid: expected 1 to 100 ASCII letters, digits, '_', '-'"
                + " or '.'");
  }

  @Test
  void burnRateAlert_longerThanWindow_rejected() {
    SLOConfiguration slo = SLOConfiguration.availability("a", 0.99, Duration.ofDays(1));
    BurnRateAlert threeDays =
        new BurnRateAlert(Duration.ofDays(3), Duration.ofHours(6), 1, AlertSeverity.WARNING);

    assertThatThrownBy(() -> slo.withBurnRateAlerts(List.of(threeDays)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "SLO 'a' has a burn-rate alert over PT72H, longer than its window PT24H; expected a"
                + " long window no longer than the SLO window");
  }

  @Test
  void burnRateAlert_aboveMaximumBurnRate_rejectedAsNeverFiring() {
    SLOConfiguration slo = SLOConfiguration.availability("a", 0.5, DAYS_30);
    BurnRateAlert fast =
        new BurnRateAlert(Duration.ofHours(1), Duration.ofMinutes(5), 3, AlertSeverity.CRITICAL);

    assertThatThrownBy(() -> slo.withBurnRateAlerts(List.of(fast)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "SLO 'a' has a burn-rate alert at rate 3.0, above the maximum 2.0 for objective 0.5;"
                + " it could never fire");
  }

  @Test
  void withBurnRateAlerts_empty_meansNoAlerts() {
    assertThat(
            SLOConfiguration.availability("a", 0.99, DAYS_30)
                .withBurnRateAlerts(List.of())
                .burnRateAlerts())
        .isEmpty();
  }

  @Test
  void burnRateAlert_shortWindowNotShorter_rejected() {
    assertThatThrownBy(
            () ->
                new BurnRateAlert(
                    Duration.ofHours(1), Duration.ofHours(1), 2, AlertSeverity.WARNING))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "burn-rate alert has shortWindow PT1H; expected a positive duration shorter than"
                + " longWindow PT1H");
  }

  @Test
  void burnRateAlert_zeroRate_rejected() {
    assertThatThrownBy(
            () ->
                new BurnRateAlert(
                    Duration.ofHours(1), Duration.ofMinutes(5), 0, AlertSeverity.WARNING))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "burn-rate alert over PT1H has burnRate 0.0; expected a positive finite number");
  }

  @Test
  void burnRateAlert_noSeverity_rejected() {
    assertThatThrownBy(() -> new BurnRateAlert(Duration.ofHours(1), Duration.ofMinutes(5), 2, null))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("burn-rate alert over PT1H has no severity");
  }
}
