package nexus.monitoring.runtime.telemetry;

import java.lang.ref.Reference;
import nexus.monitoring.api.Histogram;

final class HistogramHandle extends SeriesHandle implements Histogram {
  private final DistributionState state;

  HistogramHandle(DefaultTelemetryTracker tracker, Series series) {
    super(tracker, series);
    this.state = (DistributionState) series.state;
  }

  @Override
  public void record(double value) {
    DefaultTelemetryTracker.checkHistogramValue(bound, value);
    if (directNow()) {
      state.record(value);
      Reference.reachabilityFence(this);
    } else {
      tracker.addToDistribution(live(), value);
    }
  }
}
