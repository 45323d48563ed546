package nexus.monitoring.runtime.telemetry;

import java.lang.ref.Reference;
import java.util.concurrent.atomic.LongAdder;
import nexus.monitoring.api.Counter;

final class CounterHandle extends SeriesHandle implements Counter {
  private final CounterState state;
  private final LongAdder ones;

  CounterHandle(DefaultTelemetryTracker tracker, Series series) {
    super(tracker, series);
    this.state = (CounterState) series.state;
    this.ones = state.ones;
  }

  @Override
  public void increment() {
    if (directNow()) {
      ones.increment();
      // Keeps the bound front (held by this handle) reachable until the value is in; see the
      // recording methods of DefaultTelemetryTracker.
      Reference.reachabilityFence(this);
    } else {
      tracker.addToCounter(live(), 1.0);
    }
  }

  @Override
  public void increment(double amount) {
    DefaultTelemetryTracker.checkCounterAmount(bound, amount);
    if (directNow()) {
      state.add(amount);
      Reference.reachabilityFence(this);
    } else {
      tracker.addToCounter(live(), amount);
    }
  }
}
