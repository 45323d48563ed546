package nexus.monitoring.api.spi;

import java.util.List;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;

/**
 * Decides which samples the tracker records, to bound the cost of very hot metrics, and by how much
 * a kept sample stands for the ones left out.
 *
 * <p>For every sample, the tracker asks {@link #shouldRecord}. When a sample is kept, the counts it
 * contributes are multiplied by {@link #scaleFactor}: a counter increment of 1 is recorded as 1 ×
 * factor, and a timing or histogram observation counts as factor observations. Gauges hold a
 * current value and are not scaled. For the estimates to stay unbiased, the factor must be the
 * inverse of the probability that {@code shouldRecord} returns {@code true} for that metric: a
 * strategy that keeps one sample in ten returns 10.
 *
 * <p>Both methods run on the recording hot path: they must be thread-safe, must not block or
 * allocate much, and must not throw. The default is {@link
 * nexus.monitoring.api.NoSamplingStrategy}.
 *
 * @since 1.0
 */
public interface SamplingStrategy {

  /** Whether to record this sample of {@code metricName} with {@code tags}. */
  boolean shouldRecord(String metricName, MetricType type, List<MetricTag> tags);

  /**
   * By how much a kept sample of {@code metricName} counts: finite and at least 1; 1 when the
   * metric is not sampled.
   */
  double scaleFactor(String metricName, MetricType type);
}
