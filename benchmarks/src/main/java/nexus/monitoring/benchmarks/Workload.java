package nexus.monitoring.benchmarks;

import java.util.SplittableRandom;

/**
 * What every library records in the benchmarks: the same metric names, the same tags and the same
 * values, so that the only difference between two rows of a table is the library.
 *
 * <p>A handle is one series with the two tags {@link #TAGS_2}. The by-name benchmarks pass either
 * those two tags or the five tags {@link #TAGS_5} on every call. A name carries one set of tag keys
 * ({@link #REQUESTS} two, {@link #REQUESTS_BY_ROUTE} five), as Prometheus requires.
 */
final class Workload {
  /** Name of the counter. */
  static final String REQUESTS = "requests";

  /** Name of the counter recorded with five tags. */
  static final String REQUESTS_BY_ROUTE = "requests_by_route";

  /** Name of the timer, recorded in nanoseconds and exported in seconds. */
  static final String LATENCY = "latency";

  /** Name of the timer recorded with five tags. */
  static final String LATENCY_BY_ROUTE = "latency_by_route";

  /** Name of the histogram of sizes. */
  static final String PAYLOAD = "payload";

  /** Two tags as alternating keys and values. */
  static final String[] TAGS_2 = {"method", "GET", "status", "200"};

  /** Five tags as alternating keys and values. */
  static final String[] TAGS_5 = {
    "method", "GET", "status", "200", "uri", "/api/orders", "outcome", "SUCCESS", "region", "eu-1"
  };

  /** How many distinct values the samples cycle through; a power of two. */
  static final int SAMPLE_COUNT = 1024;

  /** Durations in nanoseconds, log-normal around 1 ms, between 1 µs and 10 s. */
  static final long[] LATENCY_NANOS = new long[SAMPLE_COUNT];

  /** Sizes in bytes, log-normal around 2 KiB, whole numbers between 1 and 10^8. */
  static final double[] PAYLOAD_BYTES = new double[SAMPLE_COUNT];

  static {
    SplittableRandom random = new SplittableRandom(20_260_101L);
    for (int i = 0; i < SAMPLE_COUNT; i++) {
      LATENCY_NANOS[i] = (long) clamp(Math.exp(Math.log(1e6) + gaussian(random)), 1e3, 1e10);
      PAYLOAD_BYTES[i] = Math.rint(clamp(Math.exp(Math.log(2048) + gaussian(random)), 1, 1e8));
    }
  }

  private Workload() {}

  /** The tag values of {@code pairs}, in order: what libraries without tag keys take. */
  static String[] values(String[] pairs) {
    String[] values = new String[pairs.length / 2];
    for (int i = 0; i < values.length; i++) {
      values[i] = pairs[2 * i + 1];
    }
    return values;
  }

  /** The tag keys of {@code pairs}, in order. */
  static String[] keys(String[] pairs) {
    String[] keys = new String[pairs.length / 2];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = pairs[2 * i];
    }
    return keys;
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; one of the pair is enough here.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }
}
