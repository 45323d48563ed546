package nexus.monitoring.runtime.telemetry;

import nexus.monitoring.api.Gauge;

final class GaugeHandle extends SeriesHandle implements Gauge {
  GaugeHandle(DefaultTelemetryTracker tracker, Series series) {
    super(tracker, series);
  }

  @Override
  public void set(double value) {
    DefaultTelemetryTracker.checkGaugeValue(name(), value);
    tracker.setGauge(live(), value);
  }
}
