package nexus.monitoring.plugin.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.RequiredServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The check against the local PostgreSQL through the driver that ships in the plugin's folder.
 *
 * <p>The server trusts every local connection, so a wrong password is accepted for an existing
 * role; the wrong-credentials cases use a role and a database that do not exist instead.
 */
final class PostgresDatabaseCheckTest {
  static final String POSTGRES = "PostgreSQL (trust auth, user postgres, db test)";
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  @BeforeEach
  void requirePostgres() {
    RequiredServers.require(POSTGRES, 5432);
  }

  @Test
  void reachableServer_isHealthyWithLatenciesAndVersion() throws Exception {
    MapPluginSettings settings = MapPluginSettings.of("url", URL, "username", "postgres");

    HealthCheckResult result = new DatabaseCheck(settings).check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.message())
        .startsWith("PostgreSQL ")
        .contains(" at " + URL + ": connect latency ");
    assertThat(result.details())
        .containsEntry("database.product", "PostgreSQL")
        .containsEntry("url", URL)
        .containsKeys("connect.seconds", "query.seconds", "database.version")
        .hasEntrySatisfying(
            "driver", d -> assertThat((String) d).isEqualTo("org.postgresql.Driver 42.7"));
  }

  @Test
  void validationQuery_isHealthy() throws Exception {
    HealthCheckResult result =
        new DatabaseCheck(
                MapPluginSettings.of(
                    "url", URL, "username", "postgres", "query", "SELECT count(*) FROM pg_class"))
            .check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void closedPort_isCriticalSayingRefused() throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + RequiredServers.closedPort() + "/test";

    HealthCheckResult result =
        new DatabaseCheck(MapPluginSettings.of("url", url, "username", "postgres")).check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).startsWith("cannot connect to " + url + ": ").contains("refused");
    assertThat(result.details()).containsEntry("sql.state", "08001").containsKey("connect.seconds");
  }

  @Test
  void unknownDatabase_isCriticalSayingItDoesNotExist() throws Exception {
    String database = "nexus_missing_" + UUID.randomUUID().toString().replace("-", "");
    String url = "jdbc:postgresql://127.0.0.1:5432/" + database;

    HealthCheckResult result =
        new DatabaseCheck(MapPluginSettings.of("url", url, "username", "postgres")).check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .startsWith("cannot connect to " + url + ": ")
        .contains("database \"" + database + "\" does not exist");
    assertThat(result.details()).containsEntry("sql.state", "3D000");
  }

  @Test
  void unknownRole_isCriticalSayingItDoesNotExist() throws Exception {
    String role = "nexus_nobody_" + UUID.randomUUID().toString().replace("-", "");

    HealthCheckResult result =
        new DatabaseCheck(
                MapPluginSettings.of("url", URL, "username", role, "password", "wrongPassw0rd"))
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .startsWith("cannot connect to " + URL + ": ")
        .contains("role \"" + role + "\" does not exist")
        .doesNotContain("wrongPassw0rd");
    assertThat(result.details()).containsEntry("sql.state", "28000");
  }

  @Test
  void badQuery_isCriticalWithTheServersErrorOnOneLine() throws Exception {
    HealthCheckResult result =
        new DatabaseCheck(
                MapPluginSettings.of("url", URL, "username", "postgres", "query", "SELEC 1"))
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .startsWith("validation query failed on " + URL + ": ")
        .contains("syntax error at or near \"SELEC\"")
        .doesNotContain("\n");
    assertThat(result.details()).containsEntry("sql.state", "42601");
  }

  @Test
  void maskedPasswordInUrl_keepsTheTextAfterIt() throws Exception {
    String url =
        "jdbc:postgresql://127.0.0.1:" + RequiredServers.closedPort() + "/test?password=pw";

    HealthCheckResult result = new DatabaseCheck(MapPluginSettings.of("url", url)).check();

    assertThat(result.message())
        .startsWith(
            "cannot connect to " + url.replace("password=pw", "password=****") + ": Connection");
  }

  @Test
  void slowQueryPastWarningLatency_isWarningNamingQueryLatency() throws Exception {
    MapPluginSettings settings =
        MapPluginSettings.of(
            "url", URL,
            "username", "postgres",
            "query", "SELECT pg_sleep(0.3)",
            "warning-latency", "100ms");

    HealthCheckResult result = new DatabaseCheck(settings).check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.WARNING);
    assertThat(result.message())
        .containsPattern("query latency 0\\.\\d{3}s is above the warning " + "threshold 0\\.100s");
    assertThat((double) result.details().get("query.seconds")).isGreaterThanOrEqualTo(0.3);
  }

  @Test
  void slowQueryPastCriticalLatency_isCritical() throws Exception {
    MapPluginSettings settings =
        MapPluginSettings.of(
            "url", URL,
            "username", "postgres",
            "query", "SELECT pg_sleep(0.3)",
            "warning-latency", "50ms",
            "critical-latency", "100ms");

    HealthCheckResult result = new DatabaseCheck(settings).check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).contains("is above the critical threshold 0.100s");
  }

  @Test
  void queryOutlivingQueryTimeout_isCriticalWithinTimeoutAndGrace() throws Exception {
    MapPluginSettings settings =
        MapPluginSettings.of(
            "url", URL,
            "username", "postgres",
            "query", "SELECT pg_sleep(30)",
            "query-timeout", "1s");
    DatabaseCheck check = new DatabaseCheck(settings);

    long start = System.nanoTime();
    HealthCheckResult result = check.check();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .startsWith("validation query on " + URL + " outlived query-timeout 1s: ");
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void passwordInUrlAndSetting_neverAppearsInResult() throws Exception {
    String secretUrl = URL + "?user=postgres&password=urlS3cretPw";
    for (Map<String, String> values :
        java.util.List.of(
            Map.of("url", secretUrl),
            Map.of("url", secretUrl, "query", "SELECT 'urlS3cretPw' FROM missing_table"),
            Map.of(
                "url",
                "jdbc:postgresql://127.0.0.1:"
                    + RequiredServers.closedPort()
                    + "/test?password=urlS3cretPw",
                "password",
                "settingS3cretPw"),
            Map.of(
                "url",
                URL + "?password=urlS3cretPw",
                "username",
                "nexus_nobody",
                "password",
                "settingS3cretPw"))) {
      HealthCheckResult result =
          new DatabaseCheck(MapPluginSettings.of("test-instance", values)).check();

      assertThat(result.toString())
          .as(values.toString())
          .doesNotContain("urlS3cretPw")
          .doesNotContain("settingS3cretPw")
          .contains("password=****");
    }
  }
}
