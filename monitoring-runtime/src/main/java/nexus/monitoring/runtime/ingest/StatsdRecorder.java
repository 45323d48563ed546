package nexus.monitoring.runtime.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import nexus.monitoring.api.Metric;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns StatsD values into {@link Metric}s of one tenant and hands them to a target, normally
 * {@code tracker::record}.
 *
 * <ul>
 *   <li>Counters, gauges, timers and histograms map to the {@link MetricType} of the same name;
 *       distributions become histograms.
 *   <li>A gauge delta is added to the last value this recorder gave that gauge (0 when it gave
 *       none) and recorded as the gauge's new value. At most {@code maxGauges} gauges are
 *       remembered, the least recently used forgotten first; a forgotten gauge's next delta starts
 *       from 0 again.
 *   <li>A set becomes a gauge holding the number of distinct members seen in the current set window
 *       (default {@link #DEFAULT_SET_WINDOW}, meant to equal the tracker's step). Windows are
 *       aligned to multiples of their length since the epoch and use this host's clock; the count
 *       starts from 0 in each window and the gauge is recorded each time a new member raises it.
 *       Members are remembered by a 64-bit hash, at most {@code maxSetMembers} over all sets in a
 *       window; past that, new members are not counted until the next window, so the count is a
 *       lower bound (logged, and counted by {@link #setMembersNotCounted()}).
 *   <li>A timer, histogram or distribution value sent with sample rate {@code r} is recorded {@code
 *       round(1 / r)} times, so counts estimate the true total; at most {@value #MAX_WEIGHT} times,
 *       which undercounts rates below {@code 1 / }{@value #MAX_WEIGHT}.
 * </ul>
 *
 * <p>Thread-safe; meant to be called from the listener's single receive thread. An exception from
 * the target (such as a name already recorded as another type) propagates to the caller, and the
 * recorder's own state is left as if the value had not arrived.
 */
public final class StatsdRecorder implements StatsdSink {
  private static final Logger LOG = LoggerFactory.getLogger(StatsdRecorder.class);

  /** Most times one sampled distribution value is recorded. */
  public static final int MAX_WEIGHT = 1000;

  /** Gauges whose last value is remembered for deltas, by default. */
  public static final int DEFAULT_MAX_GAUGES = 100_000;

  /** Length of the window in which set members are counted, by default. */
  public static final Duration DEFAULT_SET_WINDOW = Duration.ofSeconds(10);

  /** Distinct set members remembered per window over all sets, by default. */
  public static final int DEFAULT_MAX_SET_MEMBERS = 250_000;

  private final String tenant;
  private final Consumer<Metric> target;
  private final Clock clock;
  private final long windowMillis;
  private final int maxSetMembers;
  private final Map<Series, Double> gauges;
  private final Map<Series, Set<Long>> sets = new HashMap<>();
  private long window = Long.MIN_VALUE;
  private int setMembersHeld;
  private long setMembersNotCounted;
  private boolean warnedSetBudget;

  /** A recorder with the default limits and set window. */
  public StatsdRecorder(String tenant, Consumer<Metric> target) {
    this(
        tenant,
        target,
        Clock.systemUTC(),
        DEFAULT_SET_WINDOW,
        DEFAULT_MAX_GAUGES,
        DEFAULT_MAX_SET_MEMBERS);
  }

  /**
   * @param tenant the tenant of every metric, following {@link Tenants}
   * @param target receives each metric; {@code tracker::record} in the host
   * @param clock decides the set window
   * @param setWindow at least one millisecond
   * @param maxGauges at least 1
   * @param maxSetMembers at least 1
   */
  public StatsdRecorder(
      String tenant,
      Consumer<Metric> target,
      Clock clock,
      Duration setWindow,
      int maxGauges,
      int maxSetMembers) {
    this.tenant = Tenants.requireValid(tenant);
    this.target = target;
    this.clock = clock;
    if (setWindow.toMillis() < 1 || maxGauges < 1 || maxSetMembers < 1) {
      throw new IllegalArgumentException(
          "StatsD recorder limits must be positive; got set window "
              + setWindow
              + ", max gauges "
              + maxGauges
              + ", max set members "
              + maxSetMembers);
    }
    this.windowMillis = setWindow.toMillis();
    this.maxSetMembers = maxSetMembers;
    this.gauges =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Series, Double> eldest) {
            return size() > maxGauges;
          }
        };
  }

  @Override
  public synchronized void counter(
      String name, List<MetricTag> tags, double count, Instant timestamp) {
    record(name, MetricType.COUNTER, count, tags, timestamp);
  }

  @Override
  public synchronized void gauge(
      String name, List<MetricTag> tags, double value, Instant timestamp) {
    record(name, MetricType.GAUGE, value, tags, timestamp);
    gauges.put(new Series(name, tags), value);
  }

  @Override
  public synchronized void gaugeDelta(
      String name, List<MetricTag> tags, double delta, Instant timestamp) {
    Series series = new Series(name, tags);
    double value = gauges.getOrDefault(series, 0.0) + delta;
    record(name, MetricType.GAUGE, value, tags, timestamp);
    gauges.put(series, value);
  }

  @Override
  public synchronized void timing(
      String name, List<MetricTag> tags, double seconds, double sampleRate, Instant timestamp) {
    Metric metric = metric(name, MetricType.TIMING, seconds, tags, timestamp);
    for (int i = weight(sampleRate); i > 0; i--) {
      target.accept(metric);
    }
  }

  @Override
  public synchronized void histogram(
      String name, List<MetricTag> tags, double value, double sampleRate, Instant timestamp) {
    Metric metric = metric(name, MetricType.HISTOGRAM, value, tags, timestamp);
    for (int i = weight(sampleRate); i > 0; i--) {
      target.accept(metric);
    }
  }

  @Override
  public synchronized void set(
      String name, List<MetricTag> tags, String member, Instant timestamp) {
    long now = Math.floorDiv(clock.millis(), windowMillis);
    if (now != window) {
      sets.clear();
      setMembersHeld = 0;
      window = now;
    }
    Series series = new Series(name, tags);
    Set<Long> members = sets.get(series);
    long hash = hash64(member);
    if (members != null && members.contains(hash)) {
      return;
    }
    if (setMembersHeld >= maxSetMembers) {
      setMembersNotCounted++;
      String message =
          "StatsD sets hold "
              + setMembersHeld
              + " distinct members in this window, the limit; set '"
              + name
              + "' and others count no new members until the window ends, so their counts are"
              + " lower bounds";
      if (!warnedSetBudget) {
        warnedSetBudget = true;
        LOG.warn("{} (repeats are logged at DEBUG)", message);
      } else {
        LOG.debug(message);
      }
      return;
    }
    int count = members == null ? 1 : members.size() + 1;
    record(name, MetricType.GAUGE, count, tags, timestamp);
    if (members == null) {
      members = new HashSet<>();
      sets.put(series, members);
    }
    members.add(hash);
    setMembersHeld++;
  }

  /** Set members that arrived after the window's member limit was reached. */
  public synchronized long setMembersNotCounted() {
    return setMembersNotCounted;
  }

  /** How many times a value sent at {@code sampleRate} is recorded. */
  static int weight(double sampleRate) {
    return (int) Math.max(1, Math.min(MAX_WEIGHT, Math.round(1.0 / sampleRate)));
  }

  private void record(
      String name, MetricType type, double value, List<MetricTag> tags, Instant timestamp) {
    target.accept(metric(name, type, value, tags, timestamp));
  }

  private Metric metric(
      String name, MetricType type, double value, List<MetricTag> tags, Instant timestamp) {
    return new Metric(name, type, value, tags, timestamp, tenant, null);
  }

  /** FNV-1a over the UTF-16 units, then a final mix so that close texts spread. */
  static long hash64(String text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  private record Series(String name, List<MetricTag> tags) {}
}
