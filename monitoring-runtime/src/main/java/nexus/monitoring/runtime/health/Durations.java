package nexus.monitoring.runtime.health;

import java.time.Duration;

/** Durations as the host writes them in messages: {@code 0.3s}, {@code 90s}, {@code 10m}. */
final class Durations {
  private Durations() {}

  static String text(Duration d) {
    long millis = d.toMillis();
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
  }
}
