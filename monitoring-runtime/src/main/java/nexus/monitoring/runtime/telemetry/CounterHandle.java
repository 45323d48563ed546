package nexus.monitoring.runtime.telemetry;

import java.lang.ref.Reference;
import nexus.monitoring.api.Counter;

final class CounterHandle extends SeriesHandle implements Counter {
  CounterHandle(DefaultTelemetryTracker tracker, Series series) {
    super(tracker, series);
  }

  @Override
  public void increment() {
    Series s = series;
    if (direct && !s.retired) {
      ((CounterState) s.state).ones.increment();
      // Keeps the front reachable until the value is in; see the recording methods of
      // DefaultTelemetryTracker.
      Reference.reachabilityFence(s);
    } else {
      tracker.addToCounter(live(), 1.0);
    }
  }

  @Override
  public void increment(double amount) {
    Series s = series;
    DefaultTelemetryTracker.checkCounterAmount(s, amount);
    if (direct && !s.retired) {
      ((CounterState) s.state).add(amount);
      Reference.reachabilityFence(s);
    } else {
      tracker.addToCounter(live(), amount);
    }
  }
}
