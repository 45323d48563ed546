package nexus.monitoring.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A tracker that writes every call as one line ({@code counter http.requests [method=GET] +1.0}),
 * so tests of the default methods can see exactly what reached the abstract ones.
 */
final class RecordingTracker implements TelemetryTracker {
  final List<String> lines = new ArrayList<>();

  @Override
  public Counter counterOf(String name, List<MetricTag> tags) {
    return amount -> lines.add("counter " + name + " " + MetricTag.render(tags) + " +" + amount);
  }

  @Override
  public Gauge gaugeOf(String name, List<MetricTag> tags) {
    return value -> lines.add("gauge " + name + " " + MetricTag.render(tags) + " =" + value);
  }

  @Override
  public Timer timerOf(String name, List<MetricTag> tags) {
    return nanos -> lines.add("timer " + name + " " + MetricTag.render(tags) + " " + nanos + "ns");
  }

  @Override
  public Histogram histogramOf(String name, List<MetricTag> tags) {
    return value -> lines.add("histogram " + name + " " + MetricTag.render(tags) + " " + value);
  }

  @Override
  public void record(Metric sample) {
    lines.add("record " + sample.name());
  }

  @Override
  public void describe(String name, String description, String unit) {
    lines.add("describe " + name);
  }

  @Override
  public List<MetricSnapshot> snapshot() {
    return List.of();
  }
}
