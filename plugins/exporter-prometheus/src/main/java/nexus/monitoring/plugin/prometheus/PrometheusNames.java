package nexus.monitoring.plugin.prometheus;

import nexus.monitoring.api.MetricType;

/**
 * Translates metric names and tag keys to the Prometheus naming rules. Every translation is a pure
 * function of its input, so the same metric always gets the same name.
 */
final class PrometheusNames {
  /** Suffix a counter's sample name carries. */
  static final String COUNTER_SUFFIX = "_total";

  /** Suffix the name of a timing carries: timings are recorded in seconds. */
  static final String TIMING_SUFFIX = "_seconds";

  private PrometheusNames() {}

  /**
   * The name of the family a metric is rendered under: its name made valid ({@link #metricName}),
   * with {@value #COUNTER_SUFFIX} added to a counter and {@value #TIMING_SUFFIX} to a timing that
   * lack them.
   */
  static String familyName(String metricName, MetricType type) {
    String name = metricName(metricName);
    return switch (type) {
      case COUNTER -> withSuffix(name, COUNTER_SUFFIX);
      case TIMING -> withSuffix(name, TIMING_SUFFIX);
      case GAUGE, HISTOGRAM -> name;
    };
  }

  /**
   * {@code name} made to match {@code [a-zA-Z_:][a-zA-Z0-9_:]*}: every other character becomes
   * {@code _}, and a name starting with a digit gets a leading {@code _}.
   */
  static String metricName(String name) {
    return translate(name, true);
  }

  /**
   * {@code key} made to match {@code [a-zA-Z_][a-zA-Z0-9_]*} outside the reserved {@code __}
   * prefix: every other character, colons included, becomes {@code _}; a name starting with a digit
   * gets a leading {@code _}; a name that would start with {@code __} gets the prefix {@code tag}.
   * Tag keys that follow {@link nexus.monitoring.api.MetricNames} start with a letter, so the last
   * two rules only guard against other input.
   */
  static String labelName(String key) {
    String name = translate(key, false);
    return name.startsWith("__") ? "tag" + name : name;
  }

  private static String translate(String name, boolean colonAllowed) {
    if (isValid(name, colonAllowed)) {
      return name; // most names need no change, and then no copy
    }
    StringBuilder result = new StringBuilder(name.length() + 1);
    if (name.isEmpty() || isDigit(name.charAt(0))) {
      result.append('_');
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean valid = isAsciiLetter(c) || isDigit(c) || c == '_' || (colonAllowed && c == ':');
      result.append(valid ? c : '_');
    }
    return result.toString();
  }

  private static boolean isValid(String name, boolean colonAllowed) {
    if (name.isEmpty() || isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(isAsciiLetter(c) || isDigit(c) || c == '_' || (colonAllowed && c == ':'))) {
        return false;
      }
    }
    return true;
  }

  private static String withSuffix(String name, String suffix) {
    return name.endsWith(suffix) ? name : name + suffix;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
