package nexus.monitoring.runtime.ingest;

import java.time.Instant;
import java.util.List;
import nexus.monitoring.api.MetricTag;

/**
 * One value read from a StatsD line; a line with several values yields one sample per value.
 *
 * @param type what the line asks for
 * @param name the metric name, already mapped by the rule of {@link StatsdParser}
 * @param tags the DogStatsD tags, keys mapped by the same rule, sorted and unique
 * @param value for {@link StatsdType#COUNTER} the increment divided by the sample rate; for {@link
 *     StatsdType#TIMING} seconds; for {@link StatsdType#GAUGE_DELTA} the signed change; for {@link
 *     StatsdType#SET} 0
 * @param member the set member for {@link StatsdType#SET}, otherwise {@code null}
 * @param sampleRate the {@code @} rate of the line, 1 when absent
 * @param timestamp the DogStatsD {@code T} timestamp, or the time the datagram was received
 */
public record StatsdSample(
    StatsdType type,
    String name,
    List<MetricTag> tags,
    double value,
    String member,
    double sampleRate,
    Instant timestamp) {

  /** Hands the sample to the matching method of {@code sink}. */
  public void deliverTo(StatsdSink sink) {
    switch (type) {
      case COUNTER -> sink.counter(name, tags, value, timestamp);
      case GAUGE -> sink.gauge(name, tags, value, timestamp);
      case GAUGE_DELTA -> sink.gaugeDelta(name, tags, value, timestamp);
      case TIMING -> sink.timing(name, tags, value, sampleRate, timestamp);
      case HISTOGRAM, DISTRIBUTION -> sink.histogram(name, tags, value, sampleRate, timestamp);
      case SET -> sink.set(name, tags, member, timestamp);
    }
  }
}
