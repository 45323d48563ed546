package nexus.monitoring.api;

/**
 * The naming rule shared by metric names and tag keys.
 *
 * <p>A name starts with an ASCII letter and continues with letters, digits, {@code _}, {@code .} or
 * {@code :}, at most 200 characters. That admits both Prometheus-style names ({@code
 * http_requests_total}) and OpenTelemetry-style names ({@code http.server.request.duration}); each
 * exporter translates them to its own format's rules.
 *
 * @since 1.0
 */
public final class MetricNames {
  /** Longest accepted name, in characters. */
  public static final int MAX_LENGTH = 200;

  private MetricNames() {}

  /** Whether {@code name} follows the rule. */
  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    if (!isAsciiLetter(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns {@code name} when it follows the rule.
   *
   * @param field what the name is, for the message ({@code "metric name"}, {@code "tag key"})
   * @throws InvalidMetricException naming the field, the value and the rule
   */
  public static String requireValid(String field, String name) {
    if (name == null) {
      throw new InvalidMetricException(field + " must not be null");
    }
    if (!isValid(name)) {
      throw new InvalidMetricException(
          field
              + " '"
              + name
              + "' is invalid: expected an ASCII letter followed by letters, digits, '_', '.' or"
              + " ':', at most "
              + MAX_LENGTH
              + " characters");
    }
    return name;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
