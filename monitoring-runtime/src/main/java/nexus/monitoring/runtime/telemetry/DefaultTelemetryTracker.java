package nexus.monitoring.runtime.telemetry;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import nexus.monitoring.api.CardinalityGuard;
import nexus.monitoring.api.Counter;
import nexus.monitoring.api.Exemplar;
import nexus.monitoring.api.Gauge;
import nexus.monitoring.api.Histogram;
import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.Metric;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricNames;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.NoSamplingStrategy;
import nexus.monitoring.api.TelemetryTracker;
import nexus.monitoring.api.TenantContext;
import nexus.monitoring.api.Tenants;
import nexus.monitoring.api.Timer;
import nexus.monitoring.api.TraceContext;
import nexus.monitoring.api.spi.SamplingStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's {@link TelemetryTracker}: aggregates every series in memory and hands the host one
 * {@link MetricAggregate} per active series and step when it {@linkplain #flush flushes}.
 *
 * <pre>{@code
 * DefaultTelemetryTracker tracker = DefaultTelemetryTracker.builder()
 *     .step(Duration.ofSeconds(10))
 *     .idleTimeToLive(Duration.ofMinutes(5))
 *     .build();
 * Counter requests = tracker.counterOf("http.server.requests", "method", "GET");
 * requests.increment();
 * ...
 * storage.append(tracker.flush(stepEnd));   // every step, from one scheduler thread
 * }</pre>
 *
 * <h2>Recording</h2>
 *
 * Handles ({@link #counterOf}, {@link #gaugeOf}, {@link #timerOf}, {@link #histogramOf}) are bound
 * to one series and record without allocation: a counter increment of 1 is one {@link
 * java.util.concurrent.atomic.LongAdder} increment; gauges record into double-buffered cells behind
 * an HdrHistogram {@link org.HdrHistogram.WriterReaderPhaser}; timings and histograms go into
 * striped cells, each a {@link Sketches} HdrHistogram sketch (1% relative error) with exact count,
 * sum, sum of squares, minimum and maximum behind a one-word lock that a writer takes with one
 * compare-and-set, moving to another cell when it is held. When the tracker neither samples nor has
 * a trace context supplier, a handle records straight into its series' state after one volatile
 * read. The name-based methods search the series table with the caller's name and tag strings as
 * given (first by identity, in the order of the call that created the series; then in any order;
 * nothing is validated, sorted or copied until the series turns out to be new), so once the series
 * exists they allocate nothing beyond the varargs array the call itself creates. Only a traced
 * recording (a trace context is current) allocates, for its exemplar.
 *
 * <h2>Flushing</h2>
 *
 * {@link #flush} reports what each series recorded since the previous flush: every value lands in
 * exactly one flush, also when recorded concurrently with it. Samples given to {@link
 * #recordStored} (already in storage) show in {@link #snapshot} but never in a flush.
 *
 * <h2>Idle series</h2>
 *
 * A series that records nothing for longer than the idle time-to-live is flushed one last time and
 * dropped from memory, so short-lived tag values do not accumulate. A handle to it keeps working:
 * its next recording creates the series again (a counter then starts a new running total, which a
 * rate reads as a reset). A writer that raced the removal still has its value flushed: a retired
 * series is drained at every flush until nothing can reach it any more.
 *
 * <h2>Cardinality</h2>
 *
 * A new series passes the {@link CardinalityGuard} first; when the guard folds it, its values go to
 * the metric's overflow series (tags {@link CardinalityGuard#OVERFLOW_TAGS}), and the counter
 * {@value #OVERFLOW_METRIC} (tag {@code metric}) of the tenant counts the folded series.
 *
 * @since 1.0
 */
public final class DefaultTelemetryTracker implements TelemetryTracker {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultTelemetryTracker.class);

  /** The counter of series folded into an overflow series, with tag {@code metric}. */
  public static final String OVERFLOW_METRIC = "nexus.cardinality.overflow";

  /** Default {@link Builder#step}: 10 seconds. */
  public static final Duration DEFAULT_STEP = Duration.ofSeconds(10);

  /** Default {@link Builder#idleTimeToLive}: 5 minutes. */
  public static final Duration DEFAULT_IDLE_TTL = Duration.ofMinutes(5);

  /** Most folded tag sets remembered (to skip the guard on their next use) before forgetting. */
  private static final int MAX_REDIRECTS = 10_000;

  private final Clock clock;
  private final Duration step;
  private final Duration idleTtl;
  private final SamplingStrategy sampling; // null: record everything
  private final CardinalityGuard guard;
  private final TenantContext tenants;
  private final Supplier<TraceContext> traces; // null: no exemplars from in-process recording

  private final SeriesTable series = new SeriesTable();
  private final SeriesTable redirects = new SeriesTable(); // folded tag sets -> overflow series
  private final ConcurrentHashMap<String, MetricFamily> families = new ConcurrentHashMap<>();

  private final Object flushLock = new Object();
  private final List<RetiredSeries> retired = new ArrayList<>(); // guarded by flushLock

  private final AtomicBoolean samplingFailureLogged = new AtomicBoolean();
  private final AtomicBoolean traceFailureLogged = new AtomicBoolean();
  private final AtomicBoolean guardFailureLogged = new AtomicBoolean();
  private final AtomicBoolean overflowMetricConflictLogged = new AtomicBoolean();

  /** A retired series' values, drained until its front is unreachable. */
  private record RetiredSeries(WeakReference<Series> front, SeriesState state) {}

  private DefaultTelemetryTracker(Builder builder) {
    this.clock = builder.clock;
    this.step = builder.step;
    this.idleTtl = builder.idleTtl;
    this.sampling = builder.sampling instanceof NoSamplingStrategy ? null : builder.sampling;
    this.guard =
        builder.guard != null
            ? builder.guard
            : new DefaultCardinalityGuard(
                new InMemoryCardinalityStorage(),
                DefaultCardinalityGuard.DEFAULT_MAX_SERIES_PER_METRIC,
                DefaultCardinalityGuard.DEFAULT_MAX_SERIES_PER_TENANT);
    this.tenants = builder.tenants != null ? builder.tenants : new ThreadLocalTenantContext();
    this.traces = builder.traces;
    family(OVERFLOW_METRIC)
        .describe(
            "Values recorded into a metric's overflow series (one per tag set beyond a cardinality"
                + " limit, plus every later value of those tag sets)",
            "");
  }

  /** A builder with every default: system UTC clock, 10 s step, 5 min idle TTL, no sampling. */
  public static Builder builder() {
    return new Builder();
  }

  /** The length of a step, as given to the builder. */
  public Duration step() {
    return step;
  }

  /** How long a series may record nothing before it is dropped from memory. */
  public Duration idleTimeToLive() {
    return idleTtl;
  }

  /** The tenant context series are attributed by. */
  public TenantContext tenantContext() {
    return tenants;
  }

  /** The guard new series pass. */
  public CardinalityGuard cardinalityGuard() {
    return guard;
  }

  /** How many retired series are still drained because something may record into them. */
  int retiredSeriesCount() {
    synchronized (flushLock) {
      return retired.size();
    }
  }

  /**
   * Whether handles may record straight into their series' state: nothing is sampled and no trace
   * context is asked for, so a recording is the state's own work and nothing else.
   */
  boolean recordsDirectly() {
    return sampling == null && traces == null;
  }

  /** How many series are in memory now, overflow series and {@value #OVERFLOW_METRIC} included. */
  public int seriesCount() {
    return series.size();
  }

  // ---------------------------------------------------------------- handles

  @Override
  public Counter counterOf(String name, List<MetricTag> tags) {
    return new CounterHandle(this, seriesOf(name, MetricType.COUNTER, tags));
  }

  @Override
  public Gauge gaugeOf(String name, List<MetricTag> tags) {
    return new GaugeHandle(this, seriesOf(name, MetricType.GAUGE, tags));
  }

  @Override
  public Timer timerOf(String name, List<MetricTag> tags) {
    return new TimerHandle(this, seriesOf(name, MetricType.TIMING, tags));
  }

  @Override
  public Histogram histogramOf(String name, List<MetricTag> tags) {
    return new HistogramHandle(this, seriesOf(name, MetricType.HISTOGRAM, tags));
  }

  @Override
  public Counter counterOf(String name, String... tags) {
    return new CounterHandle(this, seriesOf(name, MetricType.COUNTER, tags));
  }

  @Override
  public Gauge gaugeOf(String name, String... tags) {
    return new GaugeHandle(this, seriesOf(name, MetricType.GAUGE, tags));
  }

  @Override
  public Timer timerOf(String name, String... tags) {
    return new TimerHandle(this, seriesOf(name, MetricType.TIMING, tags));
  }

  @Override
  public Histogram histogramOf(String name, String... tags) {
    return new HistogramHandle(this, seriesOf(name, MetricType.HISTOGRAM, tags));
  }

  // ---------------------------------------------------------------- by name

  @Override
  public void increment(String name, String... tags) {
    addToCounter(seriesOf(name, MetricType.COUNTER, tags), 1.0);
  }

  @Override
  public void increment(String name, double amount, String... tags) {
    checkCounterAmount(name, amount);
    addToCounter(seriesOf(name, MetricType.COUNTER, tags), amount);
  }

  @Override
  public void gauge(String name, double value, String... tags) {
    checkGaugeValue(name, value);
    setGauge(seriesOf(name, MetricType.GAUGE, tags), value);
  }

  @Override
  public void timing(String name, Duration duration, String... tags) {
    if (duration == null || duration.isNegative()) {
      throw new InvalidMetricException(
          "timing '" + name + "' duration " + duration + " is invalid; expected zero or positive");
    }
    addToDistribution(
        seriesOf(name, MetricType.TIMING, tags), duration.getSeconds() + duration.getNano() / 1e9);
  }

  @Override
  public void histogram(String name, double value, String... tags) {
    checkHistogramValue(name, value);
    addToDistribution(seriesOf(name, MetricType.HISTOGRAM, tags), value);
  }

  // ---------------------------------------------------------------- whole samples

  /**
   * {@inheritDoc}
   *
   * <p>The sample is aggregated like an in-process recording of its tenant and flushed with the
   * step in which it arrives (its timestamp dates only its exemplar). It is not sampled again: its
   * source already decided to send it.
   */
  @Override
  public void record(Metric sample) {
    Series s = seriesOf(sample.tenant(), sample.name(), sample.type(), sample.tags());
    SeriesState state = s.state;
    double v = sample.value();
    switch (sample.type()) {
      case COUNTER -> ((CounterState) state).add(v);
      case GAUGE -> ((GaugeState) state).set(v);
      case TIMING, HISTOGRAM -> ((DistributionState) state).record(v, 1);
    }
    if (sample.traceContext() != null) {
      state.exemplar(new Exemplar(v, sample.traceContext(), sample.timestamp()), true);
    }
    Reference.reachabilityFence(s);
  }

  /**
   * Records a sample that a storage already holds durably (HTTP ingest appends each accepted sample
   * before acknowledging it): it updates the live state that {@link #snapshot} shows (counter
   * total, gauge value, distribution) and keeps its series from going idle, but it is never part of
   * a {@link #flush}, which would store it twice. Pass the sample as {@link #admit} returned it.
   *
   * @throws InvalidMetricException when {@code sample.name()} is already a metric of another type
   */
  public void recordStored(Metric sample) {
    Series s = seriesOf(sample.tenant(), sample.name(), sample.type(), sample.tags());
    s.state.recordStored(sample.value());
    if (sample.traceContext() != null) {
      s.state.exemplar(
          new Exemplar(sample.value(), sample.traceContext(), sample.timestamp()), false);
    }
  }

  /**
   * Adds {@code delta.value()} to a gauge (an unset gauge counts as 0), as StatsD's {@code
   * name:+5|g} and {@code name:-5|g} ask. Flushed like {@link #record}.
   *
   * @throws InvalidMetricException when the sample is not a GAUGE, or its name is already a metric
   *     of another type
   */
  public void adjustGauge(Metric delta) {
    if (delta.type() != MetricType.GAUGE) {
      throw new InvalidMetricException(
          "a gauge adjustment of '"
              + delta.name()
              + "' must be a GAUGE sample, but it is a "
              + delta.type());
    }
    Series s = seriesOf(delta.tenant(), delta.name(), MetricType.GAUGE, delta.tags());
    ((GaugeState) s.state).adjust(delta.value());
    if (delta.traceContext() != null) {
      s.state.exemplar(new Exemplar(delta.value(), delta.traceContext(), delta.timestamp()), true);
    }
    Reference.reachabilityFence(s);
  }

  /**
   * The sample as the cardinality guard admits it, for ingest to store: unchanged when its series
   * is known or new and under the limits, otherwise the same sample with {@link
   * CardinalityGuard#OVERFLOW_TAGS} (counted in {@value #OVERFLOW_METRIC}). Also binds the name to
   * the sample's type.
   *
   * @throws InvalidMetricException when {@code sample.name()} is already a metric of another type
   */
  public Metric admit(Metric sample) {
    family(sample.name()).bind(sample.type());
    Series live = find(sample.tenant(), sample.name(), sample.tags());
    List<MetricTag> admitted =
        live != null ? live.state.key.tags : admit(sample.tenant(), sample.name(), sample.tags());
    if (admitted.equals(sample.tags())) {
      return sample;
    }
    return new Metric(
        sample.name(),
        sample.type(),
        sample.value(),
        admitted,
        sample.timestamp(),
        sample.tenant(),
        sample.traceContext());
  }

  @Override
  public void describe(String name, String description, String unit) {
    MetricNames.requireValid("metric name", name);
    if (description == null || unit == null) {
      throw new InvalidMetricException(
          "metric '" + name + "' needs a description and a unit that are not null (use \"\")");
    }
    family(name).describe(description, unit);
  }

  // ---------------------------------------------------------------- reading

  /**
   * {@inheritDoc}
   *
   * <p>Series are ordered by name, then tenant, then tags. Counters show their total since the
   * series was created (samples given to {@link #recordStored} included); gauges that were never
   * set are left out; distributions show count, sum, extremes and the quantiles 0.5, 0.9, 0.95 and
   * 0.99 of every observation since the series was created, each within {@link
   * Sketches#RELATIVE_ERROR} of an observed value.
   */
  @Override
  public List<MetricSnapshot> snapshot() {
    // Each family keeps its live series sorted from the previous snapshot until one is created or
    // retired, so a snapshot of an unchanged tracker sorts nothing and walks no hash table.
    String[] names = families.keySet().toArray(new String[0]);
    Arrays.sort(names);
    List<MetricSnapshot> result = new ArrayList<>(series.size());
    for (String name : names) {
      MetricFamily family = families.get(name);
      Series[] ofName = family.sortedSeries(TENANT_THEN_TAGS);
      if (ofName.length == 0) {
        continue;
      }
      String description = family.description();
      String unit = family.unit();
      for (Series s : ofName) {
        MetricSnapshot snapshot = s.state.snapshot(description, unit);
        if (snapshot != null) {
          result.add(snapshot);
        }
      }
    }
    return result;
  }

  /**
   * Ends a step: one aggregate for each series that recorded something since the previous flush,
   * and for each gauge that holds a value, all stamped with the step {@code [stepEnd - step,
   * stepEnd)}. Then drops every series idle for longer than the idle time-to-live.
   *
   * <p>Per type: COUNTER {@code sum} is the increase, {@code count} the increments, {@code last}
   * the running total since the series was created in memory; GAUGE {@code last} is the current
   * value and the statistics cover the values set in the step, or the held value once when none was
   * set; TIMING (seconds) and HISTOGRAM carry count, sum, sum of squares, extremes and the step's
   * encoded {@link Sketches sketch}. The latest traced observation of the step is the exemplar.
   *
   * <p>Every value recorded before the call returns is in this flush or a later one, never in two;
   * call it from one thread at a time (concurrent calls are serialized).
   *
   * @throws IllegalArgumentException when {@code stepEnd - step} is before the epoch
   */
  public List<MetricAggregate> flush(Instant stepEnd) {
    Objects.requireNonNull(stepEnd, "stepEnd");
    Instant start = stepEnd.minus(step);
    if (start.isBefore(Instant.EPOCH)) {
      throw new IllegalArgumentException(
          "flush step end " + stepEnd + " is less than one step (" + step + ") after 1970");
    }
    synchronized (flushLock) {
      List<MetricAggregate> result = new ArrayList<>();
      for (Series s : series.values()) {
        SeriesState state = s.state;
        MetricAggregate aggregate = state.drain(start, step, false);
        boolean active = state.recordedInLastDrain | takeStored(state);
        if (aggregate != null) {
          result.add(aggregate);
        }
        if (active) {
          state.lastActive = stepEnd;
        } else if (Duration.between(state.lastActive, stepEnd).compareTo(idleTtl) > 0) {
          retire(s);
        }
      }
      for (Iterator<RetiredSeries> it = retired.iterator(); it.hasNext(); ) {
        RetiredSeries r = it.next();
        boolean unreachable = r.front().get() == null;
        MetricAggregate aggregate = r.state().drain(start, step, true);
        if (aggregate != null) {
          result.add(aggregate);
        }
        if (unreachable) {
          it.remove(); // nothing can record into it any more, and it has been drained
        }
      }
      return result;
    }
  }

  private static boolean takeStored(SeriesState state) {
    boolean stored = state.storedSinceDrain;
    if (stored) {
      state.storedSinceDrain = false;
    }
    return stored;
  }

  private void retire(Series s) {
    // Under the table's lock, as creation is (table, then family), so no series of the same key
    // can be created between leaving the table and leaving the family: a snapshot never lists both.
    synchronized (series) {
      if (!series.remove(s.state.key, s)) {
        return;
      }
      family(s.state.key.name).remove(s);
    }
    s.retired = true;
    if (CardinalityGuard.isOverflow(s.state.key.tags)) {
      redirects.clear(); // they may point at it; the folded tag sets pass the guard again
    }
    retired.add(new RetiredSeries(new WeakReference<>(s), s.state));
    LOG.debug(
        "Series {} {} idle for over {}; dropped from memory", s.state.type, s.state.key, idleTtl);
  }

  // ---------------------------------------------------------------- resolution

  /**
   * The live series for a by-name call. When it exists and the caller repeats the strings of the
   * call that created it, in the same order (a call site passing literals does), the table is
   * searched by a hash of that order and the strings are compared by identity: nothing is
   * validated, sorted or allocated, and the tag keys are not read. Everything else (tags in another
   * order or as other instances, a folded tag set, a type conflict, a new series, invalid input) is
   * left to {@link #seriesOfSlowly}, which searches in any order, so that this method stays small
   * enough to be inlined into the caller.
   */
  private Series seriesOf(String name, MetricType type, String[] pairs) {
    String tenant = tenants.currentTenant();
    if (pairs != null) {
      Series s =
          series.getInCallerOrder(
              SeriesKey.callerOrderHash(tenant, name, pairs), tenant, name, pairs);
      if (s != null && !s.retired && s.state.type == type) {
        return s;
      }
    }
    return seriesOfSlowly(tenant, name, type, pairs);
  }

  private Series seriesOfSlowly(String tenant, String name, MetricType type, String[] pairs) {
    if (pairs != null) {
      int hash = SeriesKey.hash(tenant, name, pairs);
      Series s = series.get(hash, tenant, name, pairs);
      if (s == null) {
        s = redirects.get(hash, tenant, name, pairs);
      }
      if (s != null && !s.retired) {
        if (s.state.type != type) {
          throw MetricFamily.conflict(name, s.state.type, type);
        }
        return s;
      }
    }
    return resolve(
        tenant,
        MetricNames.requireValid("metric name", name),
        type,
        MetricTag.ofPairs(pairs),
        pairs);
  }

  private Series seriesOf(String name, MetricType type, List<MetricTag> tags) {
    return seriesOf(tenants.currentTenant(), name, type, tags);
  }

  private Series seriesOf(String tenant, String name, MetricType type, List<MetricTag> tags) {
    Series s = tags == null ? null : find(tenant, name, tags);
    if (s != null) {
      if (s.state.type != type) {
        throw MetricFamily.conflict(name, s.state.type, type);
      }
      return s;
    }
    return resolve(
        tenant,
        MetricNames.requireValid("metric name", name),
        type,
        MetricTag.sortedUnique(tags),
        null);
  }

  /** The live series (or the overflow series it was folded into), or null. */
  private Series find(String tenant, String name, List<MetricTag> tags) {
    int hash = SeriesKey.hash(tenant, name, tags);
    Series s = series.get(hash, tenant, name, tags);
    if (s == null) {
      s = redirects.get(hash, tenant, name, tags);
    }
    return s == null || s.retired ? null : s;
  }

  /**
   * The slow path: validates, binds the type, asks the guard and creates the series.
   *
   * @param callerPairs the tags as a by-name caller gave them, or {@code null}; a new series' key
   *     keeps that order for identity matches
   */
  private Series resolve(
      String tenant, String name, MetricType type, List<MetricTag> tags, String[] callerPairs) {
    Tenants.requireValid(tenant);
    family(name).bind(type);
    SeriesKey key = new SeriesKey(tenant, name, tags, callerPairs);
    Series existing = series.get(key);
    if (existing == null) {
      existing = redirects.get(key);
    }
    if (existing != null && !existing.retired) {
      return existing;
    }

    List<MetricTag> admitted = admit(tenant, name, tags);
    if (admitted.equals(tags)) {
      return install(key, type);
    }
    Series overflow = install(new SeriesKey(tenant, name, CardinalityGuard.OVERFLOW_TAGS), type);
    if (redirects.size() >= MAX_REDIRECTS) {
      redirects.clear();
    }
    redirects.put(key, overflow);
    return overflow;
  }

  /** The series for a retired one: the same tenant, name and tags, resolved again. */
  Series revive(Series old) {
    SeriesKey key = old.state.key;
    return resolve(key.tenant, key.name, old.state.type, key.tags, key.callerPairs());
  }

  private Series install(SeriesKey key, MetricType type) {
    while (true) {
      Series s = series.computeIfAbsent(key, k -> newSeries(k, type));
      if (!s.retired) {
        return s;
      }
      // Retired after it left the map: the next attempt creates a fresh one.
    }
  }

  /** A new series, registered with its family; under the table's lock, so exactly once per key. */
  private Series newSeries(SeriesKey key, MetricType type) {
    Series created = new Series(newState(key, type));
    family(key.name).add(created);
    return created;
  }

  private SeriesState newState(SeriesKey key, MetricType type) {
    Instant now = clock.instant();
    return switch (type) {
      case COUNTER -> new CounterState(key, now);
      case GAUGE -> new GaugeState(key, now);
      case TIMING, HISTOGRAM -> new DistributionState(key, type, now);
    };
  }

  /** Asks the guard; a folded series is counted in {@value #OVERFLOW_METRIC}. */
  private List<MetricTag> admit(String tenant, String name, List<MetricTag> tags) {
    List<MetricTag> admitted;
    try {
      admitted = guard.admit(tenant, name, tags);
    } catch (InvalidMetricException invalid) {
      throw invalid;
    } catch (Exception | LinkageError e) {
      logOnce(
          guardFailureLogged,
          "Cardinality guard {} failed for metric '{}' of tenant '{}': {}. New series are folded"
              + " into their metric's overflow series while it fails.",
          guard,
          name,
          tenant,
          e.toString());
      admitted = CardinalityGuard.OVERFLOW_TAGS;
    }
    if (admitted == null) {
      admitted = CardinalityGuard.OVERFLOW_TAGS;
    }
    if (CardinalityGuard.isOverflow(admitted) && !CardinalityGuard.isOverflow(tags)) {
      countOverflow(tenant, name);
    }
    return admitted;
  }

  private void countOverflow(String tenant, String metricName) {
    try {
      family(OVERFLOW_METRIC).bind(MetricType.COUNTER);
    } catch (InvalidMetricException taken) {
      logOnce(
          overflowMetricConflictLogged,
          "Cannot count folded series in '{}': {}. Folded series are still logged and counted by"
              + " the cardinality guard.",
          OVERFLOW_METRIC,
          taken.getMessage());
      return;
    }
    SeriesKey key =
        new SeriesKey(tenant, OVERFLOW_METRIC, List.of(MetricTag.of("metric", metricName)));
    ((CounterState) install(key, MetricType.COUNTER).state).add(1.0);
  }

  private MetricFamily family(String name) {
    MetricFamily family = families.get(name);
    return family != null ? family : families.computeIfAbsent(name, MetricFamily::new);
  }

  // ---------------------------------------------------------------- recording

  /*
   * Each recording method ends with a reachability fence on the series front. Without it the JIT
   * may consider the front dead once its state is loaded; a garbage collection could then clear
   * the retired-series weak reference while the value is still being added, and the flush would
   * drop the state before that value arrived.
   */

  void addToCounter(Series s, double amount) {
    CounterState state = (CounterState) s.state;
    if (sampling == null) {
      state.add(amount);
    } else {
      double factor = sample(state);
      if (factor == 0) {
        return;
      }
      state.add(amount * factor, weight(factor));
    }
    if (traces != null) {
      traceExemplar(state, amount);
    }
    Reference.reachabilityFence(s);
  }

  void setGauge(Series s, double value) {
    GaugeState state = (GaugeState) s.state;
    state.set(value);
    if (traces != null) {
      traceExemplar(state, value);
    }
    Reference.reachabilityFence(s);
  }

  void addToDistribution(Series s, double value) {
    DistributionState state = (DistributionState) s.state;
    if (sampling == null) {
      state.record(value, 1);
    } else {
      double factor = sample(state);
      if (factor == 0) {
        return;
      }
      state.record(value, weight(factor));
    }
    if (traces != null) {
      traceExemplar(state, value);
    }
    Reference.reachabilityFence(s);
  }

  /** 0 to skip the sample, else the strategy's scale factor (at least 1). */
  private double sample(SeriesState state) {
    SeriesKey key = state.key;
    try {
      if (!sampling.shouldRecord(key.name, state.type, key.tags)) {
        return 0;
      }
      double factor = sampling.scaleFactor(key.name, state.type);
      if (factor >= 1 && factor < Double.POSITIVE_INFINITY) {
        return factor;
      }
      logOnce(
          samplingFailureLogged,
          "Sampling strategy {} gave scale factor {} for '{}'; expected a finite number of at"
              + " least 1. Recording with factor 1.",
          sampling,
          factor,
          key.name);
      return 1;
    } catch (Exception | LinkageError e) {
      logOnce(
          samplingFailureLogged,
          "Sampling strategy {} failed for '{}': {}. Recording every sample unscaled while it"
              + " fails.",
          sampling,
          key.name,
          e.toString());
      return 1;
    }
  }

  /**
   * How many observations a kept sample stands for: the factor, rounded up or down at random in
   * proportion to its fraction, so the expected count equals the factor.
   */
  private static long weight(double factor) {
    long whole = (long) factor;
    double fraction = factor - whole;
    if (fraction > 0 && ThreadLocalRandom.current().nextDouble() < fraction) {
      whole++;
    }
    return whole;
  }

  private void traceExemplar(SeriesState state, double value) {
    TraceContext trace;
    try {
      trace = traces.get();
    } catch (Exception | LinkageError e) {
      logOnce(
          traceFailureLogged,
          "Trace context supplier {} failed: {}. Recording without exemplars while it fails.",
          traces,
          e.toString());
      return;
    }
    if (trace != null) {
      state.exemplar(new Exemplar(value, trace, clock.instant()), true);
    }
  }

  private static void logOnce(AtomicBoolean logged, String message, Object... args) {
    if (logged.compareAndSet(false, true)) {
      LOG.warn(message, args);
    } else {
      LOG.debug(message, args);
    }
  }

  // ---------------------------------------------------------------- validation

  /*
   * The handles' checks take the series and read its name only when the value is bad, so that a
   * good value costs one comparison.
   */

  static void checkCounterAmount(Series s, double amount) {
    if (!(amount >= 0) || amount == Double.POSITIVE_INFINITY) {
      checkCounterAmount(s.state.key.name, amount);
    }
  }

  static void checkGaugeValue(Series s, double value) {
    if (!Double.isFinite(value)) {
      checkGaugeValue(s.state.key.name, value);
    }
  }

  static void checkTimingNanos(Series s, long nanos) {
    if (nanos < 0) {
      checkTimingNanos(s.state.key.name, nanos);
    }
  }

  static void checkHistogramValue(Series s, double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      checkHistogramValue(s.state.key.name, value);
    }
  }

  static void checkCounterAmount(String name, double amount) {
    if (!(amount >= 0) || amount == Double.POSITIVE_INFINITY) {
      throw new InvalidMetricException(
          "counter '"
              + name
              + "' increment "
              + amount
              + " is invalid; expected a finite number, zero or more");
    }
  }

  static void checkGaugeValue(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidMetricException(
          "gauge '" + name + "' value " + value + " is invalid; expected a finite number");
    }
  }

  static void checkTimingNanos(String name, long nanos) {
    if (nanos < 0) {
      throw new InvalidMetricException(
          "timing '" + name + "' duration " + nanos + " ns is invalid; expected zero or more");
    }
  }

  static void checkHistogramValue(String name, double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw new InvalidMetricException(
          "histogram '"
              + name
              + "' value "
              + value
              + " is invalid; expected a finite number, zero or more");
    }
  }

  /** The order of the series of one name. */
  private static final Comparator<Series> TENANT_THEN_TAGS =
      (a, b) -> a.state.key.compareTenantAndTags(b.state.key);

  // ---------------------------------------------------------------- builder

  /** Collects the tracker's settings; every one has a default. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration step = DEFAULT_STEP;
    private Duration idleTtl = DEFAULT_IDLE_TTL;
    private SamplingStrategy sampling = NoSamplingStrategy.INSTANCE;
    private CardinalityGuard guard;
    private TenantContext tenants;
    private Supplier<TraceContext> traces;

    private Builder() {}

    /** Stamps exemplars and dates series creation; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The length of the step {@link #flush} reports; positive, default 10 s. The host calls {@code
     * flush} once per step.
     */
    public Builder step(Duration step) {
      if (step == null || step.isZero() || step.isNegative()) {
        throw new IllegalArgumentException("step " + step + " is invalid; expected positive");
      }
      this.step = step;
      return this;
    }

    /**
     * How long a series may record nothing before a flush drops it from memory; at least one step,
     * default 5 min.
     */
    public Builder idleTimeToLive(Duration idleTtl) {
      if (idleTtl == null || idleTtl.isZero() || idleTtl.isNegative()) {
        throw new IllegalArgumentException(
            "idle time-to-live " + idleTtl + " is invalid; expected positive");
      }
      this.idleTtl = idleTtl;
      return this;
    }

    /** Decides which in-process samples to keep; default {@link NoSamplingStrategy}. */
    public Builder sampling(SamplingStrategy sampling) {
      this.sampling = Objects.requireNonNull(sampling, "sampling");
      return this;
    }

    /**
     * Limits series per metric and tenant; default a {@link DefaultCardinalityGuard} over an {@link
     * InMemoryCardinalityStorage} with its default limits.
     */
    public Builder cardinalityGuard(CardinalityGuard guard) {
      this.guard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /**
     * Gives the tenant of in-process recordings; default a new {@link ThreadLocalTenantContext}.
     */
    public Builder tenantContext(TenantContext tenants) {
      this.tenants = Objects.requireNonNull(tenants, "tenants");
      return this;
    }

    /**
     * Gives the trace context current on the recording thread, or {@code null} when there is none;
     * each traced recording becomes its series' exemplar. Default none: in-process recordings carry
     * no exemplars (the supplier is called on every recording, so leave it unset when nothing
     * traces). {@link CurrentTrace#get} fits.
     */
    public Builder traceContext(Supplier<TraceContext> traces) {
      this.traces = Objects.requireNonNull(traces, "traces");
      return this;
    }

    /**
     * @throws IllegalArgumentException when the idle time-to-live is shorter than the step
     */
    public DefaultTelemetryTracker build() {
      if (idleTtl.compareTo(step) < 0) {
        throw new IllegalArgumentException(
            "idle time-to-live " + idleTtl + " is shorter than the step " + step);
      }
      return new DefaultTelemetryTracker(this);
    }
  }
}
