package nexus.monitoring.api;

import java.util.function.Supplier;

/**
 * A mixin that gives a class short recording methods. Implement {@link #telemetryTracker()} (an
 * injected field usually) and call the rest:
 *
 * <pre>{@code
 * final class OrderService implements MonitoringAware {
 *   private final TelemetryTracker tracker;
 *
 *   @Inject
 *   OrderService(TelemetryTracker tracker) {
 *     this.tracker = tracker;
 *   }
 *
 *   public TelemetryTracker telemetryTracker() {
 *     return tracker;
 *   }
 *
 *   Order place(Cart cart) {
 *     increment("orders.placed", "channel", cart.channel());
 *     return time("orders.place.duration", () -> store(cart));
 *   }
 * }
 * }</pre>
 *
 * <p>Every method delegates to the tracker and so makes the same promises and throws the same
 * exceptions; tags are alternating keys and values.
 *
 * @since 1.0
 */
public interface MonitoringAware {

  /** The tracker the default methods record to; never null. */
  TelemetryTracker telemetryTracker();

  /** Adds 1 to counter {@code name}. */
  default void increment(String name, String... tags) {
    telemetryTracker().increment(name, tags);
  }

  /** Adds {@code amount} to counter {@code name}. */
  default void increment(String name, double amount, String... tags) {
    telemetryTracker().increment(name, amount, tags);
  }

  /** Sets gauge {@code name} to {@code value}. */
  default void gauge(String name, double value, String... tags) {
    telemetryTracker().gauge(name, value, tags);
  }

  /**
   * Runs {@code action}, records its duration in timing {@code name} (also when it throws) and
   * returns its result.
   */
  default <T> T time(String name, Supplier<T> action, String... tags) {
    return telemetryTracker().timerOf(name, tags).time(action);
  }

  /** Runs {@code action} and records its duration in timing {@code name}, also when it throws. */
  default void time(String name, Runnable action, String... tags) {
    telemetryTracker().timerOf(name, tags).time(action);
  }
}
