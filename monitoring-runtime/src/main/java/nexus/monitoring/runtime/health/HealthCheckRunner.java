package nexus.monitoring.runtime.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthChecker;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.runtime.logging.SecretRedactor;
import nexus.monitoring.runtime.metrics.HostMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs health checks in parallel, each under its own timeout, and keeps their latest results.
 *
 * <p>Each check runs on a daemon thread of its own, named {@code health-check:<name>} so a thread
 * dump shows which check hangs. When a run outlives its timeout, the check gets a CRITICAL result
 * at once and its thread is interrupted; a check that ignores the interruption is abandoned, and no
 * new run of it starts until the abandoned one returns. The runner therefore holds exactly one
 * thread per check however long any of them hangs, and one check never delays another.
 *
 * <p>Every result is masked by the host's {@link SecretRedactor} before it is kept, and judged by
 * the check's {@link StatusPolicy}: hysteresis when it is recorded, flapping and staleness when it
 * is read (see {@link CheckState}). Readers never wait for a run.
 */
public final class HealthCheckRunner implements HealthChecker, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthCheckRunner.class);
  static final int MAX_MESSAGE_CHARS = 2_000;
  static final int MAX_DETAIL_CHARS = 8_000;
  private static final String OBSERVED = "health.check.observed";

  private final List<CheckInstance> checks;
  private final HostMetrics metrics;
  private final Clock clock;
  private final Map<String, CheckState> states = new LinkedHashMap<>();
  private final Map<String, Set<String>> observedKeys = new ConcurrentHashMap<>();
  private final List<HealthReport.Entry> hostEntries = new ArrayList<>();
  private final Map<String, ExecutorService> workers = new LinkedHashMap<>();
  private final ScheduledThreadPoolExecutor scheduler;
  private volatile boolean closed;

  public HealthCheckRunner(List<CheckInstance> checks, HostMetrics metrics, Clock clock) {
    this.checks = List.copyOf(checks);
    this.metrics = metrics;
    this.clock = clock;
    Instant now = clock.instant();
    for (CheckInstance check : this.checks) {
      CheckState state = new CheckState(check, now);
      states.put(check.name(), state);
      // Present from the start, so a dashboard sees 0 rather than no series.
      metrics.increment(
          "health.check.timeouts",
          "Health check runs that exceeded their timeout",
          "",
          Map.of("check", check.name()),
          0);
      metrics.gauge(
          "health.check.status",
          "Reported status of a health check: 0 HEALTHY, 1 WARNING, 2 DEGRADED, 3 CRITICAL,"
              + " 4 OFFLINE",
          "",
          Map.of("check", check.name()),
          () -> state.view(clock.instant()).result().status().ordinal());
    }
    for (CheckInstance check : this.checks) {
      workers.put(
          check.name(),
          Executors.newSingleThreadExecutor(daemonThreads("health-check:" + check.name())));
    }
    this.scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("health-scheduler"));
    this.scheduler.setRemoveOnCancelPolicy(true);
  }

  /**
   * Adds an entry the runner does not run, such as a check whose plugin is quarantined or the
   * host's own plugin status. Call before {@link #start}.
   */
  public synchronized void addHostEntry(
      String name, String type, boolean critical, HealthCheckResult result) {
    addHostEntry(name, type, critical, Set.of(), result);
  }

  /** Adds an entry the runner does not run, in {@code groups}. Call before {@link #start}. */
  public synchronized void addHostEntry(
      String name, String type, boolean critical, Set<String> groups, HealthCheckResult result) {
    HealthCheckResult masked = masked(result);
    hostEntries.add(
        new HealthReport.Entry(name, type, critical, groups, masked, masked.timestamp()));
  }

  /**
   * Schedules every check: the first run after its initial delay, then one every interval, each
   * shifted by a random part of its jitter.
   */
  public void start() {
    for (CheckInstance check : checks) {
      schedule(check, check.initialDelay().toMillis() + jitterMillis(check));
    }
  }

  private void schedule(CheckInstance check, long delayMillis) {
    if (closed) {
      return;
    }
    try {
      scheduler.schedule(
          () -> {
            try {
              launch(check, () -> {});
            } finally {
              schedule(check, check.interval().toMillis() + jitterMillis(check));
            }
          },
          delayMillis,
          TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // The runner is closing.
    }
  }

  private static long jitterMillis(CheckInstance check) {
    return check.jitter().isZero()
        ? 0
        : ThreadLocalRandom.current().nextLong(check.jitter().toMillis() + 1);
  }

  /**
   * Runs every check once, in parallel, and waits until each has a result or has timed out.
   *
   * @return the report after the pass
   */
  public HealthReport runOnce() throws InterruptedException {
    return runOnce(check -> true);
  }

  /**
   * Runs the checks of {@code group} once, in parallel, and waits as {@link #runOnce()} does.
   *
   * @return the report of that group alone
   */
  public HealthReport runOnce(String group) throws InterruptedException {
    return runOnce(check -> check.groups().contains(group)).group(group);
  }

  private HealthReport runOnce(java.util.function.Predicate<CheckInstance> which)
      throws InterruptedException {
    List<CheckInstance> chosen = checks.stream().filter(which).toList();
    CountDownLatch done = new CountDownLatch(chosen.size());
    long longest = 0;
    for (CheckInstance check : chosen) {
      longest = Math.max(longest, check.timeout().toMillis());
      launch(check, done::countDown);
    }
    // The timeout task settles every run; the margin only covers scheduling delays.
    if (!done.await(longest + 5_000, TimeUnit.MILLISECONDS)) {
      LOG.error("Health checks did not settle within their timeouts; the report may be partial");
    }
    return report(false);
  }

  /** The latest state of every check and host entry, judged as of now. */
  public HealthReport report() {
    return report(true);
  }

  private HealthReport report(boolean judgeStaleness) {
    Instant now = clock.instant();
    List<HealthReport.Entry> entries = new ArrayList<>();
    for (CheckInstance check : checks) {
      entries.add(states.get(check.name()).view(now, judgeStaleness));
    }
    synchronized (this) {
      entries.addAll(hostEntries);
    }
    return new HealthReport(HealthReport.aggregate(entries), entries);
  }

  /** The checks this runner runs, in configuration order, with their schedules and policies. */
  public List<CheckInstance> checks() {
    return checks;
  }

  @Override
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    checks.forEach(c -> names.add(c.name()));
    return names;
  }

  @Override
  public Map<String, HealthCheckResult> runAll() {
    try {
      runOnce();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return reportedResults(false);
  }

  @Override
  public HealthCheckResult run(String name) {
    CheckInstance check =
        checks.stream()
            .filter(c -> c.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no health check named '" + name + "'; checks: " + names()));
    try {
      runOnce(c -> c == check);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return states.get(name).view(clock.instant()).result();
  }

  /** The reported results (after hysteresis, flapping and staleness) of checks that have run. */
  @Override
  public Map<String, HealthCheckResult> latestResults() {
    return reportedResults(true);
  }

  private Map<String, HealthCheckResult> reportedResults(boolean onlyRun) {
    Instant now = clock.instant();
    Map<String, HealthCheckResult> results = new TreeMap<>();
    for (CheckInstance check : checks) {
      HealthReport.Entry entry = states.get(check.name()).view(now);
      if (!onlyRun || !entry.pending()) {
        results.put(check.name(), entry.result());
      }
    }
    return results;
  }

  private void launch(CheckInstance check, Runnable onSettled) {
    CheckState state = states.get(check.name());
    if (!state.running.compareAndSet(false, true)) {
      Instant since = state.runningSince;
      // Null only in the instant between a run claiming the check and stamping its start.
      Duration hung = since == null ? Duration.ZERO : Duration.between(since, clock.instant());
      record(
          check,
          state,
          HealthCheckResult.critical(
                  "previous run has not returned for "
                      + seconds(hung)
                      + " (it ignored interruption); no new run starts until it does")
              .withDetail("timeout.seconds", check.timeout().toMillis() / 1000.0),
          hung);
      onSettled.run();
      return;
    }
    state.runningSince = clock.instant();
    long startNanos = System.nanoTime();
    AtomicBoolean settled = new AtomicBoolean();
    AtomicReference<ScheduledFuture<?>> timeoutTask = new AtomicReference<>();

    Future<?> run =
        workers
            .get(check.name())
            .submit(
                () -> {
                  HealthCheckResult result;
                  try {
                    result = check.check().check();
                    if (result == null) {
                      result = HealthCheckResult.critical("the check returned no result");
                    }
                  } catch (InterruptedException e) {
                    result = HealthCheckResult.critical("interrupted");
                    Thread.currentThread().interrupt();
                  } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
                    result = failure(check, e);
                  } finally {
                    state.running.set(false);
                  }
                  if (settled.compareAndSet(false, true)) {
                    ScheduledFuture<?> task = timeoutTask.get();
                    if (task != null) {
                      task.cancel(false);
                    }
                    record(check, state, result, Duration.ofNanos(System.nanoTime() - startNanos));
                    onSettled.run();
                  }
                });

    timeoutTask.set(
        scheduler.schedule(
            () -> {
              if (settled.compareAndSet(false, true)) {
                run.cancel(true);
                metrics.increment(
                    "health.check.timeouts",
                    "Health check runs that exceeded their timeout",
                    "",
                    Map.of("check", check.name()),
                    1);
                record(
                    check,
                    state,
                    HealthCheckResult.critical(
                            "timed out after "
                                + seconds(check.timeout())
                                + "; the run was interrupted")
                        .withDetail("timeout.seconds", check.timeout().toMillis() / 1000.0),
                    Duration.ofNanos(System.nanoTime() - startNanos));
                onSettled.run();
              }
            },
            check.timeout().toNanos(),
            TimeUnit.NANOSECONDS));
  }

  private static HealthCheckResult failure(CheckInstance check, Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    LOG.debug("Health check '{}' threw", check.name(), e);
    return HealthCheckResult.critical(message).withDetail("exception", e.getClass().getName());
  }

  /**
   * {@code result} with its message and string details masked, then cut to a size a health document
   * can carry: a check that returns a megabyte of program output must not make every scrape of
   * {@code /health} a megabyte. Masking comes first, so a cut never leaves half a secret.
   */
  private static HealthCheckResult masked(HealthCheckResult result) {
    Map<String, Object> details = new LinkedHashMap<>();
    result
        .details()
        .forEach(
            (key, value) ->
                details.put(
                    key,
                    value instanceof String text
                        ? bounded(SecretRedactor.redact(text), MAX_DETAIL_CHARS)
                        : value));
    return new HealthCheckResult(
        result.status(),
        bounded(SecretRedactor.redact(result.message()), MAX_MESSAGE_CHARS),
        details,
        result.duration(),
        result.timestamp());
  }

  private static String bounded(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    return text.substring(0, limit) + "... (" + (text.length() - limit) + " more characters)";
  }

  private void record(
      CheckInstance check, CheckState state, HealthCheckResult result, Duration duration) {
    HealthCheckResult measured = masked(result.measured(duration, clock.instant()));
    HealthStatus[] change = state.record(measured);
    logChange(check, state, measured, change[0], change[1]);

    Map<String, String> tags = Map.of("check", check.name());
    double seconds = duration.toNanos() / 1e9;
    metrics.gauge(
        "health.check.duration.seconds",
        "Duration of the latest run of a health check",
        "seconds",
        tags,
        () -> seconds);
    metrics.increment(
        "health.check.runs",
        "Health check runs by resulting status",
        "",
        Map.of("check", check.name(), "status", measured.status().name()),
        1);
    recordObservations(check, measured);
  }

  /**
   * Logs a change of the reported status. While a check flaps, its raw changes go to DEBUG: the log
   * says once that it flaps and once that it settled, as {@code /health} does.
   */
  private void logChange(
      CheckInstance check,
      CheckState state,
      HealthCheckResult measured,
      HealthStatus before,
      HealthStatus after) {
    HealthReport.Entry entry = state.view(measured.timestamp(), false);
    boolean wasFlapping = state.flappingLogged;
    state.flappingLogged = entry.flapping();
    if (entry.flapping() && !wasFlapping) {
      LOG.warn(
          "Health check '{}' ({}) is flapping and reported as {} until it settles: {}",
          check.name(),
          check.type(),
          entry.result().status(),
          entry.result().message());
      return;
    }
    if (!entry.flapping() && wasFlapping) {
      LOG.info("Health check '{}' ({}) settled and is {}", check.name(), check.type(), after);
      return;
    }
    if (before == after) {
      return;
    }
    if (entry.flapping()) {
      LOG.debug(
          "Health check '{}' ({}) changed to {} while flapping", check.name(), check.type(), after);
    } else if (after.isAtLeast(HealthStatus.WARNING)) {
      LOG.warn(
          "Health check '{}' ({}) is {}: {}",
          check.name(),
          check.type(),
          after,
          measured.message());
    } else {
      LOG.info("Health check '{}' ({}) is {}", check.name(), check.type(), after);
    }
  }

  /**
   * Exports every numeric or boolean detail as {@code health.check.observed}. The series of a
   * detail a later run no longer reports are removed, so a scrape never shows a value the check
   * stopped observing.
   */
  private void recordObservations(CheckInstance check, HealthCheckResult result) {
    Map<String, Double> values = new LinkedHashMap<>();
    result
        .details()
        .forEach(
            (key, value) -> {
              if (value instanceof Number number) {
                values.put(key, number.doubleValue());
              } else if (value instanceof Boolean flag) {
                values.put(key, flag ? 1.0 : 0.0);
              }
            });
    Set<String> previous = observedKeys.put(check.name(), values.keySet());
    if (previous != null && !values.keySet().containsAll(previous)) {
      metrics.remove(OBSERVED, MetricTag.of("check", check.name()));
    }
    for (Map.Entry<String, Double> observed : values.entrySet()) {
      double value = observed.getValue();
      try {
        metrics.gauge(
            OBSERVED,
            "A value a health check observed in its latest run, by detail key",
            "",
            Map.of("check", check.name(), "observation", observed.getKey()),
            () -> value);
      } catch (RuntimeException e) {
        LOG.debug(
            "Detail '{}' of health check '{}' cannot be a metric tag: {}",
            observed.getKey(),
            check.name(),
            e.getMessage());
      }
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() / 1000.0 + "s";
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      int n = counter.incrementAndGet();
      Thread thread = new Thread(runnable, n == 1 ? prefix : prefix + "-" + n);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    workers.values().forEach(ExecutorService::shutdownNow);
  }
}
