package nexus.monitoring.runtime.telemetry;

import nexus.monitoring.api.Counter;

final class CounterHandle extends SeriesHandle implements Counter {
  CounterHandle(DefaultTelemetryTracker tracker, Series series) {
    super(tracker, series);
  }

  @Override
  public void increment() {
    tracker.addToCounter(live(), 1.0);
  }

  @Override
  public void increment(double amount) {
    DefaultTelemetryTracker.checkCounterAmount(name(), amount);
    tracker.addToCounter(live(), amount);
  }
}
