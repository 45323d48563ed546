package nexus.monitoring.runtime.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import nexus.monitoring.api.HealthStatus;
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
 */
public final class HealthCheckRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthCheckRunner.class);

  private final List<CheckInstance> checks;
  private final HostMetrics metrics;
  private final Clock clock;
  private final Map<String, State> states = new LinkedHashMap<>();
  private final List<HealthReport.Entry> hostEntries = new ArrayList<>();
  private final Map<String, ExecutorService> workers = new LinkedHashMap<>();
  private final ScheduledThreadPoolExecutor scheduler;

  /** What the runner knows of one check; guarded by its own monitor. */
  private static final class State {
    final AtomicBoolean running = new AtomicBoolean();
    volatile HealthCheckResult result;
    volatile Instant lastChange;
    volatile boolean ran;
    volatile Instant runningSince;
  }

  public HealthCheckRunner(List<CheckInstance> checks, HostMetrics metrics, Clock clock) {
    this.checks = List.copyOf(checks);
    this.metrics = metrics;
    this.clock = clock;
    Instant now = clock.instant();
    for (CheckInstance check : this.checks) {
      State state = new State();
      state.result =
          HealthCheckResult.warning("pending: the first run has not finished yet")
              .measured(Duration.ZERO, now);
      state.lastChange = now;
      states.put(check.name(), state);
      // Present from the start, so a dashboard sees 0 rather than no series.
      metrics.increment(
          "health.check.timeouts",
          "Health check runs that exceeded their timeout",
          "",
          Map.of("check", check.name()),
          0);
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
    hostEntries.add(
        new HealthReport.Entry(name, type, critical, Set.of(), result, result.timestamp()));
  }

  /** Schedules every check at its interval, the first run after its initial delay and jitter. */
  public void start() {
    for (CheckInstance check : checks) {
      long jitterMillis =
          check.jitter().isZero()
              ? 0
              : ThreadLocalRandom.current().nextLong(check.jitter().toMillis() + 1);
      long delay = check.initialDelay().toMillis() + jitterMillis;
      scheduler.scheduleAtFixedRate(
          () -> launch(check, () -> {}), delay, check.interval().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Runs every check once, in parallel, and waits until each has a result or has timed out.
   *
   * @return the report after the pass
   */
  public HealthReport runOnce() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(checks.size());
    long longest = 0;
    for (CheckInstance check : checks) {
      longest = Math.max(longest, check.timeout().toMillis());
      launch(check, done::countDown);
    }
    // The timeout task settles every run; the margin only covers scheduling delays.
    if (!done.await(longest + 5_000, TimeUnit.MILLISECONDS)) {
      LOG.error("Health checks did not settle within their timeouts; the report may be partial");
    }
    return report();
  }

  /** The latest state of every check and host entry. */
  public HealthReport report() {
    List<HealthReport.Entry> entries = new ArrayList<>();
    for (CheckInstance check : checks) {
      State state = states.get(check.name());
      entries.add(
          new HealthReport.Entry(
              check.name(),
              check.type(),
              check.critical(),
              check.groups(),
              state.result,
              state.lastChange));
    }
    synchronized (this) {
      entries.addAll(hostEntries);
    }
    return new HealthReport(HealthReport.aggregate(entries), entries);
  }

  private void launch(CheckInstance check, Runnable onSettled) {
    State state = states.get(check.name());
    if (!state.running.compareAndSet(false, true)) {
      Instant since = state.runningSince;
      Duration hung = Duration.between(since, clock.instant());
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

  private void record(
      CheckInstance check, State state, HealthCheckResult result, Duration duration) {
    HealthCheckResult measured = result.measured(duration, clock.instant());
    HealthCheckResult previous = state.result;
    boolean first = !state.ran;
    state.ran = true;
    if (first || previous.status() != measured.status()) {
      state.lastChange = measured.timestamp();
      if (measured.status().isAtLeast(HealthStatus.WARNING)) {
        LOG.warn(
            "Health check '{}' ({}) is {}: {}",
            check.name(),
            check.type(),
            measured.status(),
            measured.message());
      } else {
        LOG.info("Health check '{}' ({}) is {}", check.name(), check.type(), measured.status());
      }
    }
    state.result = measured;

    Map<String, String> tags = Map.of("check", check.name());
    double seconds = duration.toNanos() / 1e9;
    metrics.gauge(
        "health.check.duration.seconds",
        "Duration of the latest run of a health check",
        "seconds",
        tags,
        () -> seconds);
    int severity = measured.status().ordinal();
    metrics.gauge(
        "health.check.status",
        "Latest status of a health check: 0 HEALTHY, 1 WARNING, 2 DEGRADED, 3 CRITICAL, 4 OFFLINE",
        "",
        tags,
        () -> severity);
    metrics.increment(
        "health.check.runs",
        "Health check runs by resulting status",
        "",
        Map.of("check", check.name(), "status", measured.status().name()),
        1);
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
    scheduler.shutdownNow();
    workers.values().forEach(ExecutorService::shutdownNow);
  }
}
