package nexus.monitoring.plugin.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import nexus.monitoring.api.spi.HealthCheck;

/** Runs a check on its own thread and interrupts it, as the runner does on timeout. */
final class Interruption {
  private Interruption() {}

  /** What {@code check} threw after being interrupted {@code after} into its run. */
  static Throwable interrupt(HealthCheck check, Duration after) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread run =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    check.check();
                  } catch (Throwable t) {
                    thrown.set(t);
                  }
                });
    Thread.sleep(after);
    run.interrupt();
    run.join(Duration.ofSeconds(10));
    assertThat(run.isAlive()).as("check still running 10s after interruption").isFalse();
    return thrown.get();
  }
}
