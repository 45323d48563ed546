package nexus.monitoring.runtime.telemetry;

import java.lang.ref.Reference;
import nexus.monitoring.api.Timer;

final class TimerHandle extends SeriesHandle implements Timer {
  TimerHandle(DefaultTelemetryTracker tracker, Series series) {
    super(tracker, series);
  }

  @Override
  public void recordNanos(long nanos) {
    Series s = series;
    DefaultTelemetryTracker.checkTimingNanos(s, nanos);
    if (direct && !s.retired) {
      ((DistributionState) s.state).record(nanos / 1e9);
      Reference.reachabilityFence(s);
    } else {
      tracker.addToDistribution(live(), nanos / 1e9);
    }
  }
}
