package nexus.monitoring.api;

import java.util.List;
import nexus.monitoring.api.spi.SamplingStrategy;

/**
 * The default {@link SamplingStrategy}: records every sample and scales nothing.
 *
 * @since 1.0
 */
public final class NoSamplingStrategy implements SamplingStrategy {

  /** The shared instance; the class holds no state, so any instance behaves the same. */
  public static final NoSamplingStrategy INSTANCE = new NoSamplingStrategy();

  /** For dependency injection; prefer {@link #INSTANCE} elsewhere. */
  public NoSamplingStrategy() {}

  /** Always {@code true}. */
  @Override
  public boolean shouldRecord(String metricName, MetricType type, List<MetricTag> tags) {
    return true;
  }

  /** Always 1. */
  @Override
  public double scaleFactor(String metricName, MetricType type) {
    return 1.0;
  }

  @Override
  public String toString() {
    return "NoSamplingStrategy";
  }
}
