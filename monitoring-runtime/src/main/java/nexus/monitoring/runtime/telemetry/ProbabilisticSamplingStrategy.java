package nexus.monitoring.runtime.telemetry;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.spi.SamplingStrategy;

/**
 * Keeps each counter increment and each timing or histogram observation with probability {@code
 * rate}, independently, and scales kept ones by {@code 1 / rate}, so sums and counts stay unbiased
 * estimates of the true totals. Gauges are never sampled: a gauge holds a current value, and
 * skipping a set would leave it stale.
 *
 * <p>The relative error of a sampled total of {@code n} samples is about {@code sqrt((1 - rate) /
 * (rate * n))}: about 1% for a million increments at rate 0.01.
 *
 * @since 1.0
 */
public final class ProbabilisticSamplingStrategy implements SamplingStrategy {
  private final double rate;
  private final double factor;
  private final DoubleSupplier uniform;

  /**
   * @param rate the probability of keeping a sample, in (0, 1]
   * @throws IllegalArgumentException when the rate is outside (0, 1]
   */
  public ProbabilisticSamplingStrategy(double rate) {
    this(rate, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * A strategy whose decisions repeat for a given seed when one thread records, for tests and
   * reproducible experiments; it shares one generator across threads, so prefer {@link
   * #ProbabilisticSamplingStrategy(double)} on hot paths.
   *
   * @throws IllegalArgumentException when the rate is outside (0, 1]
   */
  public ProbabilisticSamplingStrategy(double rate, long seed) {
    this(rate, new Random(seed)::nextDouble);
  }

  private ProbabilisticSamplingStrategy(double rate, DoubleSupplier uniform) {
    if (!(rate > 0 && rate <= 1)) {
      throw new IllegalArgumentException(
          "sampling rate " + rate + " is invalid; expected a probability in (0, 1]");
    }
    this.rate = rate;
    this.factor = 1 / rate;
    this.uniform = uniform;
  }

  /** The probability of keeping a sample. */
  public double rate() {
    return rate;
  }

  @Override
  public boolean shouldRecord(String metricName, MetricType type, List<MetricTag> tags) {
    return type == MetricType.GAUGE || rate == 1 || uniform.getAsDouble() < rate;
  }

  @Override
  public double scaleFactor(String metricName, MetricType type) {
    return type == MetricType.GAUGE ? 1 : factor;
  }

  @Override
  public String toString() {
    return "probabilistic sampling (rate " + rate + ")";
  }
}
