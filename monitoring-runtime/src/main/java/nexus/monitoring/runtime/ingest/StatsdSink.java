package nexus.monitoring.runtime.ingest;

import java.time.Instant;
import java.util.List;
import nexus.monitoring.api.MetricTag;

/**
 * Where {@link StatsdListener} sends what it parsed, one call per value.
 *
 * <p>The listener calls from its single receive thread, so an implementation sees calls in datagram
 * order and needs no locking for that reason alone. Names follow {@link
 * nexus.monitoring.api.MetricNames}; tags are sorted and unique; timestamps are never null. An
 * exception thrown here is counted and logged by the listener, and the next value is delivered as
 * usual. {@link StatsdRecorder} is the implementation that turns the calls into {@link
 * nexus.monitoring.api.Metric}s.
 */
public interface StatsdSink {

  /**
   * A counter increment.
   *
   * @param count not negative; already divided by the sample rate, so {@code hits:1|c|@0.1} gives
   *     10
   */
  void counter(String name, List<MetricTag> tags, double count, Instant timestamp);

  /**
   * A gauge's new value.
   *
   * @param value not negative: StatsD has no way to send a negative absolute value
   */
  void gauge(String name, List<MetricTag> tags, double value, Instant timestamp);

  /**
   * A change to a gauge's current value.
   *
   * @param delta signed, finite
   */
  void gaugeDelta(String name, List<MetricTag> tags, double delta, Instant timestamp);

  /**
   * One duration.
   *
   * @param seconds not negative; converted from the line's milliseconds
   * @param sampleRate in (0, 1]; the observation stands for {@code 1 / sampleRate} of them
   */
  void timing(
      String name, List<MetricTag> tags, double seconds, double sampleRate, Instant timestamp);

  /**
   * One observation of a histogram ({@code h}) or distribution ({@code d}).
   *
   * @param value not negative
   * @param sampleRate in (0, 1]; the observation stands for {@code 1 / sampleRate} of them
   */
  void histogram(
      String name, List<MetricTag> tags, double value, double sampleRate, Instant timestamp);

  /**
   * One member of a set.
   *
   * @param member any non-empty text; equal texts are the same member
   */
  void set(String name, List<MetricTag> tags, String member, Instant timestamp);
}
