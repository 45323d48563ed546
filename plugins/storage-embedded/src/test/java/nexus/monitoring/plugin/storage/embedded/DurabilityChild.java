package nexus.monitoring.plugin.storage.embedded;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.Tenants;

/**
 * The process {@link DurabilityTest} kills: appends batches to a store as fast as it can and prints
 * {@code ack <batch>} after each append has returned. Batch {@code b} holds {@link #BATCH_SIZE}
 * aggregates of {@link #METRIC} whose count is {@code b}, so the test can tell batches apart.
 *
 * <p>Arguments: the installation directory, the first batch number. Stops by itself after a minute
 * in case nobody kills it.
 */
final class DurabilityChild {
  static final String METRIC = "durability.batch";
  static final int BATCH_SIZE = 100;

  private DurabilityChild() {}

  public static void main(String[] args) {
    Path home = Path.of(args[0]);
    long first = Long.parseLong(args[1]);
    long deadline = System.nanoTime() + 60_000_000_000L;
    try (EmbeddedMetricStorage storage = new EmbeddedMetricStorage(StorageTestSettings.of(home))) {
      System.out.println("ready");
      System.out.flush();
      for (long batch = first; System.nanoTime() < deadline; batch++) {
        storage.append(batch(batch));
        System.out.println("ack " + batch);
        System.out.flush();
      }
    }
  }

  static List<MetricAggregate> batch(long batch) {
    List<MetricAggregate> aggregates = new ArrayList<>(BATCH_SIZE);
    Instant start = Aggregates.T0.plusSeconds(batch);
    for (int i = 0; i < BATCH_SIZE; i++) {
      MetricAggregate template =
          Aggregates.of(
              METRIC,
              MetricType.COUNTER,
              Tenants.DEFAULT,
              start.plusMillis(i),
              i,
              "slot",
              String.valueOf(i % 10));
      aggregates.add(
          new MetricAggregate(
              template.name(),
              template.type(),
              template.tags(),
              template.tenant(),
              template.start(),
              template.step(),
              batch,
              template.sum(),
              template.sumOfSquares(),
              template.min(),
              template.max(),
              template.last(),
              new byte[64],
              null));
    }
    return aggregates;
  }
}
