package nexus.monitoring.runtime.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human forms of durations, percentages and sizes used across configuration. */
final class Values {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)?");

  private Values() {}

  /**
   * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601; null if not one.
   */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(t);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      double millis =
          switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 86_400_000;
          };
      return Duration.ofMillis(Math.round(millis));
    }
    if (t.startsWith("p")) {
      try {
        Duration d = Duration.parse(text.trim());
        return d.isNegative() ? null : d;
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  /** {@code 15%} or {@code 0.15} as a fraction in 0..1; null if not one. */
  static Double percent(String text) {
    String t = text.trim();
    try {
      double value =
          t.endsWith("%")
              ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100.0
              : Double.parseDouble(t);
      return value >= 0.0 && value <= 1.0 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * {@code 1024}, {@code 512MB}, {@code 2GiB}; decimal units are powers of 1000. Null if not one.
   */
  static Long bytes(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    double factor =
        switch (unit) {
          case "kb" -> 1e3;
          case "mb" -> 1e6;
          case "gb" -> 1e9;
          case "tb" -> 1e12;
          case "kib" -> 1024.0;
          case "mib" -> 1024.0 * 1024;
          case "gib" -> 1024.0 * 1024 * 1024;
          case "tib" -> 1024.0 * 1024 * 1024 * 1024;
          default -> 1;
        };
    double result = amount * factor;
    return result > Long.MAX_VALUE ? null : Math.round(result);
  }
}
