package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.MonitoringAware;
import nexus.monitoring.api.TelemetryTracker;
import org.junit.jupiter.api.Test;

/** The API's mixin, on an application class, recording through the host's tracker. */
final class MonitoringAwareTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private final DefaultTelemetryTracker tracker =
      DefaultTelemetryTracker.builder().clock(new MutableClock(T0)).build();

  /** An application class, as the mixin's documentation shows it. */
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
      increment("orders.value", 12.5, "channel", channel);
      gauge("orders.open", 3);
      return time("orders.place.duration", () -> "order-1", "channel", channel);
    }

    void failToShip() {
      time(
          "orders.ship.duration",
          () -> {
            throw new IllegalStateException("no courier");
          });
    }
  }

  @Test
  void defaultMethods_recordThroughTheTracker() {
    OrderService service = new OrderService(tracker);

    String order = service.place("web");
    assertThatThrownBy(service::failToShip).hasMessage("no courier");
    List<MetricAggregate> flushed = tracker.flush(T0.plusSeconds(10));

    assertThat(order).isEqualTo("order-1");
    assertThat(flushed)
        .extracting(a -> a.name() + " " + a.type() + " " + a.count() + " " + a.tags())
        .containsExactlyInAnyOrder(
            "orders.placed COUNTER 1 " + List.of(MetricTag.of("channel", "web")),
            "orders.value COUNTER 1 " + List.of(MetricTag.of("channel", "web")),
            "orders.open GAUGE 1 []",
            "orders.place.duration TIMING 1 " + List.of(MetricTag.of("channel", "web")),
            "orders.ship.duration TIMING 1 []");
    assertThat(
            flushed.stream()
                .filter(a -> a.name().equals("orders.value"))
                .findFirst()
                .orElseThrow()
                .sum())
        .isEqualTo(12.5);
    assertThat(flushed.stream().filter(a -> a.type() == MetricType.TIMING))
        .allSatisfy(a -> assertThat(a.sum()).isGreaterThanOrEqualTo(0.0));
  }
}
