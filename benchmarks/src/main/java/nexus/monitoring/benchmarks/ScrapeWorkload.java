package nexus.monitoring.benchmarks;

/**
 * The series every library renders in the {@link Scrape} benchmarks: {@link #FAMILIES} metric
 * names, half counters and half gauges, each with the same number of series. A series has the
 * labels {@code method}, {@code path} (distinct per series) and {@code tenant}: the Nexus exporter
 * writes {@code tenant} on every series, so the peers get it too, and every library writes the same
 * samples.
 */
final class ScrapeWorkload {
  /** Metric names per scrape. */
  static final int FAMILIES = 100;

  /** HELP text of every family. */
  static final String HELP = "Benchmark series";

  /** Value of the {@code tenant} label. */
  static final String TENANT = "default";

  private ScrapeWorkload() {}

  /** Series per metric name when {@code series} are rendered in all. */
  static int seriesPerFamily(int series) {
    if (series % FAMILIES != 0) {
      throw new IllegalArgumentException(
          "series " + series + " is not a multiple of " + FAMILIES + " families");
    }
    return series / FAMILIES;
  }

  /** Whether family {@code family} is a counter; the others are gauges. */
  static boolean isCounter(int family) {
    return family % 2 == 0;
  }

  /** Name of family {@code family}, the same in every library. */
  static String name(int family) {
    return isCounter(family) ? "app_requests_" + family : "app_queue_depth_" + family;
  }

  /** The {@code method} label of series {@code series}. */
  static String method(int series) {
    return switch (series % 4) {
      case 0 -> "GET";
      case 1 -> "POST";
      case 2 -> "PUT";
      default -> "DELETE";
    };
  }

  /** The {@code path} label of series {@code series}. */
  static String path(int series) {
    return "/api/v1/items/" + series;
  }

  /** The value of series {@code series}: whole numbers for counters, quarters for gauges. */
  static double value(int family, int series) {
    return isCounter(family) ? series + 1 : series * 0.25;
  }
}
