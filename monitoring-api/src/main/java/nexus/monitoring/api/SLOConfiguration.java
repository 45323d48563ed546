package nexus.monitoring.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A service level objective: which fraction of events must be good over a rolling window, and when
 * to alert on burning the error budget too fast.
 *
 * <p>An event is good when {@link #isGood} says so: for an {@link Kind#AVAILABILITY} objective,
 * when the operation succeeded; for a {@link Kind#LATENCY} objective, when it succeeded within the
 * latency threshold. The error budget is {@code 1 - objective}; the burn rate of an observed error
 * ratio is that ratio divided by the budget, so a burn rate of 1 spends the budget exactly over the
 * window. A {@link BurnRateAlert} fires when both its long and its short window burn at least at
 * its rate (the multi-window, multi-burn-rate scheme).
 *
 * <pre>{@code
 * SLOConfiguration checkout =
 *     SLOConfiguration.availability("checkout-availability", 0.999, Duration.ofDays(30));
 * SLOConfiguration search =
 *     SLOConfiguration.latency("search-latency", 0.99, Duration.ofMillis(300), Duration.ofDays(7));
 * }</pre>
 *
 * @param name 1 to 100 ASCII letters, digits, {@code _}, {@code -} and {@code .}
 * @param objective the fraction of good events promised; strictly between 0 and 1
 * @param kind what makes an event good
 * @param latencyThreshold the slowest good event; positive for LATENCY, {@code null} for
 *     AVAILABILITY
 * @param window the rolling window the objective is measured over; positive
 * @param burnRateAlerts when to alert; each long window no longer than {@code window}, each rate at
 *     most {@link #maxBurnRate()}; may be empty
 * @since 1.0
 */
public record SLOConfiguration(
    String name,
    double objective,
    Kind kind,
    Duration latencyThreshold,
    Duration window,
    List<BurnRateAlert> burnRateAlerts) {

  /** Longest accepted SLO name, in characters. */
  public static final int MAX_NAME_LENGTH = 100;

  /** The budget fractions and windows behind {@link #defaultBurnRateAlerts}. */
  private static final List<BudgetBurn> DEFAULT_BURNS =
      List.of(
          new BudgetBurn(0.02, Duration.ofHours(1), Duration.ofMinutes(5), AlertSeverity.CRITICAL),
          new BudgetBurn(0.05, Duration.ofHours(6), Duration.ofMinutes(30), AlertSeverity.CRITICAL),
          new BudgetBurn(0.10, Duration.ofDays(3), Duration.ofHours(6), AlertSeverity.WARNING));

  /** What makes an event good. */
  public enum Kind {
    /** The operation succeeded. */
    AVAILABILITY,
    /** The operation succeeded within the latency threshold. */
    LATENCY
  }

  /**
   * @throws InvalidMetricException naming the field and the value when any component is invalid
   */
  public SLOConfiguration {
    requireName(name);
    if (!(objective > 0.0 && objective < 1.0)) {
      throw new InvalidMetricException(
          "SLO '" + name + "' has objective " + objective + "; expected a ratio in (0, 1)");
    }
    if (kind == null) {
      throw new InvalidMetricException("SLO '" + name + "' has no kind");
    }
    if (kind == Kind.LATENCY && !isPositive(latencyThreshold)) {
      throw new InvalidMetricException(
          "SLO '"
              + name
              + "' of kind LATENCY has latencyThreshold "
              + latencyThreshold
              + "; expected a positive duration");
    }
    if (kind == Kind.AVAILABILITY && latencyThreshold != null) {
      throw new InvalidMetricException(
          "SLO '"
              + name
              + "' of kind AVAILABILITY has latencyThreshold "
              + latencyThreshold
              + "; expected none (use kind LATENCY)");
    }
    if (!isPositive(window)) {
      throw new InvalidMetricException(
          "SLO '" + name + "' has window " + window + "; expected a positive duration");
    }
    burnRateAlerts = requireAlerts(name, objective, window, burnRateAlerts);
  }

  /**
   * An availability objective with the {@linkplain #defaultBurnRateAlerts default burn-rate alerts}
   * for its window.
   *
   * @throws InvalidMetricException when any part is invalid
   */
  public static SLOConfiguration availability(String name, double objective, Duration window) {
    return new SLOConfiguration(name, objective, Kind.AVAILABILITY, null, window, List.of())
        .withDefaultBurnRateAlerts();
  }

  /**
   * A latency objective with the {@linkplain #defaultBurnRateAlerts default burn-rate alerts} for
   * its window.
   *
   * @throws InvalidMetricException when any part is invalid
   */
  public static SLOConfiguration latency(
      String name, double objective, Duration threshold, Duration window) {
    return new SLOConfiguration(name, objective, Kind.LATENCY, threshold, window, List.of())
        .withDefaultBurnRateAlerts();
  }

  /** This objective with the {@linkplain #defaultBurnRateAlerts default alerts} for its window. */
  public SLOConfiguration withDefaultBurnRateAlerts() {
    return withBurnRateAlerts(defaultBurnRateAlerts(objective, window));
  }

  /** This objective with {@code alerts} in place of its burn-rate alerts. */
  public SLOConfiguration withBurnRateAlerts(List<BurnRateAlert> alerts) {
    return new SLOConfiguration(name, objective, kind, latencyThreshold, window, alerts);
  }

  /**
   * The usual multi-window alerts, scaled to {@code window}: CRITICAL when 2% of the budget burns
   * within 1 hour (checked against 5 minutes) or 5% within 6 hours (against 30 minutes), WARNING
   * when 10% burns within 3 days (against 6 hours). The rate of each is {@code fraction * window /
   * longWindow}; for a 30-day window that gives 14.4, 6 and 1. Alerts whose long window exceeds
   * {@code window}, or whose rate exceeds the maximum burn rate {@code 1 / (1 - objective)} and so
   * could never fire, are left out.
   *
   * @return the alerts, possibly none for a short window or a low objective; never null
   * @throws InvalidMetricException when the objective is outside (0, 1) or the window is not
   *     positive
   */
  public static List<BurnRateAlert> defaultBurnRateAlerts(double objective, Duration window) {
    if (!(objective > 0.0 && objective < 1.0) || !isPositive(window)) {
      throw new InvalidMetricException(
          "default burn-rate alerts need an objective in (0, 1) and a positive window; got"
              + " objective "
              + objective
              + " and window "
              + window);
    }
    List<BurnRateAlert> alerts = new ArrayList<>(3);
    for (BudgetBurn burn : DEFAULT_BURNS) {
      double rate =
          burn.budgetFraction() * ((double) window.toMillis() / burn.longWindow().toMillis());
      if (burn.longWindow().compareTo(window) <= 0 && rate <= 1.0 / (1.0 - objective)) {
        alerts.add(new BurnRateAlert(burn.longWindow(), burn.shortWindow(), rate, burn.severity()));
      }
    }
    return Collections.unmodifiableList(alerts);
  }

  /** The fraction of events allowed to be bad, {@code 1 - objective}. */
  public double errorBudget() {
    return 1.0 - objective;
  }

  /** The burn rate when every event is bad, {@code 1 / (1 - objective)}. */
  public double maxBurnRate() {
    return 1.0 / errorBudget();
  }

  /**
   * The burn rate of an observed error ratio: {@code errorRatio / (1 - objective)}.
   *
   * @param errorRatio bad events divided by all events, from 0 to 1
   * @throws InvalidMetricException when the ratio is outside {@code [0, 1]}
   */
  public double burnRate(double errorRatio) {
    if (!(errorRatio >= 0.0 && errorRatio <= 1.0)) {
      throw new InvalidMetricException(
          "SLO '"
              + name
              + "' was given error ratio "
              + errorRatio
              + "; expected a ratio in [0, 1]");
    }
    return errorRatio / errorBudget();
  }

  /** The latency threshold of a LATENCY objective; empty for AVAILABILITY. */
  public Optional<Duration> latency() {
    return Optional.ofNullable(latencyThreshold);
  }

  /**
   * Whether an event counts as good under this objective.
   *
   * @param succeeded whether the operation completed without error
   * @param latency how long it took; ignored for AVAILABILITY, required for LATENCY
   * @throws InvalidMetricException when a LATENCY objective is given no or a negative latency
   */
  public boolean isGood(boolean succeeded, Duration latency) {
    if (kind == Kind.AVAILABILITY) {
      return succeeded;
    }
    if (latency == null || latency.isNegative()) {
      throw new InvalidMetricException(
          "SLO '" + name + "' was given latency " + latency + "; expected zero or positive");
    }
    return succeeded && latency.compareTo(latencyThreshold) <= 0;
  }

  private static List<BurnRateAlert> requireAlerts(
      String name, double objective, Duration window, List<BurnRateAlert> alerts) {
    if (alerts == null) {
      throw new InvalidMetricException(
          "SLO '" + name + "' has null burnRateAlerts; pass an empty list for none");
    }
    double maxBurnRate = 1.0 / (1.0 - objective);
    for (BurnRateAlert alert : alerts) {
      if (alert == null) {
        throw new InvalidMetricException("SLO '" + name + "' has a null burn-rate alert");
      }
      if (alert.longWindow().compareTo(window) > 0) {
        throw new InvalidMetricException(
            "SLO '"
                + name
                + "' has a burn-rate alert over "
                + alert.longWindow()
                + ", longer than its window "
                + window
                + "; expected a long window no longer than the SLO window");
      }
      if (alert.burnRate() > maxBurnRate) {
        throw new InvalidMetricException(
            "SLO '"
                + name
                + "' has a burn-rate alert at rate "
                + alert.burnRate()
                + ", above the maximum "
                + maxBurnRate
                + " for objective "
                + objective
                + "; it could never fire");
      }
    }
    return Collections.unmodifiableList(new ArrayList<>(alerts));
  }

  private static void requireName(String name) {
    boolean ok = name != null && !name.isEmpty() && name.length() <= MAX_NAME_LENGTH;
    for (int i = 0; ok && i < name.length(); i++) {
      char c = name.charAt(i);
      ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '.';
    }
    if (!ok) {
      throw new InvalidMetricException(
          "SLO name '"
              + name
              + "' is invalid: expected 1 to "
              + MAX_NAME_LENGTH
              + " ASCII letters, digits, '_', '-' or '.'");
    }
  }

  private static boolean isPositive(Duration duration) {
    return duration != null && !duration.isNegative() && !duration.isZero();
  }

  /**
   * Alert when the error budget burns at {@code burnRate} or faster over both windows: the long
   * window proves the burn is significant, the short one that it is still going on.
   *
   * @param longWindow positive
   * @param shortWindow positive, shorter than {@code longWindow}
   * @param burnRate positive and finite
   * @param severity of the alert raised
   */
  public record BurnRateAlert(
      Duration longWindow, Duration shortWindow, double burnRate, AlertSeverity severity) {
    /**
     * @throws InvalidMetricException naming the field and the value when any component is invalid
     */
    public BurnRateAlert {
      if (!isPositive(longWindow)) {
        throw new InvalidMetricException(
            "burn-rate alert has longWindow " + longWindow + "; expected a positive duration");
      }
      if (!isPositive(shortWindow) || shortWindow.compareTo(longWindow) >= 0) {
        throw new InvalidMetricException(
            "burn-rate alert has shortWindow "
                + shortWindow
                + "; expected a positive duration shorter than longWindow "
                + longWindow);
      }
      if (!(burnRate > 0.0) || Double.isInfinite(burnRate)) {
        throw new InvalidMetricException(
            "burn-rate alert over "
                + longWindow
                + " has burnRate "
                + burnRate
                + "; expected a positive finite number");
      }
      if (severity == null) {
        throw new InvalidMetricException("burn-rate alert over " + longWindow + " has no severity");
      }
    }
  }

  /** Alert when {@code budgetFraction} of the error budget burns within {@code longWindow}. */
  private record BudgetBurn(
      double budgetFraction, Duration longWindow, Duration shortWindow, AlertSeverity severity) {}
}
