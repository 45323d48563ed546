package nexus.monitoring.runtime.telemetry;

import nexus.monitoring.api.Histogram;

final class HistogramHandle extends SeriesHandle implements Histogram {
  HistogramHandle(DefaultTelemetryTracker tracker, Series series) {
    super(tracker, series);
  }

  @Override
  public void record(double value) {
    DefaultTelemetryTracker.checkHistogramValue(name(), value);
    tracker.addToDistribution(live(), value);
  }
}
