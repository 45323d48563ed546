package nexus.monitoring.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import nexus.monitoring.api.HealthCheckResult;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

final class RunningCheckTest {

  @Test
  void interrupt_checkWaiting_returnsTheInterruptedException() throws Exception {
    RunningCheck running =
        RunningCheck.start(
            () -> {
              Thread.sleep(Duration.ofHours(1));
              return HealthCheckResult.healthy("woke up");
            });

    assertThat(running.interrupt(Duration.ofSeconds(10))).isInstanceOf(InterruptedException.class);
  }

  @Test
  void interrupt_checkThatReturns_returnsNull() throws Exception {
    RunningCheck running = RunningCheck.start(() -> HealthCheckResult.healthy("done"));

    assertThat(running.interrupt(Duration.ofSeconds(10))).isNull();
  }

  @Test
  void interrupt_checkIgnoringInterruption_failsTheTest() {
    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    RunningCheck running =
        RunningCheck.start(
            () -> {
              while (System.nanoTime() < until) {
                Thread.onSpinWait();
              }
              return HealthCheckResult.healthy("deaf");
            });

    assertThatThrownBy(() -> running.interrupt(Duration.ofMillis(100)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("check still running 100 ms after interruption");
  }
}
