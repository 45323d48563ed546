package nexus.monitoring.runtime.telemetry;

import java.lang.ref.Reference;
import nexus.monitoring.api.Gauge;

final class GaugeHandle extends SeriesHandle implements Gauge {
  private final GaugeState state;

  GaugeHandle(DefaultTelemetryTracker tracker, Series series) {
    super(tracker, series);
    this.state = (GaugeState) series.state;
  }

  @Override
  public void set(double value) {
    DefaultTelemetryTracker.checkGaugeValue(bound, value);
    if (directNow()) {
      state.set(value);
      Reference.reachabilityFence(this);
    } else {
      tracker.setGauge(live(), value);
    }
  }
}
