package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class MonitoringAwareTest {

  /** What an application class looks like: it only supplies the tracker. */
  private static final class OrderService implements MonitoringAware {
    private final TelemetryTracker tracker;

    OrderService(TelemetryTracker tracker) {
      this.tracker = tracker;
    }

    @Override
    public TelemetryTracker telemetryTracker() {
      return tracker;
    }

    String place(String channel) {
      increment("orders.placed", "channel", channel);
      return time("orders.place.duration", () -> "order-1", "channel", channel);
    }
  }

  private final RecordingTracker tracker = new RecordingTracker();
  private final OrderService service = new OrderService(tracker);

  @Test
  void mixin_incrementAndTimeSupplier_recordThroughTheTracker() {
    String order = service.place("web");

    assertThat(order).isEqualTo("order-1");
    assertThat(tracker.lines).hasSize(2);
    assertThat(tracker.lines.get(0)).isEqualTo("counter orders.placed [channel=web] +1.0");
    assertThat(tracker.lines.get(1)).startsWith("timer orders.place.duration [channel=web] ");
  }

  @Test
  void mixin_timeRunnable_recordsOnce() {
    int[] runs = {0};

    service.time(
        "cleanup",
        () -> {
          runs[0]++;
        });

    assertThat(runs[0]).isEqualTo(1);
    assertThat(tracker.lines).singleElement().asString().startsWith("timer cleanup [] ");
  }

  @Test
  void mixin_gaugeAndAmount_delegate() {
    service.gauge("cart.size", 3, "channel", "app");
    service.increment("revenue", 19.99);

    assertThat(tracker.lines)
        .containsExactly("gauge cart.size [channel=app] =3.0", "counter revenue [] +19.99");
  }

  @Test
  void whenTimedSupplierThrows_mixinRecordsAndRethrows() {
    assertThatThrownBy(
            () ->
                service.time(
                    "risky",
                    () -> {
                      throw new IllegalStateException("no stock");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no stock");
    assertThat(tracker.lines).singleElement().asString().startsWith("timer risky [] ");
  }
}
