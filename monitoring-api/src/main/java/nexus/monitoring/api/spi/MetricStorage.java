package nexus.monitoring.api.spi;

import java.time.Instant;
import java.util.List;
import nexus.monitoring.api.AggregationResult;
import nexus.monitoring.api.AggregationSpec;
import nexus.monitoring.api.Metric;
import nexus.monitoring.api.MetricStorageException;
import nexus.monitoring.api.PurgeResult;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.api.RetentionPolicy;

/**
 * Keeps metric history: appends samples, answers aggregation queries over them, and deletes or
 * downsamples old ones.
 *
 * <p>Implementations promise:
 *
 * <ul>
 *   <li>Every method is thread-safe; appends may run while a query or purge does.
 *   <li>Tenants are isolated: a query returns only samples of its {@link QuerySpec#tenant()}.
 *   <li>A query sees every sample of a batch whose {@link #append} returned, or none of it.
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
   * Stores {@code batch}, all of it or, when this throws, none of it. Samples are stored as given
   * (no deduplication); their order within the batch does not matter.
   *
   * @param batch validated samples, possibly of several metrics and tenants; may be empty
   * @throws MetricStorageException when the batch could not be stored
   */
  void append(List<Metric> batch);

  /**
   * Aggregates the samples {@link QuerySpec#matches matching} {@code query}: groups them into
   * series by {@link QuerySpec#groupTags}, splits each series into the query's buckets, and reduces
   * each non-empty bucket with {@code aggregation}. Over downsampled data, SUM, COUNT, MIN, MAX and
   * AVG are exact; percentiles and STDDEV may be approximate.
   *
   * @return the series found; {@link AggregationResult#empty} when nothing matches, including for a
   *     metric the storage has never seen
   * @throws nexus.monitoring.api.UnsupportedAggregationException when the aggregation does not
   *     apply to the stored metric's type ({@link AggregationSpec#requireApplicableTo})
   * @throws MetricStorageException when the storage could not be read
   */
  AggregationResult query(QuerySpec query, AggregationSpec aggregation);

  /**
   * Applies retention at time {@code now}. Each stored metric follows the first of {@code policies}
   * that matches its name and type ({@link RetentionPolicy#firstMatch}); a metric no policy matches
   * is left alone. Samples before the policy's {@link RetentionPolicy#expiresBefore expiry cutoff}
   * are deleted; with downsampling, samples before its {@link RetentionPolicy#downsamplesBefore
   * downsampling cutoff} are replaced by one aggregate per series and {@link
   * RetentionPolicy#downsampleStep() step} bucket. Running it twice with the same arguments changes
   * nothing the second time.
   *
   * @return how many samples were deleted and how many were downsampled
   * @throws MetricStorageException when the storage could not be changed; samples already purged
   *     stay purged
   */
  PurgeResult purge(List<RetentionPolicy> policies, Instant now);

  /**
   * Deletes every sample, of every metric and tenant, with a timestamp before {@code cutoff}.
   *
   * @return how many samples were deleted
   * @throws MetricStorageException when the storage could not be changed
   */
  long purgeBefore(Instant cutoff);

  /**
   * Releases connections, files and threads. Does not throw a checked exception.
   *
   * @throws MetricStorageException when pending writes could not be flushed
   */
  @Override
  void close();
}
