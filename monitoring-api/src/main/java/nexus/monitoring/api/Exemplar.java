package nexus.monitoring.api;

import java.time.Instant;

/**
 * One concrete observation attached to an aggregated series, linking it to the trace it came from.
 *
 * @param value the observed value
 * @param trace the trace the observation was recorded in
 * @param timestamp when it was observed
 * @since 1.0
 */
public record Exemplar(double value, TraceContext trace, Instant timestamp) {
  /**
   * @throws InvalidMetricException when the value is not finite or a part is missing
   */
  public Exemplar {
    if (!Double.isFinite(value)) {
      throw new InvalidMetricException("exemplar value " + value + " is not a finite number");
    }
    if (trace == null || timestamp == null) {
      throw new InvalidMetricException("exemplar needs both a trace context and a timestamp");
    }
  }
}
