package nexus.monitoring.runtime.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nexus.monitoring.api.Exemplar;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.Tenants;
import nexus.monitoring.runtime.telemetry.Sketches;
import org.HdrHistogram.DoubleHistogram;

/**
 * Plays the part of a recording source in tests: turns the raw values one series recorded during
 * one step into the {@link MetricAggregate} a tracker would flush.
 */
final class Recorded {
  private final String name;
  private final MetricType type;
  private List<MetricTag> tags = List.of();
  private String tenant = Tenants.DEFAULT;
  private Duration step = Duration.ofSeconds(10);
  private double runningTotal = Double.NaN;
  private boolean withSketch = true;
  private Exemplar exemplar;

  private Recorded(String name, MetricType type) {
    this.name = name;
    this.type = type;
  }

  static Recorded series(String name, MetricType type) {
    return new Recorded(name, type);
  }

  Recorded tags(String... keyValues) {
    this.tags = MetricTag.ofPairs(keyValues);
    return this;
  }

  Recorded tenant(String tenant) {
    this.tenant = tenant;
    return this;
  }

  Recorded step(Duration step) {
    this.step = step;
    return this;
  }

  /** For a counter: its running total at the end of the next step. */
  Recorded total(double runningTotal) {
    this.runningTotal = runningTotal;
    return this;
  }

  Recorded withoutSketch() {
    this.withSketch = false;
    return this;
  }

  Recorded exemplar(Exemplar exemplar) {
    this.exemplar = exemplar;
    return this;
  }

  /** The aggregate of {@code values} recorded in the step starting at {@code start}. */
  MetricAggregate at(Instant start, double... values) {
    double sum = 0;
    double sumOfSquares = 0;
    double min = Double.NaN;
    double max = Double.NaN;
    for (double v : values) {
      sum += v;
      sumOfSquares += v * v;
      min = Double.isNaN(min) || v < min ? v : min;
      max = Double.isNaN(max) || v > max ? v : max;
    }
    double last =
        switch (type) {
          case COUNTER -> runningTotal;
          case GAUGE -> values.length == 0 ? Double.NaN : values[values.length - 1];
          default -> Double.NaN;
        };
    byte[] sketch = null;
    if (withSketch && (type == MetricType.TIMING || type == MetricType.HISTOGRAM)) {
      DoubleHistogram histogram = Sketches.empty();
      for (double v : values) {
        histogram.recordValue(v);
      }
      sketch = Sketches.encode(histogram);
    }
    return new MetricAggregate(
        name,
        type,
        tags,
        tenant,
        start,
        step,
        values.length,
        sum,
        sumOfSquares,
        min,
        max,
        last,
        sketch,
        exemplar);
  }
}
