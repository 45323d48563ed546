package nexus.monitoring.runtime.telemetry;

import java.lang.ref.Reference;
import nexus.monitoring.api.Histogram;

final class HistogramHandle extends SeriesHandle implements Histogram {
  HistogramHandle(DefaultTelemetryTracker tracker, Series series) {
    super(tracker, series);
  }

  @Override
  public void record(double value) {
    Series s = series;
    DefaultTelemetryTracker.checkHistogramValue(s, value);
    if (direct && !s.retired) {
      ((DistributionState) s.state).record(value);
      Reference.reachabilityFence(s);
    } else {
      tracker.addToDistribution(live(), value);
    }
  }
}
