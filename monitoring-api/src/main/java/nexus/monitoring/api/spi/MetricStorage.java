package nexus.monitoring.api.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricStorageException;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.QuerySpec;

/**
 * Keeps metric history as {@link MetricAggregate}s: one per series and step. The host's query
 * engine and retention service work on top of it, so a storage only stores, finds and replaces
 * aggregates; it never interprets a sketch.
 *
 * <p>Implementations promise:
 *
 * <ul>
 *   <li>Every method is thread-safe; appends may run while a read or rewrite does.
 *   <li>Durability: when {@link #append} returns, the batch survives the host process being killed
 *       (SIGKILL). The host acknowledges pushed data only after that.
 *   <li>Atomicity: a read sees every aggregate of an appended batch or none of it; a {@link
 *       #rewrite} is seen whole or not at all.
 *   <li>Tenants are isolated: {@link #read} returns only aggregates of the query's tenant.
 *   <li>Failures of the storage itself (I/O, connection, schema) throw {@link
 *       MetricStorageException} naming the storage and the operation, with the cause.
 * </ul>
 *
 * <p>The host calls {@link #close()} once at shutdown, after the last other call.
 *
 * @since 1.0
 */
public interface MetricStorage extends AutoCloseable {

  /**
   * Stores {@code batch}, all of it or, when this throws, none of it. Aggregates are stored as
   * given: two aggregates of the same series and step are both kept.
   *
   * @throws MetricStorageException when the batch could not be stored
   */
  void append(List<MetricAggregate> batch);

  /**
   * The aggregates of {@code query}'s metric and tenant whose start lies in {@code [from, to)} and
   * whose tags include every tag filter, in any order. Group-by and step are the engine's business
   * and are ignored here.
   *
   * @throws MetricStorageException when the storage could not be read
   */
  List<MetricAggregate> read(QuerySpec query);

  /**
   * Every aggregate of {@code metricName}, of every tenant, whose start lies in {@code [from, to)};
   * used by retention to downsample.
   *
   * @throws MetricStorageException when the storage could not be read
   */
  List<MetricAggregate> readAll(String metricName, Instant from, Instant to);

  /** Every stored metric name with its type. */
  Map<String, MetricType> metrics();

  /**
   * Atomically deletes every aggregate of {@code metricName}, of every tenant, whose start lies in
   * {@code [from, to)}, and stores {@code replacement} in their place.
   *
   * @return how many aggregates were deleted
   * @throws MetricStorageException when the storage could not be changed; then nothing changed
   */
  long rewrite(String metricName, Instant from, Instant to, List<MetricAggregate> replacement);

  /**
   * Deletes every aggregate of {@code metricName} (of every tenant) that ends at or before {@code
   * cutoff}.
   *
   * @return how many aggregates were deleted
   * @throws MetricStorageException when the storage could not be changed
   */
  long deleteBefore(String metricName, Instant cutoff);

  /** Releases connections, files and threads. Does not throw a checked exception. */
  @Override
  void close();
}
