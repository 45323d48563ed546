package nexus.monitoring.api.spi;

import java.time.Duration;
import java.util.Locale;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;

/**
 * A warning and a critical limit on one observed value, crossed going up ({@link #above}: latency,
 * queue depth) or going down ({@link #below}: free space, days until a certificate expires). Either
 * limit may be absent. Read from a check's settings, validated there, and judged with {@link
 * #judge}:
 *
 * <pre>{@code
 * HealthThreshold depth = HealthThreshold.above(settings, "warning-depth", 1000, "critical-depth", 10000);
 * return depth.judge("queue 'orders' depth", messages);
 * // WARNING "queue 'orders' depth 1500 is above the warning threshold 1000"
 * }</pre>
 *
 * @since 1.0
 */
public final class HealthThreshold {
  private final boolean upward;
  private final double warning;
  private final double critical;
  private final boolean seconds;

  private HealthThreshold(boolean upward, double warning, double critical, boolean seconds) {
    this.upward = upward;
    this.warning = warning;
    this.critical = critical;
    this.seconds = seconds;
  }

  /**
   * Limits crossed going up: WARNING from {@code warning}, CRITICAL from {@code critical}; pass
   * {@link Double#NaN} for a limit that is not set.
   *
   * @throws IllegalArgumentException when both are set and warning is above critical
   */
  public static HealthThreshold above(double warning, double critical) {
    if (!Double.isNaN(warning) && !Double.isNaN(critical) && warning > critical) {
      throw new IllegalArgumentException(
          "warning threshold " + warning + " must not be above critical threshold " + critical);
    }
    return new HealthThreshold(true, warning, critical, false);
  }

  /**
   * Limits crossed going down: WARNING below {@code warning}, CRITICAL below {@code critical}; pass
   * {@link Double#NaN} for a limit that is not set.
   *
   * @throws IllegalArgumentException when both are set and warning is below critical
   */
  public static HealthThreshold below(double warning, double critical) {
    if (!Double.isNaN(warning) && !Double.isNaN(critical) && warning < critical) {
      throw new IllegalArgumentException(
          "warning threshold " + warning + " must not be below critical threshold " + critical);
    }
    return new HealthThreshold(false, warning, critical, false);
  }

  /** No limits: every value is HEALTHY. */
  public static HealthThreshold none() {
    return new HealthThreshold(true, Double.NaN, Double.NaN, false);
  }

  /**
   * Upward limits from numeric settings {@code warningKey} and {@code criticalKey}, each falling
   * back to its default ({@link Double#NaN} for none).
   *
   * @throws nexus.monitoring.api.InvalidConfigurationException naming the warning key when it is
   *     above the critical one
   */
  public static HealthThreshold above(
      PluginSettings settings,
      String warningKey,
      double warningDefault,
      String criticalKey,
      double criticalDefault) {
    double warning = settings.number(warningKey, warningDefault);
    double critical = settings.number(criticalKey, criticalDefault);
    requireOrder(settings, true, warningKey, warning, criticalKey, critical, false);
    return new HealthThreshold(true, warning, critical, false);
  }

  /**
   * Downward limits from numeric settings; the mirror of {@link #above(PluginSettings, String,
   * double, String, double)}.
   */
  public static HealthThreshold below(
      PluginSettings settings,
      String warningKey,
      double warningDefault,
      String criticalKey,
      double criticalDefault) {
    double warning = settings.number(warningKey, warningDefault);
    double critical = settings.number(criticalKey, criticalDefault);
    requireOrder(settings, false, warningKey, warning, criticalKey, critical, false);
    return new HealthThreshold(false, warning, critical, false);
  }

  /**
   * Upward limits on a time, from duration settings such as {@code 250ms}; judged against seconds
   * and shown as durations. A null default means no limit.
   */
  public static HealthThreshold durationAbove(
      PluginSettings settings,
      String warningKey,
      Duration warningDefault,
      String criticalKey,
      Duration criticalDefault) {
    double warning = secondsOrNaN(settings.duration(warningKey, warningDefault));
    double critical = secondsOrNaN(settings.duration(criticalKey, criticalDefault));
    requireOrder(settings, true, warningKey, warning, criticalKey, critical, true);
    return new HealthThreshold(true, warning, critical, true);
  }

  /** The status {@code value} earns: CRITICAL past the critical limit, WARNING past the warning. */
  public HealthStatus status(double value) {
    if (crossed(value, critical)) {
      return HealthStatus.CRITICAL;
    }
    if (crossed(value, warning)) {
      return HealthStatus.WARNING;
    }
    return HealthStatus.HEALTHY;
  }

  /**
   * A result for {@code value} of {@code what}: its status, and a message that names the value and,
   * when a limit is crossed, which one ({@code "connect latency 0.350s is above the warning
   * threshold 0.200s"}).
   */
  public HealthCheckResult judge(String what, double value) {
    HealthStatus status = status(value);
    return HealthCheckResult.of(status, describe(what, value));
  }

  /** The message {@link #judge} words for {@code value}. */
  public String describe(String what, double value) {
    HealthStatus status = status(value);
    String shown = what + " " + format(value);
    if (status == HealthStatus.HEALTHY) {
      return shown;
    }
    double limit = status == HealthStatus.CRITICAL ? critical : warning;
    return shown
        + " is "
        + (upward ? "above" : "below")
        + " the "
        + (status == HealthStatus.CRITICAL ? "critical" : "warning")
        + " threshold "
        + format(limit);
  }

  /** The warning limit, or NaN when not set. */
  public double warning() {
    return warning;
  }

  /** The critical limit, or NaN when not set. */
  public double critical() {
    return critical;
  }

  private boolean crossed(double value, double limit) {
    if (Double.isNaN(limit)) {
      return false;
    }
    return upward ? value > limit : value < limit;
  }

  private String format(double value) {
    String number;
    if (seconds) {
      number = String.format(Locale.ROOT, "%.3f", value);
    } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      number = Long.toString((long) value);
    } else {
      number = String.format(Locale.ROOT, "%.3g", value);
    }
    return seconds ? number + "s" : number;
  }

  private static double secondsOrNaN(Duration duration) {
    return duration == null ? Double.NaN : Observations.seconds(duration);
  }

  private static void requireOrder(
      PluginSettings settings,
      boolean upward,
      String warningKey,
      double warning,
      String criticalKey,
      double critical,
      boolean seconds) {
    if (Double.isNaN(warning) || Double.isNaN(critical)) {
      return;
    }
    if (upward ? warning > critical : warning < critical) {
      HealthThreshold shown = new HealthThreshold(upward, warning, critical, seconds);
      throw settings.invalid(
          warningKey,
          "a value "
              + (upward ? "at or below" : "at or above")
              + " "
              + criticalKey
              + " ("
              + shown.format(critical)
              + ")");
    }
  }
}
