package nexus.monitoring.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.runtime.logging.SecretRedactor;
import org.junit.jupiter.api.Test;

/** The runner's keys of the health section. */
final class HealthConfigTest {
  private static final Path FILE = Path.of("/etc/nexus/monitoring.yaml");

  private final ConfigLoader loader =
      new ConfigLoader(
          Map.of(
              "NEXUS_HEALTH_TOKEN",
              "tok-0123456789abcdef",
              "DB_PASSWORD",
              "Env5ecretPw",
              "NAGIOS_DB_PASSWORD",
              "Nag1osPass",
              "NAGIOS_DB_HOST",
              "db.internal"),
          Path.of("/opt/nexus"));

  private HostConfig.Health health(String yaml) {
    return loader.parse(FILE, yaml).health();
  }

  private static String error(Runnable parse) {
    try {
      parse.run();
    } catch (InvalidConfigurationException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error");
  }

  @Test
  void defaults_thresholdsOfOne_flappingOverFiveInTenMinutes_detailsAlways() {
    HostConfig.Health health = health("health: {checks: [{name: a, type: t}]}");

    assertThat(health.history()).isEqualTo(10);
    assertThat(health.failureThreshold()).isEqualTo(1);
    assertThat(health.successThreshold()).isEqualTo(1);
    assertThat(health.flapping()).isEqualTo(new HostConfig.Flapping(5, Duration.ofMinutes(10)));
    assertThat(health.staleAfter()).isNull();
    assertThat(health.details()).isEqualTo(HostConfig.DetailsVisibility.ALWAYS);
    assertThat(health.checks().get(0).groups()).containsExactly("readiness");
    assertThat(health.checks().get(0).failureThreshold()).isNull();
  }

  @Test
  void everyRunnerKey_isRead_onTheSectionAndPerCheck() {
    HostConfig.Health health =
        health(
            """
            health:
              stale-after: 2m
              history: 20
              failure-threshold: 3
              success-threshold: 2
              flapping: {changes: 4, window: 30m}
              initial-delay: 1s
              jitter: 2s
              details: authorized
              details-token: ${NEXUS_HEALTH_TOKEN}
              checks:
                - name: db
                  type: database
                  initial-delay: 5s
                  jitter: 500ms
                  stale-after: 10m
                  failure-threshold: 5
                  success-threshold: 4
                  flapping: {changes: 2}
                  groups: [liveness, startup]
                - name: quiet
                  type: tcp
                  flapping: off
                  groups: []
            """);

    assertThat(health.staleAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(health.history()).isEqualTo(20);
    assertThat(health.initialDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(health.jitter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(health.details()).isEqualTo(HostConfig.DetailsVisibility.AUTHORIZED);
    assertThat(health.detailsToken()).isEqualTo("tok-0123456789abcdef");
    HostConfig.CheckConfig db = health.checks().get(0);
    assertThat(db.initialDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(db.jitter()).isEqualTo(Duration.ofMillis(500));
    assertThat(db.staleAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(db.failureThreshold()).isEqualTo(5);
    assertThat(db.successThreshold()).isEqualTo(4);
    assertThat(db.flapping()).isEqualTo(new HostConfig.Flapping(2, Duration.ofMinutes(30)));
    assertThat(db.groups()).containsExactly("liveness", "startup");
    HostConfig.CheckConfig quiet = health.checks().get(1);
    assertThat(quiet.flapping().enabled()).isFalse();
    assertThat(quiet.groups()).isEmpty();
  }

  @Test
  void badValues_nameFileKeyValueAndExpectation() {
    assertThat(error(() -> health("health: {failure-threshold: 0}")))
        .isEqualTo(
            "/etc/nexus/monitoring.yaml: health.failure-threshold: expected a whole number from 1"
                + " to 100 but found 0");
    assertThat(error(() -> health("health: {details: sometimes}")))
        .isEqualTo(
            "/etc/nexus/monitoring.yaml: health.details: expected one of always, never,"
                + " authorized but found 'sometimes'");
    assertThat(error(() -> health("health: {flapping: often}")))
        .isEqualTo(
            "/etc/nexus/monitoring.yaml: health.flapping: expected a mapping {changes: K, window:"
                + " W} or off but found 'often'");
    assertThat(error(() -> health("health: {flapping: {changes: 3, windw: 1m}}")))
        .startsWith(
            "/etc/nexus/monitoring.yaml: health.flapping.windw: unknown key 'windw'; expected one"
                + " of: changes, window");
    assertThat(error(() -> health("health: {checks: [{name: a, type: t, stale-after: 0s}]}")))
        .isEqualTo(
            "/etc/nexus/monitoring.yaml: health.checks[0].stale-after: expected a duration"
                + " greater than zero but found '0s'");
    assertThat(error(() -> health("health: {checks: [{name: a, type: t, groups: [Ready]}]}")))
        .startsWith(
            "/etc/nexus/monitoring.yaml: health.checks[0].groups: expected group names of"
                + " lowercase letters")
        .endsWith("but found 'Ready'");
  }

  @Test
  void authorizedDetails_needAToken_andATokenNeedsAuthorized() {
    assertThat(error(() -> health("health: {details: authorized}")))
        .isEqualTo(
            "/etc/nexus/monitoring.yaml: health.details-token: expected a token of at least 16"
                + " characters (such as ${NEXUS_HEALTH_TOKEN}) because health.details is"
                + " authorized but found nothing");
    assertThat(error(() -> health("health: {details: authorized, details-token: short}")))
        .endsWith("but found a token of 5 characters");
    assertThat(error(() -> health("health: {details-token: whatever-long-enough-token}")))
        .isEqualTo(
            "/etc/nexus/monitoring.yaml: health.details-token: expected no token unless"
                + " health.details is authorized (it is always) but found a token");
  }

  @Test
  void secretsOfSettings_areRegistered_andMaskedInErrorsThatQuoteThem() {
    String message =
        error(
            () ->
                health(
                    """
                    health:
                      checks:
                        - name: db
                          type: database
                          timeout: Zq7-unusual-password
                          settings:
                            password: Zq7-unusual-password
                            url: jdbc:postgresql://app:${DB_PASSWORD}@127.0.0.1/db
                    """));

    assertThat(message)
        .isEqualTo(
            "/etc/nexus/monitoring.yaml: health.checks[0].timeout: expected a duration such as"
                + " 500ms, 30s, 5m, 1h, 2d or PT30S (not negative) but found '****'");
    assertThat(SecretRedactor.redact("login with Env5ecretPw failed"))
        .isEqualTo("login with **** failed");
  }

  @Test
  void secretKeysAnywhere_areRegistered() {
    health("health: {details: authorized, details-token: Yx8-token-of-the-health-section}");

    assertThat(SecretRedactor.redact("Bearer Yx8-token-of-the-health-section"))
        .isEqualTo("Bearer ****");
  }

  @Test
  void secretNamedEnvironmentVariables_areRegistered_whereverTheyAreUsed() {
    health(
        """
        health:
          checks:
            - name: nagios-db
              type: command
              settings:
                command: [check_pgsql, -p, "${NAGIOS_DB_PASSWORD}", -H, "${NAGIOS_DB_HOST}"]
        """);

    assertThat(SecretRedactor.redact("check_pgsql -p Nag1osPass -H db.internal"))
        .isEqualTo("check_pgsql -p **** -H db.internal");
  }

  @Test
  void staleAfterNotLongerThanTheInterval_rejected() {
    assertThat(error(() -> health("health: {interval: 30s, stale-after: 1s}")))
        .isEqualTo(
            "/etc/nexus/monitoring.yaml: health.stale-after: expected a duration longer than"
                + " health.interval (30s), or every result turns stale before the next run but"
                + " found 1s");
    assertThat(
            error(
                () ->
                    health(
                        """
                        health:
                          checks:
                            - name: db
                              type: database
                              interval: 1m
                              stale-after: 60s
                        """)))
        .startsWith(
            "/etc/nexus/monitoring.yaml: health.checks[0].stale-after: expected a duration"
                + " longer than its interval (60s)");
  }
}
