package nexus.monitoring.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import nexus.monitoring.api.AlertContext;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.spi.CardinalityStorage.Registration;
import org.junit.jupiter.api.Test;

final class SpiDefaultsTest {

  private static final class QuietCheck implements ScheduledHealthCheck {
    @Override
    public HealthCheckResult check() {
      return HealthCheckResult.healthy("");
    }
  }

  private static final class LogGateway implements AlertGateway {
    @Override
    public void send(AlertContext alert) {}
  }

  @Test
  void scheduledHealthCheck_defaults_leaveScheduleToTheHost() {
    ScheduledHealthCheck check = new QuietCheck();

    assertThat(check.interval()).isEmpty();
    assertThat(check.timeout()).isEmpty();
    assertThat(check.initialDelay()).isEqualTo(Duration.ZERO);
    assertThat(check.jitter()).isEqualTo(Duration.ZERO);
  }

  @Test
  void alertGateway_defaultName_isSimpleClassName() {
    assertThat(new LogGateway().name()).isEqualTo("LogGateway");
  }

  @Test
  void registration_admitted_onlyForKnownAndRegistered() {
    assertThat(Registration.KNOWN.admitted()).isTrue();
    assertThat(Registration.REGISTERED.admitted()).isTrue();
    assertThat(Registration.METRIC_LIMIT_REACHED.admitted()).isFalse();
    assertThat(Registration.TENANT_LIMIT_REACHED.admitted()).isFalse();
  }
}
