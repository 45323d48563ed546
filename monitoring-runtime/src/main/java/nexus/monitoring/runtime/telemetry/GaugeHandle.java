package nexus.monitoring.runtime.telemetry;

import java.lang.ref.Reference;
import nexus.monitoring.api.Gauge;

final class GaugeHandle extends SeriesHandle implements Gauge {
  GaugeHandle(DefaultTelemetryTracker tracker, Series series) {
    super(tracker, series);
  }

  @Override
  public void set(double value) {
    Series s = series;
    DefaultTelemetryTracker.checkGaugeValue(s, value);
    if (direct && !s.retired) {
      ((GaugeState) s.state).set(value);
      Reference.reachabilityFence(s);
    } else {
      tracker.setGauge(live(), value);
    }
  }
}
