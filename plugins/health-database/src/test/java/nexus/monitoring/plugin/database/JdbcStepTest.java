package nexus.monitoring.plugin.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

final class JdbcStepTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  @Test
  void callInTime_returnsItsResult() throws Exception {
    String result = JdbcStep.within("connecting", "connect-timeout", LONG, () -> "ok", r -> {});

    assertThat(result).isEqualTo("ok");
  }

  @Test
  void callThrowing_rethrowsTheSameException() {
    SQLException failure = new SQLException("refused", "08001");

    assertThatThrownBy(
            () ->
                JdbcStep.within(
                    "connecting",
                    "connect-timeout",
                    LONG,
                    () -> {
                      throw failure;
                    },
                    r -> {}))
        .isSameAs(failure);
  }

  @Test
  void callOutlivingLimit_timesOutNamingTheSettingAndDiscardsTheLateResult() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> discarded = new AtomicReference<>();
    CountDownLatch discardedSignal = new CountDownLatch(1);

    assertThatThrownBy(
            () ->
                JdbcStep.within(
                    "connecting",
                    "connect-timeout",
                    Duration.ofMillis(100),
                    () -> {
                      // Ignores interruption, as a driver stuck in a socket read would.
                      boolean released = false;
                      while (!released) {
                        try {
                          released = release.await(1, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          // keep waiting
                        }
                      }
                      return "late connection";
                    },
                    late -> {
                      discarded.set(late);
                      discardedSignal.countDown();
                    }))
        .isInstanceOf(SQLTimeoutException.class)
        .hasMessage("connecting did not finish within connect-timeout 100ms");

    release.countDown();
    assertThat(discardedSignal.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(discarded.get()).isEqualTo("late connection");
  }

  @Test
  void interruptedWhileWaiting_throwsInterruptedAndInterruptsTheCall() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch callInterrupted = new CountDownLatch(1);
    ExecutorService checkThread = Executors.newSingleThreadExecutor();
    try {
      Future<?> check =
          checkThread.submit(
              () ->
                  JdbcStep.within(
                      "the validation query",
                      "query-timeout",
                      LONG,
                      () -> {
                        started.countDown();
                        try {
                          Thread.sleep(LONG);
                        } catch (InterruptedException e) {
                          callInterrupted.countDown();
                        }
                        return null;
                      },
                      r -> {}));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

      check.cancel(true);

      assertThat(callInterrupted.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      checkThread.shutdownNow();
    }
  }
}
