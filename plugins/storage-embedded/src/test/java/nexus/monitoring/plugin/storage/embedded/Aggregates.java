package nexus.monitoring.plugin.storage.embedded;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nexus.monitoring.api.Exemplar;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.Tenants;
import nexus.monitoring.api.TraceContext;

/** Aggregates for tests: a gauge step of 10 s with simple values, varied one part at a time. */
final class Aggregates {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final Duration STEP = Duration.ofSeconds(10);
  static final TraceContext TRACE =
      new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");

  private Aggregates() {}

  /**
   * A gauge of {@code name} for the default tenant with {@code tags}, starting at {@code start}.
   */
  static MetricAggregate gauge(String name, Instant start, String... tags) {
    return of(name, MetricType.GAUGE, Tenants.DEFAULT, start, 1.0, tags);
  }

  static MetricAggregate of(
      String name, MetricType type, String tenant, Instant start, double value, String... tags) {
    return new MetricAggregate(
        name,
        type,
        MetricTag.ofPairs(tags),
        tenant,
        start,
        STEP,
        1,
        value,
        value * value,
        value,
        value,
        value,
        null,
        null);
  }

  /** An aggregate with every field set, including a sketch and an exemplar. */
  static MetricAggregate full(String name, Instant start, long count, double sum) {
    return new MetricAggregate(
        name,
        MetricType.TIMING,
        List.of(MetricTag.of("method", "GET"), MetricTag.of("route", "/a,b=c\\d")),
        "tenant-a",
        start,
        STEP,
        count,
        sum,
        sum * sum / 3,
        0.001,
        sum / 2,
        Double.NaN,
        new byte[] {1, 2, 3, (byte) 0xff, 0},
        new Exemplar(0.25, TRACE, start.plusMillis(1500)));
  }
}
