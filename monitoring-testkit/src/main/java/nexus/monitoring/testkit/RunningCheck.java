package nexus.monitoring.testkit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import nexus.monitoring.api.spi.HealthCheck;
import org.junit.jupiter.api.Assertions;

/**
 * A check running on a thread of its own, to be interrupted as the host's runner interrupts a check
 * that overran its timeout:
 *
 * <pre>{@code
 * RunningCheck running = RunningCheck.start(check);
 * Thread.sleep(200);
 * assertThat(running.interrupt(Duration.ofSeconds(10))).isInstanceOf(InterruptedException.class);
 * }</pre>
 *
 * @since 1.0
 */
public final class RunningCheck {
  private final Thread thread;
  private final AtomicReference<Throwable> thrown = new AtomicReference<>();

  private RunningCheck(HealthCheck check) {
    thread =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    check.check();
                  } catch (Throwable t) {
                    thrown.set(t);
                  }
                });
  }

  /** Starts {@code check.check()} on a new platform thread. */
  public static RunningCheck start(HealthCheck check) {
    return new RunningCheck(check);
  }

  /**
   * Interrupts the check and waits up to {@code grace} for it to end; fails the test if it is still
   * running then.
   *
   * @return what the check threw, or {@code null} if it returned a result
   */
  public Throwable interrupt(Duration grace) throws InterruptedException {
    thread.interrupt();
    thread.join(grace);
    Assertions.assertFalse(
        thread.isAlive(), "check still running " + grace.toMillis() + " ms after interruption");
    return thrown.get();
  }
}
