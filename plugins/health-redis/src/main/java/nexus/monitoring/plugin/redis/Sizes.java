package nexus.monitoring.plugin.redis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How byte counts and shares read in the {@code cache} check's messages. */
final class Sizes {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Sizes() {}

  /** {@code 812 B}, {@code 1.5 MiB}, {@code 230 GiB}: binary units, about three digits. */
  static String bytes(long bytes) {
    double value = bytes;
    int unit = 0;
    while (Math.abs(value) >= 1023.95 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    if (unit == 0) {
      return bytes + " B";
    }
    String pattern = value < 99.95 ? "%.1f %s" : "%.0f %s";
    return String.format(Locale.ROOT, pattern, value, UNITS[unit]);
  }

  /** An observed share with one decimal: {@code 81.3%}. */
  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }

  /** A configured share without trailing zeros: {@code 80%}, {@code 0.5%}. */
  static String threshold(double ratio) {
    return new BigDecimal(ratio * 100)
            .round(new MathContext(4))
            .stripTrailingZeros()
            .toPlainString()
        + "%";
  }
}
