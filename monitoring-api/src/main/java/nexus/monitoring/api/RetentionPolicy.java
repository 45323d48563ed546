package nexus.monitoring.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How long the samples of some metrics are kept, and when they are thinned out before that.
 *
 * <p>A policy selects metrics by a name pattern and, optionally, a type. The pattern is a glob:
 * {@code *} matches any run of characters (including none), {@code ?} exactly one, and every other
 * character itself; {@code http.*} matches {@code http.server.requests}, {@code *} matches every
 * metric. When several policies are given, each metric follows the first one that matches it
 * ({@link #firstMatch}); a metric matched by none is kept.
 *
 * <p>Samples older than {@code retention} are deleted. With downsampling, samples older than {@code
 * downsampleAfter} (and not yet expired) are replaced by one aggregate per series and {@code
 * downsampleStep}, as {@link nexus.monitoring.api.spi.MetricStorage#purge} describes.
 *
 * <pre>{@code
 * RetentionPolicy requests = RetentionPolicy.of("http.*", Duration.ofDays(90))
 *     .withDownsampling(Duration.ofDays(7), Duration.ofMinutes(5));
 * RetentionPolicy gauges = RetentionPolicy.of("*", Duration.ofDays(30)).withType(MetricType.GAUGE);
 * }</pre>
 *
 * @param metricPattern glob over metric names: 1 to 200 characters, each a name character (ASCII
 *     letter, digit, {@code _}, {@code .}, {@code :}) or {@code *} or {@code ?}
 * @param metricType the only type this policy applies to, or {@code null} for every type
 * @param retention how long samples are kept; positive
 * @param downsampleAfter age from which samples are downsampled, or {@code null} for never;
 *     positive and shorter than {@code retention}
 * @param downsampleStep bucket length of downsampled data; positive; set exactly when {@code
 *     downsampleAfter} is
 * @since 1.0
 */
public record RetentionPolicy(
    String metricPattern,
    MetricType metricType,
    Duration retention,
    Duration downsampleAfter,
    Duration downsampleStep) {

  /**
   * @throws InvalidMetricException naming the field and the value when any component is invalid
   */
  public RetentionPolicy {
    requirePattern(metricPattern);
    if (!isPositive(retention)) {
      throw new InvalidMetricException(
          "retention policy '"
              + metricPattern
              + "' has retention "
              + retention
              + "; expected a positive duration");
    }
    if ((downsampleAfter == null) != (downsampleStep == null)) {
      throw new InvalidMetricException(
          "retention policy '"
              + metricPattern
              + "' has downsampleAfter "
              + downsampleAfter
              + " and downsampleStep "
              + downsampleStep
              + "; expected both or neither");
    }
    if (downsampleAfter != null) {
      if (!isPositive(downsampleAfter) || downsampleAfter.compareTo(retention) >= 0) {
        throw new InvalidMetricException(
            "retention policy '"
                + metricPattern
                + "' has downsampleAfter "
                + downsampleAfter
                + "; expected a positive duration shorter than retention "
                + retention);
      }
      if (!isPositive(downsampleStep)) {
        throw new InvalidMetricException(
            "retention policy '"
                + metricPattern
                + "' has downsampleStep "
                + downsampleStep
                + "; expected a positive duration");
      }
    }
  }

  /**
   * Keeps metrics matching {@code metricPattern}, of any type, for {@code retention}, without
   * downsampling.
   *
   * @throws InvalidMetricException when the pattern or the duration is invalid
   */
  public static RetentionPolicy of(String metricPattern, Duration retention) {
    return new RetentionPolicy(metricPattern, null, retention, null, null);
  }

  /** This policy, restricted to metrics of {@code type}. */
  public RetentionPolicy withType(MetricType type) {
    if (type == null) {
      throw new InvalidMetricException(
          "retention policy '" + metricPattern + "' was given a null type; expected a MetricType");
    }
    return new RetentionPolicy(metricPattern, type, retention, downsampleAfter, downsampleStep);
  }

  /**
   * This policy, downsampling samples older than {@code after} into buckets of {@code step}.
   *
   * @throws InvalidMetricException when either duration is not positive or {@code after} is not
   *     shorter than the retention
   */
  public RetentionPolicy withDownsampling(Duration after, Duration step) {
    if (after == null || step == null) {
      throw new InvalidMetricException(
          "retention policy '"
              + metricPattern
              + "' was given downsampling after "
              + after
              + " with step "
              + step
              + "; expected both");
    }
    return new RetentionPolicy(metricPattern, metricType, retention, after, step);
  }

  /** The type this policy is restricted to; empty when it applies to every type. */
  public Optional<MetricType> type() {
    return Optional.ofNullable(metricType);
  }

  /** Whether this policy downsamples before it deletes. */
  public boolean isDownsampling() {
    return downsampleAfter != null;
  }

  /** Whether this policy applies to metric {@code metricName} of type {@code type}. */
  public boolean matches(String metricName, MetricType type) {
    return metricName != null
        && (metricType == null || metricType == type)
        && globMatches(metricPattern, metricName);
  }

  /** The cutoff at time {@code now}: samples with a timestamp before it are expired. */
  public Instant expiresBefore(Instant now) {
    return now.minus(retention);
  }

  /**
   * The downsampling cutoff at time {@code now}: samples before it (and not expired) are
   * downsampled. Empty when the policy does not downsample.
   */
  public Optional<Instant> downsamplesBefore(Instant now) {
    return downsampleAfter == null ? Optional.empty() : Optional.of(now.minus(downsampleAfter));
  }

  /**
   * The policy metric {@code metricName} of type {@code type} follows: the first of {@code
   * policies} that matches it, or empty when none does (the metric is then kept).
   */
  public static Optional<RetentionPolicy> firstMatch(
      List<RetentionPolicy> policies, String metricName, MetricType type) {
    for (RetentionPolicy policy : policies) {
      if (policy.matches(metricName, type)) {
        return Optional.of(policy);
      }
    }
    return Optional.empty();
  }

  private static boolean isPositive(Duration duration) {
    return duration != null && !duration.isNegative() && !duration.isZero();
  }

  private static void requirePattern(String pattern) {
    if (pattern == null || pattern.isEmpty() || pattern.length() > MetricNames.MAX_LENGTH) {
      throw new InvalidMetricException(
          "retention metric pattern '"
              + pattern
              + "' is invalid: expected 1 to "
              + MetricNames.MAX_LENGTH
              + " characters");
    }
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == ':'
              || c == '*'
              || c == '?';
      if (!ok) {
        throw new InvalidMetricException(
            "retention metric pattern '"
                + pattern
                + "' is invalid: character '"
                + c
                + "' at index "
                + i
                + " is not a metric name character, '*' or '?'");
      }
    }
  }

  /** Glob match with backtracking to the last {@code *}; linear in practice for short names. */
  private static boolean globMatches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    while (t < text.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
