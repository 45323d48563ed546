package nexus.monitoring.api;

import java.time.Duration;
import java.util.List;

/**
 * Records metrics: counters, gauges, timings and histograms, each identified by a name following
 * {@link MetricNames} and a set of tags.
 *
 * <p>Two ways to record, with the same result. The name-based methods ({@link #increment}, {@link
 * #gauge}, {@link #timing}, {@link #histogram}) look the series up on every call and suit code that
 * records rarely. On a hot path, resolve a handle once and keep it:
 *
 * <pre>{@code
 * Counter requests = tracker.counterOf("http.server.requests", "method", "GET");
 * Timer latency = tracker.timerOf("http.server.duration", "method", "GET");
 * ...
 * requests.increment();
 * latency.record(elapsed);
 * }</pre>
 *
 * <p>Tags are given as alternating keys and values ({@link MetricTag#ofPairs}) or as a list of
 * {@link MetricTag}; order does not matter, a repeated key is an error.
 *
 * <p>The implementation promises:
 *
 * <ul>
 *   <li>Every method is thread-safe; recording does not block or take a lock.
 *   <li>The tenant of a series is the {@link TenantContext} tenant when the name-based method is
 *       called, or when the handle is resolved; a handle stays bound to that tenant.
 *   <li>A series new to the tracker passes the {@link CardinalityGuard} first; when its metric or
 *       tenant is over the limit, the value goes to the overflow series, which is counted and
 *       reported, never dropped.
 *   <li>The {@link nexus.monitoring.api.spi.SamplingStrategy} decides which samples to keep, and
 *       kept counter increments and distribution counts are scaled by its factor.
 *   <li>A name is bound to the type it was first recorded with; recording it as another type
 *       throws.
 *   <li>Invalid input (a bad name or tag, an odd number of tag strings, a negative counter
 *       increment or timing, a non-finite value) throws {@link InvalidMetricException} naming the
 *       metric, the field and the value; nothing is recorded.
 * </ul>
 *
 * @since 1.0
 */
public interface TelemetryTracker {

  /**
   * The counter series {@code name} with {@code tags}, created on first use.
   *
   * @throws InvalidMetricException when the name or a tag is invalid, or {@code name} is already a
   *     metric of another type
   */
  Counter counterOf(String name, List<MetricTag> tags);

  /**
   * The gauge series {@code name} with {@code tags}, created on first use.
   *
   * @throws InvalidMetricException when the name or a tag is invalid, or {@code name} is already a
   *     metric of another type
   */
  Gauge gaugeOf(String name, List<MetricTag> tags);

  /**
   * The timing series {@code name} with {@code tags}, created on first use.
   *
   * @throws InvalidMetricException when the name or a tag is invalid, or {@code name} is already a
   *     metric of another type
   */
  Timer timerOf(String name, List<MetricTag> tags);

  /**
   * The histogram series {@code name} with {@code tags}, created on first use.
   *
   * @throws InvalidMetricException when the name or a tag is invalid, or {@code name} is already a
   *     metric of another type
   */
  Histogram histogramOf(String name, List<MetricTag> tags);

  /**
   * Records a complete sample, as received by ingest: its own tenant and timestamp are kept, and
   * its trace context becomes an exemplar.
   *
   * @throws InvalidMetricException when {@code sample.name()} is already a metric of another type
   */
  void record(Metric sample);

  /**
   * Gives metric {@code name} a one-line description and a unit, which exporters render (as
   * Prometheus {@code HELP} and {@code UNIT}, say). May be called before or after the first sample;
   * a later call replaces an earlier one.
   *
   * @param description one line for humans; may be empty, not null
   * @param unit such as {@code seconds} or {@code bytes}; may be empty, not null
   * @throws InvalidMetricException when the name is invalid or a text is null
   */
  void describe(String name, String description, String unit);

  /**
   * The current state of every series of every tenant, with the series of one metric name next to
   * each other, as {@link nexus.monitoring.api.spi.MetricExporter#export} expects. A copy: later
   * recording does not change it.
   */
  List<MetricSnapshot> snapshot();

  /** {@link #counterOf(String, List)} with tags as alternating keys and values. */
  default Counter counterOf(String name, String... tags) {
    return counterOf(name, MetricTag.ofPairs(tags));
  }

  /** {@link #gaugeOf(String, List)} with tags as alternating keys and values. */
  default Gauge gaugeOf(String name, String... tags) {
    return gaugeOf(name, MetricTag.ofPairs(tags));
  }

  /** {@link #timerOf(String, List)} with tags as alternating keys and values. */
  default Timer timerOf(String name, String... tags) {
    return timerOf(name, MetricTag.ofPairs(tags));
  }

  /** {@link #histogramOf(String, List)} with tags as alternating keys and values. */
  default Histogram histogramOf(String name, String... tags) {
    return histogramOf(name, MetricTag.ofPairs(tags));
  }

  /** Adds 1 to counter {@code name}; tags as alternating keys and values. */
  default void increment(String name, String... tags) {
    counterOf(name, tags).increment();
  }

  /**
   * Adds {@code amount} to counter {@code name}; tags as alternating keys and values.
   *
   * @param amount finite and not negative
   */
  default void increment(String name, double amount, String... tags) {
    counterOf(name, tags).increment(amount);
  }

  /**
   * Sets gauge {@code name} to {@code value}; tags as alternating keys and values.
   *
   * @param value finite
   */
  default void gauge(String name, double value, String... tags) {
    gaugeOf(name, tags).set(value);
  }

  /**
   * Records {@code duration} in timing {@code name}; tags as alternating keys and values.
   *
   * @param duration not negative
   */
  default void timing(String name, Duration duration, String... tags) {
    timerOf(name, tags).record(duration);
  }

  /**
   * Records {@code value} in histogram {@code name}; tags as alternating keys and values.
   *
   * @param value finite and not negative
   */
  default void histogram(String name, double value, String... tags) {
    histogramOf(name, tags).record(value);
  }
}
