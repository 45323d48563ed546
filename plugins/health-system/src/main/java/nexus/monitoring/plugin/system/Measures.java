package nexus.monitoring.plugin.system;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Renders byte counts and ratios the way the checks' messages show them. */
final class Measures {
  private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Measures() {}

  /**
   * A byte count in binary units with about three significant digits: {@code 512 B}, {@code 4.5
   * GiB}, {@code 45.6 GiB}, {@code 370 GiB}.
   */
  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double scaled = bytes;
    int unit = 0;
    while (scaled >= 1024 && unit < BINARY_UNITS.length - 1) {
      scaled /= 1024;
      unit++;
    }
    // Rounding may carry into the next unit (1023.96 KiB is shown as 1.0 MiB, not 1024 KiB).
    if (Math.round(scaled) >= 1024 && unit < BINARY_UNITS.length - 1) {
      scaled /= 1024;
      unit++;
    }
    String number =
        scaled < 99.95
            ? String.format(Locale.ROOT, "%.1f", scaled)
            : String.format(Locale.ROOT, "%.0f", scaled);
    return number + " " + BINARY_UNITS[unit];
  }

  /** An observed ratio as a percentage with one decimal: {@code 12.3%}. */
  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }

  /**
   * A configured threshold as a percentage of up to four significant digits, without trailing
   * zeros: {@code 15%}, {@code 2.5%}, {@code 0.01%}.
   */
  static String threshold(double ratio) {
    BigDecimal percent = new BigDecimal(ratio * 100).round(new MathContext(4));
    return percent.stripTrailingZeros().toPlainString() + "%";
  }
}
