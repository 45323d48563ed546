package nexus.monitoring.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nexus.monitoring.api.AggregationResult;
import nexus.monitoring.api.AggregationSpec;
import nexus.monitoring.api.Metric;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MonitoringException;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.api.Tenants;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.runtime.config.HostConfig;
import nexus.monitoring.runtime.ingest.JsonIngest;
import nexus.monitoring.runtime.ingest.StatsdListener;
import nexus.monitoring.runtime.ingest.StatsdParser;
import nexus.monitoring.runtime.ingest.StatsdRecorder;
import nexus.monitoring.runtime.metrics.HostMetrics;
import nexus.monitoring.runtime.query.QueryEngine;
import nexus.monitoring.runtime.retention.MetricRetentionService;
import nexus.monitoring.runtime.retention.PurgeReport;
import nexus.monitoring.runtime.telemetry.DefaultCardinalityGuard;
import nexus.monitoring.runtime.telemetry.DefaultTelemetryTracker;
import nexus.monitoring.runtime.telemetry.InMemoryCardinalityStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of a metric through the host: recorded into the tracker (in-process, StatsD) or pushed
 * over HTTP, aggregated per step, flushed to storage, queried, and expired by retention.
 *
 * <p>Durability: a pushed batch is appended to storage before the HTTP answer, so an acknowledged
 * sample survives a crash. Tracker aggregates are appended at every step; when an append fails they
 * are kept (up to {@value #MAX_PENDING} aggregates) and retried with the next step, and the host's
 * own metrics count what was retried and what, past that bound, had to be dropped.
 */
public final class MetricPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricPipeline.class);

  /** Aggregates kept for retry while storage fails; older ones are dropped past this. */
  static final int MAX_PENDING = 1_000_000;

  private final HostConfig config;
  private final MetricStorage storage;
  private final String storageName;
  private final HostMetrics hostMetrics;
  private final Clock clock;
  private final DefaultTelemetryTracker tracker;
  private final QueryEngine engine;
  private final MetricRetentionService retention;
  private final JsonIngest jsonIngest;
  private final ArrayDeque<MetricAggregate> pending = new ArrayDeque<>();
  private final AtomicLong flushedAggregates = new AtomicLong();
  private final AtomicLong droppedAggregates = new AtomicLong();
  private final AtomicLong flushFailures = new AtomicLong();

  /** Pushed samples may be this far ahead of the host's clock; further is a client's clock bug. */
  static final java.time.Duration MAX_FUTURE = java.time.Duration.ofHours(1);

  /**
   * The type of every metric name in storage or recorded since start. A name keeps its first type
   * across restarts; a second type would make its history unqueryable.
   */
  private final Map<String, nexus.monitoring.api.MetricType> types =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final java.util.Set<String> conflictsLogged =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService scheduler;
  private StatsdListener statsd;
  private boolean storageFailing;

  /**
   * @param storage where history goes; the pipeline closes it
   * @param storageName how logs and errors name the storage, such as {@code embedded}
   */
  public MetricPipeline(
      HostConfig config,
      MetricStorage storage,
      String storageName,
      HostMetrics hostMetrics,
      Clock clock) {
    this.config = config;
    this.storage = storage;
    this.storageName = storageName;
    this.hostMetrics = hostMetrics;
    this.clock = clock;
    HostConfig.Metrics m = config.metrics();
    this.tracker =
        DefaultTelemetryTracker.builder()
            .clock(clock)
            .step(m.step())
            .idleTimeToLive(m.idleTtl())
            .cardinalityGuard(
                new DefaultCardinalityGuard(
                    new InMemoryCardinalityStorage(),
                    m.maxSeriesPerMetric(),
                    m.maxSeriesPerTenant()))
            .build();
    this.jsonIngest =
        new JsonIngest(JsonIngest.DEFAULT_MAX_BODY_BYTES, JsonIngest.DEFAULT_MAX_ITEMS, clock);
    this.engine = new QueryEngine(storage);
    this.types.putAll(storage.metrics());
    this.retention = new MetricRetentionService(storage, config.retention().policies(), clock);
    registerMetrics();
  }

  private void registerMetrics() {
    hostMetrics.gauge(
        "metrics.series.active",
        "Series held in memory by the tracker",
        "",
        Map.of(),
        tracker::seriesCount);
    hostMetrics.counter(
        "metrics.flush.aggregates",
        "Aggregates appended to storage",
        "",
        Map.of(),
        flushedAggregates::get);
    hostMetrics.counter(
        "metrics.flush.failures",
        "Flushes whose append to storage failed and will be retried",
        "",
        Map.of(),
        flushFailures::get);
    hostMetrics.counter(
        "metrics.flush.dropped",
        "Aggregates dropped: storage failed for longer than the retry buffer holds, or the name"
            + " has another type in history",
        "",
        Map.of(),
        droppedAggregates::get);
    hostMetrics.gauge(
        "metrics.flush.pending",
        "Aggregates waiting to be retried",
        "",
        Map.of(),
        this::pendingCount);
  }

  /** The tracker applications and StatsD record into. */
  public DefaultTelemetryTracker tracker() {
    return tracker;
  }

  /** The storage history is kept in. */
  public MetricStorage storage() {
    return storage;
  }

  /** The storage's name, for logs. */
  public String storageName() {
    return storageName;
  }

  /** The StatsD listener's port, or -1 when it is not running. */
  public int statsdPort() {
    return statsd == null ? -1 : statsd.port();
  }

  /**
   * Starts flushing at every step boundary, retention at its interval and, when enabled, the StatsD
   * listener.
   *
   * @throws IOException when the StatsD port cannot be bound
   */
  public void start() throws IOException {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "metrics-flush");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    scheduler = executor;
    long stepMillis = config.metrics().step().toMillis();
    long now = clock.millis();
    long firstDelay = stepMillis - Math.floorMod(now, stepMillis);
    scheduler.scheduleAtFixedRate(
        this::flushQuietly, firstDelay, stepMillis, TimeUnit.MILLISECONDS);
    retention.start(scheduler, config.retention().interval());

    HostConfig.Ingest ingest = config.ingest();
    if (ingest.statsdEnabled()) {
      StatsdRecorder recorder =
          new StatsdRecorder(
              Tenants.DEFAULT,
              this::recordStatsd,
              clock,
              config.metrics().step(),
              StatsdRecorder.DEFAULT_MAX_GAUGES,
              StatsdRecorder.DEFAULT_MAX_SET_MEMBERS);
      statsd =
          new StatsdListener(
              ingest.statsdHost(),
              ingest.statsdPort(),
              StatsdListener.DEFAULT_RECEIVE_BUFFER_BYTES,
              new StatsdParser(),
              recorder);
      statsd.start();
      registerStatsdMetrics(statsd);
    }
  }

  private void recordStatsd(Metric metric) {
    requireType(metric);
    tracker.record(metric);
  }

  /**
   * @throws nexus.monitoring.api.InvalidMetricException when the name was stored or recorded with
   *     another type
   */
  private void requireType(Metric metric) {
    // Every StatsD value passes here: the common case, a name already known, is a plain read.
    nexus.monitoring.api.MetricType known = types.get(metric.name());
    if (known == null) {
      known = types.putIfAbsent(metric.name(), metric.type());
    }
    if (known != null && known != metric.type()) {
      throw new nexus.monitoring.api.InvalidMetricException(
          "metric '"
              + metric.name()
              + "' is a "
              + known
              + " in this host's history, not a "
              + metric.type()
              + "; a name keeps one type, so use another name");
    }
  }

  private void registerStatsdMetrics(StatsdListener listener) {
    hostMetrics.counter(
        "statsd.packets.received",
        "StatsD datagrams received",
        "",
        Map.of(),
        listener::packetsReceived);
    hostMetrics.counter(
        "statsd.lines.received", "StatsD lines received", "", Map.of(), listener::linesReceived);
    hostMetrics.counter(
        "statsd.lines.rejected",
        "Malformed StatsD lines, each logged (rate-limited)",
        "",
        Map.of(),
        listener::linesRejected);
    hostMetrics.counter(
        "statsd.lines.dropped",
        "StatsD lines over the per-datagram limit",
        "",
        Map.of(),
        listener::linesDropped);
    hostMetrics.counter(
        "statsd.samples.recorded",
        "StatsD samples recorded into the tracker",
        "",
        Map.of(),
        listener::samplesRecorded);
    hostMetrics.counter(
        "statsd.samples.failed",
        "Well-formed StatsD values the tracker refused (a name recorded with another type)",
        "",
        Map.of(),
        listener::samplesFailed);
  }

  /**
   * Takes a pushed JSON batch for {@code tenant}: validates it, stores every accepted sample, and
   * only then updates the live view.
   *
   * @return the result to answer with; status 503 when storage could not keep the batch
   */
  public JsonIngest.Result ingest(InputStream body, String tenant) {
    JsonIngest.Result result = jsonIngest.ingest(body, tenant);
    if (result.accepted().isEmpty()) {
      return result;
    }
    // Every item is either accepted or rejected, in body order: recover each accepted index.
    java.util.Set<Integer> rejectedAt = new java.util.HashSet<>();
    result.rejected().forEach(r -> rejectedAt.add(r.index()));
    List<JsonIngest.Rejection> rejected = new ArrayList<>(result.rejected());
    List<Metric> admitted = new ArrayList<>(result.accepted().size());
    List<MetricAggregate> aggregates = new ArrayList<>(result.accepted().size());
    int index = 0;
    for (Metric m : result.accepted()) {
      while (rejectedAt.contains(index)) {
        index++;
      }
      try {
        if (m.timestamp().isAfter(clock.instant().plus(MAX_FUTURE))) {
          throw new nexus.monitoring.api.InvalidMetricException(
              "timestamp "
                  + m.timestamp()
                  + " is more than "
                  + MAX_FUTURE.toHours()
                  + "h ahead of the host's clock ("
                  + clock.instant()
                  + ")");
        }
        requireType(m);
        Metric a = tracker.admit(m);
        admitted.add(a);
        aggregates.add(MetricAggregate.of(a, config.metrics().step()));
      } catch (MonitoringException e) {
        // A name already recorded with another type: this item alone is refused.
        rejected.add(new JsonIngest.Rejection(index, e.getMessage()));
      }
      index++;
    }
    rejected.sort(java.util.Comparator.comparingInt(JsonIngest.Rejection::index));
    if (admitted.isEmpty()) {
      return new JsonIngest.Result(400, List.of(), rejected, null);
    }
    try {
      storage.append(aggregates);
    } catch (RuntimeException e) {
      LOG.warn(
          "Storage '{}' could not keep a pushed batch of {} samples: {}; the client gets 503 and"
              + " should retry",
          storageName,
          aggregates.size(),
          e.getMessage());
      return new JsonIngest.Result(
          503,
          List.of(),
          result.rejected(),
          "storage '" + storageName + "' failed: " + e.getMessage());
    }
    for (Metric m : admitted) {
      tracker.recordStored(m);
    }
    return new JsonIngest.Result(result.status(), admitted, rejected, result.error());
  }

  /** The response body for {@code result}. */
  public byte[] responseBody(JsonIngest.Result result) {
    return jsonIngest.responseBody(result);
  }

  /** Answers a query from stored history. */
  public AggregationResult query(QuerySpec query, AggregationSpec aggregation) {
    return engine.query(query, aggregation);
  }

  /** Applies retention now. */
  public PurgeReport purge(boolean dryRun) {
    return retention.purge(dryRun);
  }

  /** The tracker's live series, for {@code /metrics}. */
  public List<MetricSnapshot> snapshot() {
    return tracker.snapshot();
  }

  /** Ends the current step at the latest step boundary and appends it, with any retries. */
  public void flush() {
    long stepMillis = config.metrics().step().toMillis();
    long now = clock.millis();
    flush(Instant.ofEpochMilli(now - Math.floorMod(now, stepMillis)));
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.error("Metric flush failed unexpectedly; it runs again next step", e);
    }
  }

  private synchronized void flush(Instant stepEnd) {
    for (MetricAggregate a : tracker.flush(stepEnd)) {
      nexus.monitoring.api.MetricType known = types.get(a.name());
      if (known == null) {
        known = types.putIfAbsent(a.name(), a.type());
      }
      if (known != null && known != a.type()) {
        // Stored next to history of another type, the name could no longer be queried.
        droppedAggregates.incrementAndGet();
        if (conflictsLogged.add(a.name())) {
          LOG.warn(
              "Metric '{}' was recorded as a {} but this host's history holds it as a {}; its"
                  + " values are dropped (counted in metrics_flush_dropped_total). Record it under"
                  + " another name.",
              a.name(),
              a.type(),
              known);
        }
        continue;
      }
      pending.add(a);
    }
    if (pending.isEmpty()) {
      return;
    }
    List<MetricAggregate> attempt = new ArrayList<>(pending);
    try {
      storage.append(attempt);
    } catch (RuntimeException e) {
      flushFailures.incrementAndGet();
      while (pending.size() > MAX_PENDING) {
        pending.removeFirst();
        droppedAggregates.incrementAndGet();
      }
      if (!storageFailing) {
        LOG.warn(
            "Storage '{}' failed to append {} aggregates: {}. They are kept in memory (up to {})"
                + " and retried every step.",
            storageName,
            attempt.size(),
            e.getMessage(),
            MAX_PENDING);
        storageFailing = true;
      } else {
        LOG.debug("Storage '{}' still failing: {}", storageName, e.getMessage());
      }
      return;
    }
    pending.clear();
    flushedAggregates.addAndGet(attempt.size());
    if (storageFailing) {
      LOG.info(
          "Storage '{}' accepts appends again; {} aggregates stored", storageName, attempt.size());
      storageFailing = false;
    }
  }

  private synchronized int pendingCount() {
    return pending.size();
  }

  /** Stops listening, flushes what was recorded in the current step, and closes storage. */
  @Override
  public void close() {
    if (statsd != null) {
      statsd.close();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    try {
      // The current, unfinished step is stored as if it had ended; nothing recorded is lost.
      long stepMillis = config.metrics().step().toMillis();
      long now = clock.millis();
      flush(Instant.ofEpochMilli(now - Math.floorMod(now, stepMillis) + stepMillis));
    } catch (RuntimeException e) {
      LOG.error("Final metric flush to storage '{}' failed: {}", storageName, e.toString());
    }
    try {
      storage.close();
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Storage '{}' did not close cleanly: {}", storageName, e.toString());
    }
  }
}
