package nexus.monitoring.runtime.retention;

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

/** Builds the aggregate a source flushes for one series and step, from the raw values. */
final class Steps {
  private final String name;
  private final MetricType type;
  private List<MetricTag> tags = List.of();
  private String tenant = Tenants.DEFAULT;
  private Duration step = Duration.ofSeconds(10);

  private Steps(String name, MetricType type) {
    this.name = name;
    this.type = type;
  }

  static Steps of(String name, MetricType type) {
    return new Steps(name, type);
  }

  Steps tags(String... keyValues) {
    tags = MetricTag.ofPairs(keyValues);
    return this;
  }

  Steps tenant(String tenant) {
    this.tenant = tenant;
    return this;
  }

  Steps step(Duration step) {
    this.step = step;
    return this;
  }

  MetricAggregate at(Instant start, double... values) {
    return at(start, Double.NaN, null, values);
  }

  /**
   * @param runningTotal a counter's total at the end of the step; ignored for other types, whose
   *     {@code last} is the last value
   */
  MetricAggregate at(Instant start, double runningTotal, Exemplar exemplar, double... values) {
    double sum = 0;
    double sumOfSquares = 0;
    double min = Double.NaN;
    double max = Double.NaN;
    for (double v : values) {
      sum += v;
      sumOfSquares += v * v;
      min = Double.isNaN(min) ? v : Math.min(min, v);
      max = Double.isNaN(max) ? v : Math.max(max, v);
    }
    double last =
        type == MetricType.COUNTER
            ? runningTotal
            : values.length == 0 ? Double.NaN : values[values.length - 1];
    byte[] sketch = null;
    if (type == MetricType.TIMING || type == MetricType.HISTOGRAM) {
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
