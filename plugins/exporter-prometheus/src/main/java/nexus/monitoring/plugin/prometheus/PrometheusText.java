package nexus.monitoring.plugin.prometheus;

import java.math.BigDecimal;

/** Escaping and number formatting of the Prometheus text format. */
final class PrometheusText {
  /** Integral values below this magnitude are written without a fraction: {@code 42}. */
  static final double PLAIN_INTEGER_LIMIT = 1e15;

  private PrometheusText() {}

  /** A {@code # HELP} docstring: backslash and line feed escaped. */
  static String escapeHelp(String text) {
    return escape(text, false);
  }

  /** A label value, to be put between double quotes: backslash, quote and line feed escaped. */
  static String escapeLabelValue(String text) {
    return escape(text, true);
  }

  /**
   * A sample value as Go's {@code ParseFloat} reads it: {@code NaN}, {@code +Inf}, {@code -Inf},
   * integral values below 10^15 without a fraction ({@code 42}), others in Java's shortest
   * round-trip form ({@code 0.25}, {@code 1.0E20}).
   */
  static String value(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < PLAIN_INTEGER_LIMIT) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /**
   * A quantile as the value of the {@code quantile} label, in plain decimal without trailing zeros
   * ({@code 0.5}, {@code 0.999}, {@code 1}), the way Go clients write it.
   */
  static String quantile(double quantile) {
    return BigDecimal.valueOf(quantile).stripTrailingZeros().toPlainString();
  }

  private static String escape(String text, boolean quote) {
    StringBuilder result = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement =
          switch (c) {
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '"' -> quote ? "\\\"" : null;
            default -> null;
          };
      if (replacement != null && result == null) {
        result = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (result != null) {
        if (replacement != null) {
          result.append(replacement);
        } else {
          result.append(c);
        }
      }
    }
    return result == null ? text : result.toString();
  }
}
