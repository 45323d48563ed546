package nexus.monitoring.runtime.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricStorageException;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.RetentionPolicy;
import nexus.monitoring.api.spi.MetricStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link RetentionPolicy}s to the history a {@link MetricStorage} keeps: deletes what
 * expired and downsamples what is old.
 *
 * <p>Each stored metric follows the first policy that matches its name and type; when none does,
 * the default policy, if it matches; otherwise it is kept whole. A pass ({@link #purge}) then, per
 * metric, as of the clock's current instant {@code now}:
 *
 * <ol>
 *   <li>deletes every aggregate that ends at or before {@code now - retention};
 *   <li>when the policy downsamples with step {@code S}, takes the aggregates that start before
 *       {@code now - downsampleAfter} rounded down to a multiple of {@code S} since the epoch, and
 *       merges, per series (name, tags, tenant) and per epoch-aligned bucket of length {@code S},
 *       those whose step is at most {@code S} into one aggregate starting at the bucket's start
 *       with step {@code S}: counts, sums and sums of squares add, extremes combine, sketches merge
 *       through {@link nexus.monitoring.runtime.telemetry.Sketches} (so percentiles read from the
 *       result are those of the original values, within the sketch's error), {@code last} is the
 *       latest, and the exemplar is the latest. One {@link MetricStorage#rewrite} per metric swaps
 *       them in.
 * </ol>
 *
 * <p>Aggregates already coarser than {@code S} are left as they are, and a bucket already holding
 * exactly one aggregate of step {@code S} at its start is not rewritten, so a second pass at the
 * same instant changes nothing. A group that cannot be merged without losing information is left as
 * it is: one that mixes sketches with an aggregate of several distinct values and no sketch, or
 * known sums with unknown ones.
 *
 * <p>Downsampling reads, merges and rewrites; an aggregate appended into the rewritten range
 * between the read and the rewrite (back-filling data older than {@code downsampleAfter}) is
 * replaced with the rest and lost. A pass notices this from the rewrite's count and logs it at
 * WARN.
 *
 * <pre>{@code
 * MetricRetentionService retention = new MetricRetentionService(
 *     storage,
 *     List.of(RetentionPolicy.of("http.*", Duration.ofDays(90))
 *         .withDownsampling(Duration.ofDays(7), Duration.ofMinutes(5))),
 *     Clock.systemUTC(),
 *     RetentionPolicy.of("*", Duration.ofDays(30)));
 * PurgeReport wouldGo = retention.purge(true);
 * retention.start(scheduler, Duration.ofMinutes(10));
 * }</pre>
 */
public final class MetricRetentionService {
  private static final Logger LOG = LoggerFactory.getLogger(MetricRetentionService.class);

  private final MetricStorage storage;
  private final List<RetentionPolicy> policies;
  private final Clock clock;
  private final RetentionPolicy defaultPolicy;
  private final String storageName;

  // Scheduled passes only; guarded by this.
  private int consecutiveFailedPasses;
  private Set<String> metricsFailingLastPass = Set.of();

  /**
   * @param storage the history to purge
   * @param policies tried in order; the first that matches a metric applies
   * @param clock gives {@code now} for each pass
   * @param defaultPolicy applies to a metric no policy in {@code policies} matches, when it matches
   *     that metric itself; {@code null} to keep such metrics whole
   */
  public MetricRetentionService(
      MetricStorage storage,
      List<RetentionPolicy> policies,
      Clock clock,
      RetentionPolicy defaultPolicy) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.policies = List.copyOf(Objects.requireNonNull(policies, "policies"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.defaultPolicy = defaultPolicy;
    this.storageName = storage.getClass().getName();
  }

  /**
   * A service without a separate default: a metric no policy matches is kept whole. Pass the
   * default as the last, catch-all policy ({@code *}) to give every metric one.
   */
  public MetricRetentionService(
      MetricStorage storage, List<RetentionPolicy> policies, Clock clock) {
    this(storage, policies, clock, null);
  }

  /** The policy metric {@code metricName} of type {@code type} follows; empty when it is kept. */
  public Optional<RetentionPolicy> policyFor(String metricName, MetricType type) {
    Optional<RetentionPolicy> policy = RetentionPolicy.firstMatch(policies, metricName, type);
    if (policy.isEmpty() && defaultPolicy != null && defaultPolicy.matches(metricName, type)) {
      return Optional.of(defaultPolicy);
    }
    return policy;
  }

  /**
   * Runs one pass over every stored metric, as the class documentation describes.
   *
   * <p>A storage failure on one metric is recorded in the report's failures and the pass goes on
   * with the next metric. Passes never overlap: a second caller waits for the first to finish.
   *
   * @param dryRun when true, only counts what a pass would delete and downsample, changing nothing
   * @throws MetricStorageException when the storage cannot list its metrics
   */
  public synchronized PurgeReport purge(boolean dryRun) {
    Instant now = clock.instant();
    Map<String, MetricType> metrics = new TreeMap<>(listMetrics());

    List<PurgeReport.MetricPurge> purged = new ArrayList<>();
    List<PurgeReport.Failure> failures = new ArrayList<>();
    for (Map.Entry<String, MetricType> metric : metrics.entrySet()) {
      Optional<RetentionPolicy> policy = policyFor(metric.getKey(), metric.getValue());
      if (policy.isEmpty()) {
        continue;
      }
      try {
        purged.add(purgeMetric(metric.getKey(), metric.getValue(), policy.get(), now, dryRun));
      } catch (RuntimeException | LinkageError e) {
        failures.add(new PurgeReport.Failure(metric.getKey(), describe(e)));
      }
    }
    return new PurgeReport(now, dryRun, purged, failures);
  }

  /**
   * Runs {@link #purge purge(false)} every {@code interval}, the first time one interval from now.
   * Each pass that changed something is logged at INFO with what it deleted and downsampled; a
   * failing pass or metric at WARN (its repeats at DEBUG), and the schedule goes on.
   *
   * @return the schedule, to cancel it
   * @throws IllegalArgumentException when {@code interval} is not positive
   */
  public ScheduledFuture<?> start(ScheduledExecutorService scheduler, Duration interval) {
    Objects.requireNonNull(scheduler, "scheduler");
    if (interval == null || interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException(
          "retention interval " + interval + " is invalid; expected a positive duration");
    }
    // The host passes its configured default as the last, catch-all policy; a separate default is
    // only given by embedding code.
    LOG.info(
        "Metric retention purges every {} with {} {} (first match wins){}",
        interval,
        policies.size(),
        policies.size() == 1 ? "policy" : "policies",
        defaultPolicy == null ? "" : ", then default " + defaultPolicy);
    long nanos = interval.toNanos();
    return scheduler.scheduleWithFixedDelay(
        () -> runScheduledPass(interval), nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /** One scheduled pass: never throws, so the schedule survives a failing storage. */
  synchronized void runScheduledPass(Duration interval) {
    PurgeReport report;
    try {
      report = purge(false);
    } catch (RuntimeException | LinkageError e) {
      consecutiveFailedPasses++;
      String message =
          "Metric retention pass failed: {}. Expired data stays until a pass succeeds; the next"
              + " attempt is in {}. Check that storage {} is reachable";
      if (consecutiveFailedPasses == 1) {
        LOG.warn(message, describe(e), interval, storageName);
      } else {
        LOG.debug(message, describe(e), interval, storageName);
      }
      return;
    }

    if (consecutiveFailedPasses > 0) {
      LOG.info(
          "Metric retention pass succeeded again after {} failed passes", consecutiveFailedPasses);
      consecutiveFailedPasses = 0;
    }
    if (report.changedAnything()) {
      LOG.info("Metric retention {}", report.summary());
    } else {
      LOG.debug("Metric retention found nothing to delete or downsample");
    }
    Set<String> failing = new HashSet<>();
    for (PurgeReport.Failure failure : report.failures()) {
      failing.add(failure.metricName());
      String message =
          "Metric retention could not purge '{}': {}. Its data stays until a pass succeeds; the"
              + " next attempt is in {}";
      if (metricsFailingLastPass.contains(failure.metricName())) {
        LOG.debug(message, failure.metricName(), failure.reason(), interval);
      } else {
        LOG.warn(message, failure.metricName(), failure.reason(), interval);
      }
    }
    metricsFailingLastPass = failing;
  }

  private Map<String, MetricType> listMetrics() {
    try {
      return storage.metrics();
    } catch (MetricStorageException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new MetricStorageException(
          "metric storage " + storageName + " failed to list metrics: " + e, e);
    }
  }

  private PurgeReport.MetricPurge purgeMetric(
      String metricName, MetricType type, RetentionPolicy policy, Instant now, boolean dryRun) {
    Instant expiredBefore = policy.expiresBefore(now);
    long deleted;
    if (dryRun) {
      deleted =
          expiredBefore.isAfter(Instant.EPOCH)
              ? storage.readAll(metricName, Instant.EPOCH, expiredBefore).stream()
                  .filter(aggregate -> !aggregate.end().isAfter(expiredBefore))
                  .count()
              : 0;
    } else {
      deleted = storage.deleteBefore(metricName, expiredBefore);
    }

    long downsampled = 0;
    long downsampledInto = 0;
    if (policy.isDownsampling()) {
      Plan plan = planDownsampling(metricName, policy, now, expiredBefore);
      downsampled = plan.replaced;
      downsampledInto = plan.merged;
      if (!dryRun && plan.replaced > 0) {
        long removed = storage.rewrite(metricName, plan.from, plan.to, plan.replacement);
        if (removed != plan.expectedRemoved) {
          LOG.warn(
              "Metric retention downsampled '{}' in [{}, {}) and storage {} replaced {} aggregates"
                  + " where {} were read; aggregates appended into that range during the pass"
                  + " were lost. Avoid back-filling data older than the policy's downsampleAfter"
                  + " {}",
              metricName,
              plan.from,
              plan.to,
              storageName,
              removed,
              plan.expectedRemoved,
              policy.downsampleAfter());
        }
      }
    }
    return new PurgeReport.MetricPurge(
        metricName, type, policy, expiredBefore, deleted, downsampled, downsampledInto);
  }

  /** What downsampling one metric takes: the rewrite's range and replacement, and its counts. */
  private record Plan(
      Instant from,
      Instant to,
      List<MetricAggregate> replacement,
      long replaced,
      long merged,
      long expectedRemoved) {
    static final Plan NONE = new Plan(null, null, List.of(), 0, 0, 0);
  }

  /** One series' aggregates in one coarse bucket. */
  private record BucketKey(String tenant, List<MetricTag> tags, Instant start) {}

  private Plan planDownsampling(
      String metricName, RetentionPolicy policy, Instant now, Instant expiredBefore) {
    Duration step = policy.downsampleStep();
    Instant to = Downsampling.alignDown(policy.downsamplesBefore(now).orElseThrow(), step);
    if (!to.isAfter(Instant.EPOCH)) {
      return Plan.NONE;
    }
    List<MetricAggregate> old = storage.readAll(metricName, Instant.EPOCH, to);

    Map<BucketKey, List<MetricAggregate>> buckets = new LinkedHashMap<>();
    for (MetricAggregate aggregate : old) {
      // What expired is gone after this pass (or would be, in a dry run) and is not downsampled.
      if (aggregate.end().isAfter(expiredBefore) && aggregate.step().compareTo(step) <= 0) {
        Instant bucket = Downsampling.alignDown(aggregate.start(), step);
        buckets
            .computeIfAbsent(
                new BucketKey(aggregate.tenant(), aggregate.tags(), bucket),
                key -> new ArrayList<>())
            .add(aggregate);
      }
    }

    Instant from = null;
    Set<MetricAggregate> replacedOnes = Collections.newSetFromMap(new IdentityHashMap<>());
    List<MetricAggregate> merged = new ArrayList<>();
    for (Map.Entry<BucketKey, List<MetricAggregate>> bucket : buckets.entrySet()) {
      List<MetricAggregate> group = bucket.getValue();
      Instant start = bucket.getKey().start();
      if (group.size() == 1
          && group.get(0).step().equals(step)
          && group.get(0).start().equals(start)) {
        continue;
      }
      MetricAggregate coarse = Downsampling.merge(group, start, step);
      if (coarse == null) {
        LOG.debug(
            "Metric retention keeps {} aggregates of '{}' {} at {} as they are: merging them"
                + " would lose a distribution or a sum (some carry sketches and some hold several"
                + " values without one, or some sums are known and some are not)",
            group.size(),
            metricName,
            bucket.getKey().tags(),
            start);
        continue;
      }
      merged.add(coarse);
      replacedOnes.addAll(group);
      from = from == null || start.isBefore(from) ? start : from;
    }
    if (merged.isEmpty()) {
      return Plan.NONE;
    }

    List<MetricAggregate> replacement = new ArrayList<>(merged);
    long expectedRemoved = 0;
    for (MetricAggregate aggregate : old) {
      if (aggregate.start().isBefore(from)) {
        continue;
      }
      expectedRemoved++;
      if (!replacedOnes.contains(aggregate) && aggregate.end().isAfter(expiredBefore)) {
        replacement.add(aggregate);
      }
    }
    return new Plan(from, to, replacement, replacedOnes.size(), merged.size(), expectedRemoved);
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
