package nexus.monitoring.plugin.database;

import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One blocking JDBC call run on a virtual thread of its own, so that the check can stop waiting for
 * it at a time limit or when the runner interrupts the check, whatever the driver does.
 *
 * <p>A driver blocked in a socket read on the check's own thread would ignore the runner's
 * interrupt, and JDBC offers no portable connect timeout. Waiting here instead lets the check
 * return on time; the abandoned call is interrupted (which closes its socket when the driver uses
 * {@code java.net.Socket} on a virtual thread) and whatever it returns late is handed to a discard
 * action, so a connection that opens after the check gave up is closed rather than leaked.
 *
 * @param <T> what the call returns
 */
final class JdbcStep<T> implements Runnable {
  private final Callable<T> call;
  private final Consumer<? super T> discard;
  private final CountDownLatch finished = new CountDownLatch(1);

  // Guarded by this: the handoff between the call's thread and the waiting check.
  private T result;
  private Throwable failure;
  private boolean completed;
  private boolean abandoned;

  private JdbcStep(Callable<T> call, Consumer<? super T> discard) {
    this.call = call;
    this.discard = discard;
  }

  /**
   * Runs {@code call} and waits at most {@code limit} for it.
   *
   * @param what the step as the timeout message names it, such as {@code "connecting"}
   * @param limitName the setting that gave {@code limit}, so the message says what to change
   * @param discard closes a result that arrives after the check gave up
   * @throws Abandoned when the call outlives {@code limit}
   * @throws InterruptedException when the check is interrupted while waiting; the call is abandoned
   * @throws Exception what the call threw
   */
  static <T> T within(
      String what, String limitName, Duration limit, Callable<T> call, Consumer<? super T> discard)
      throws Exception {
    JdbcStep<T> step = new JdbcStep<>(call, discard);
    Thread thread = Thread.ofVirtual().name("database-check-" + what).start(step);
    boolean done;
    try {
      done = step.finished.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      if (!step.abandon(thread)) {
        step.discardResult();
      }
      throw e;
    }
    if (!done && step.abandon(thread)) {
      throw new Abandoned(
          what + " did not finish within " + limitName + " " + DatabaseCheck.format(limit));
    }
    return step.outcome();
  }

  /** The call outlived its limit and may still be running on its thread. */
  static final class Abandoned extends SQLTimeoutException {
    private static final long serialVersionUID = 1L;

    Abandoned(String message) {
      super(message);
    }
  }

  @Override
  public void run() {
    T value = null;
    Throwable thrown = null;
    try {
      value = call.call();
    } catch (Throwable t) {
      thrown = t;
    }
    boolean late;
    synchronized (this) {
      late = abandoned;
      if (!late) {
        result = value;
        failure = thrown;
        completed = true;
      }
    }
    if (late && value != null) {
      discard.accept(value);
    }
    finished.countDown();
  }

  /**
   * Gives up on the call unless it has finished meanwhile.
   *
   * @return true when the call was abandoned, false when it finished in time after all
   */
  private boolean abandon(Thread thread) {
    synchronized (this) {
      if (completed) {
        return false;
      }
      abandoned = true;
    }
    thread.interrupt();
    return true;
  }

  /** Hands a result nobody will use, because the check was interrupted, to the discard action. */
  private void discardResult() {
    T value;
    synchronized (this) {
      value = result;
      result = null;
    }
    if (value != null) {
      discard.accept(value);
    }
  }

  private T outcome() throws Exception {
    synchronized (this) {
      if (failure instanceof Exception e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
      return result;
    }
  }
}
