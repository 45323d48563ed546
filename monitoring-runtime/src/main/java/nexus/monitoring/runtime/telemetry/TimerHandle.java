package nexus.monitoring.runtime.telemetry;

import nexus.monitoring.api.Timer;

final class TimerHandle extends SeriesHandle implements Timer {
  TimerHandle(DefaultTelemetryTracker tracker, Series series) {
    super(tracker, series);
  }

  @Override
  public void recordNanos(long nanos) {
    DefaultTelemetryTracker.checkTimingNanos(name(), nanos);
    tracker.addToDistribution(live(), nanos / 1e9);
  }
}
