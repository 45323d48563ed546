package nexus.monitoring.benchmarks;

import java.util.List;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.TelemetryTracker;
import nexus.monitoring.api.spi.MetricExporter;
import nexus.monitoring.runtime.telemetry.DefaultCardinalityGuard;
import nexus.monitoring.runtime.telemetry.DefaultTelemetryTracker;
import nexus.monitoring.runtime.telemetry.InMemoryCardinalityStorage;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The series of {@link ScrapeWorkload} twice: recorded in a tracker, for a whole scrape ({@link
 * TelemetryTracker#snapshot()} and then the exporter), and as the list of {@link MetricSnapshot}s
 * the {@code exporter-prometheus} plugin receives, for the exporter alone.
 *
 * <p>The tracker's cardinality limits are raised above the series rendered here (the default allows
 * 100,000 series per tenant), so nothing is folded into an overflow series.
 */
@State(Scope.Benchmark)
public class NexusScrapeState {
  private static final long CARDINALITY_LIMIT = 1_000_000;

  @Param({"10000", "100000"})
  public int series;

  MetricExporter exporter;
  TelemetryTracker tracker;
  List<MetricSnapshot> snapshots;
  final CountingSink sink = new CountingSink();

  @Setup
  public void setUp() {
    exporter = NexusExporters.prometheus();
    tracker =
        DefaultTelemetryTracker.builder()
            .cardinalityGuard(
                new DefaultCardinalityGuard(
                    new InMemoryCardinalityStorage(), CARDINALITY_LIMIT, CARDINALITY_LIMIT))
            .build();
    int perFamily = ScrapeWorkload.seriesPerFamily(series);
    for (int family = 0; family < ScrapeWorkload.FAMILIES; family++) {
      String name = ScrapeWorkload.name(family);
      tracker.describe(name, ScrapeWorkload.HELP, "");
      for (int i = 0; i < perFamily; i++) {
        String[] tags = {"method", ScrapeWorkload.method(i), "path", ScrapeWorkload.path(i)};
        double value = ScrapeWorkload.value(family, i);
        if (ScrapeWorkload.isCounter(family)) {
          tracker.increment(name, value, tags);
        } else {
          tracker.gauge(name, value, tags);
        }
      }
    }
    snapshots = tracker.snapshot();
  }
}
