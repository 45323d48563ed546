package nexus.monitoring.api.spi;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The values a probe observed, gathered as it goes, so they appear in the result even when a later
 * step fails. {@link AbstractHealthCheck} hands one to each run and copies it into the result's
 * details.
 *
 * <pre>{@code
 * Connection connection = observed.time("connect.seconds", () -> dataSource.getConnection());
 * observed.put("server.version", connection.getMetaData().getDatabaseProductVersion());
 * }</pre>
 *
 * <p>Not thread-safe: one run, one thread.
 *
 * @since 1.0
 */
public final class Observations {
  private final Map<String, Object> values = new LinkedHashMap<>();

  /** Only {@link AbstractHealthCheck} and tests create these. */
  public Observations() {}

  /**
   * Records one observed value under {@code key}, replacing an earlier one.
   *
   * @param value a number, string or boolean
   * @return this, for chaining
   * @throws IllegalArgumentException when the key is empty or the value of another type
   */
  public Observations put(String key, Object value) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("observation key must not be empty");
    }
    if (!(value instanceof Number || value instanceof String || value instanceof Boolean)) {
      throw new IllegalArgumentException(
          "observation '"
              + key
              + "' has a value of type "
              + (value == null ? "null" : value.getClass().getName())
              + "; expected a number, string or boolean");
    }
    values.put(key, value);
    return this;
  }

  /**
   * Runs {@code step} and records how long it took, in seconds, under {@code key} — also when the
   * step throws, so a slow failure shows its latency.
   *
   * @return what the step returned
   * @throws Exception what the step threw
   */
  public <T> T time(String key, Callable<T> step) throws Exception {
    long start = System.nanoTime();
    try {
      return step.call();
    } finally {
      put(key, seconds(Duration.ofNanos(System.nanoTime() - start)));
    }
  }

  /** The observed value of {@code key}, or null. */
  public Object get(String key) {
    return values.get(key);
  }

  /** Every observation in the order first recorded. */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /** A duration as seconds with millisecond precision or better, as observations carry time. */
  public static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
