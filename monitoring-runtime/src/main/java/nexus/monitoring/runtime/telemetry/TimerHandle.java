package nexus.monitoring.runtime.telemetry;

import java.lang.ref.Reference;
import nexus.monitoring.api.Timer;

final class TimerHandle extends SeriesHandle implements Timer {
  private final DistributionState state;

  TimerHandle(DefaultTelemetryTracker tracker, Series series) {
    super(tracker, series);
    this.state = (DistributionState) series.state;
  }

  @Override
  public void recordNanos(long nanos) {
    DefaultTelemetryTracker.checkTimingNanos(bound, nanos);
    if (directNow()) {
      state.record(nanos / 1e9);
      Reference.reachabilityFence(this);
    } else {
      tracker.addToDistribution(live(), nanos / 1e9);
    }
  }
}
