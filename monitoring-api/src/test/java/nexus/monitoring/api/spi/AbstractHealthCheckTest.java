package nexus.monitoring.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import org.junit.jupiter.api.Test;

final class AbstractHealthCheckTest {

  /** A check whose probe is given by the test. */
  private static final class Probing extends AbstractHealthCheck {
    interface Probe {
      HealthCheckResult probe(Observations observed) throws Exception;
    }

    private final Probe probe;

    Probing(Probe probe) {
      this.probe = probe;
    }

    @Override
    protected HealthCheckResult probe(Observations observed) throws Exception {
      return probe.probe(observed);
    }
  }

  @Test
  void probeReturns_observationsBecomeDetailsBeforeTheVerdictsOwn() throws Exception {
    HealthCheckResult result =
        new Probing(
                observed -> {
                  observed.put("connect.seconds", 0.25).put("server", "pg 16");
                  return HealthCheckResult.warning("slow").withDetail("server", "overridden");
                })
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(result.message()).isEqualTo("slow");
    assertThat(result.details())
        .containsExactly(
            java.util.Map.entry("connect.seconds", 0.25),
            java.util.Map.entry("server", "overridden"));
  }

  @Test
  void probeThrows_criticalWithRootCauseAndObservationsSoFar() throws Exception {
    HealthCheckResult result =
        new Probing(
                observed -> {
                  observed.put("attempt", 1);
                  throw new IOException(
                      "cannot reach redis://:S3cret@127.0.0.1:1",
                      new ConnectException("Connection refused"));
                })
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .isEqualTo("cannot reach redis://:****@127.0.0.1:1: Connection refused");
    assertThat(result.details())
        .containsEntry("attempt", 1)
        .containsEntry("exception", IOException.class.getName());
  }

  @Test
  void probeThrowsWithoutMessage_namesTheExceptionType() throws Exception {
    HealthCheckResult result =
        new Probing(
                observed -> {
                  throw new IllegalStateException();
                })
            .check();

    assertThat(result.message()).isEqualTo("IllegalStateException");
  }

  @Test
  void timedStepThrows_itsLatencyIsStillObserved() throws Exception {
    HealthCheckResult result =
        new Probing(
                observed ->
                    observed.time(
                        "connect.seconds",
                        () -> {
                          throw new ConnectException("Connection refused");
                        }))
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.details().get("connect.seconds")).isInstanceOf(Double.class);
  }

  @Test
  void probeInterrupted_interruptionPassesThrough() {
    Probing check =
        new Probing(
            observed -> {
              throw new InterruptedException("stop");
            });

    assertThatThrownBy(check::check).isInstanceOf(InterruptedException.class);
  }

  @Test
  void probeReturnsNull_critical() throws Exception {
    assertThat(new Probing(observed -> null).check().message())
        .isEqualTo("the probe returned no result");
  }

  @Test
  void observationOfAnUnsupportedType_failsTheProbeNamingTheKey() throws Exception {
    HealthCheckResult result =
        new Probing(
                observed -> {
                  observed.put("when", java.time.Instant.EPOCH);
                  return HealthCheckResult.healthy("");
                })
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).contains("observation 'when'").contains("java.time.Instant");
  }
}
