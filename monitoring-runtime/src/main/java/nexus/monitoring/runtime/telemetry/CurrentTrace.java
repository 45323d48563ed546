package nexus.monitoring.runtime.telemetry;

import java.util.function.Supplier;
import nexus.monitoring.api.TraceContext;

/**
 * Holds the trace context of the current thread, for code that has no tracing library of its own to
 * ask. Give {@link #get} to {@link DefaultTelemetryTracker.Builder#traceContext} and open a scope
 * around traced work; every recording inside it becomes its series' exemplar.
 *
 * <pre>{@code
 * CurrentTrace traces = new CurrentTrace();
 * DefaultTelemetryTracker tracker = DefaultTelemetryTracker.builder().traceContext(traces).build();
 * try (CurrentTrace.Scope scope = traces.open(new TraceContext(traceId, spanId))) {
 *   tracker.increment("orders.placed");
 * }
 * }</pre>
 *
 * <p>Scopes nest; closing one restores the context that was current when it was opened. A scope
 * belongs to the thread that opened it and must be closed on that thread.
 *
 * @since 1.0
 */
public final class CurrentTrace implements Supplier<TraceContext> {
  private final ThreadLocal<TraceContext> current = new ThreadLocal<>();

  /** A holder in which no thread has a trace context. */
  public CurrentTrace() {}

  /** An open trace scope; closing it restores the outer context. */
  public interface Scope extends AutoCloseable {
    /** Restores the trace context that was current when the scope was opened. */
    @Override
    void close();
  }

  /** The trace context of the current thread, or {@code null} when there is none. */
  @Override
  public TraceContext get() {
    return current.get();
  }

  /**
   * Makes {@code trace} current on this thread until the returned scope is closed.
   *
   * @param trace the context, or {@code null} to record without one inside the scope
   */
  public Scope open(TraceContext trace) {
    TraceContext outer = current.get();
    current.set(trace);
    return () -> {
      if (outer == null) {
        current.remove();
      } else {
        current.set(outer);
      }
    };
  }

  /** Runs {@code action} with {@code trace} current. */
  public void runIn(TraceContext trace, Runnable action) {
    try (Scope scope = open(trace)) {
      action.run();
    }
  }

  /** Runs {@code action} with {@code trace} current and returns its result. */
  public <T> T callIn(TraceContext trace, Supplier<T> action) {
    try (Scope scope = open(trace)) {
      return action.get();
    }
  }

  @Override
  public String toString() {
    return "CurrentTrace";
  }
}
