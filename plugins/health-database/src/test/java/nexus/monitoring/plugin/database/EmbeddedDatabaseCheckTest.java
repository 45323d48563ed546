package nexus.monitoring.plugin.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.testkit.MapPluginSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check against the embedded H2 and SQLite engines, whose drivers the tests put beside it. */
final class EmbeddedDatabaseCheckTest {
  @TempDir Path dir;

  @Test
  void h2InMemory_isHealthyWithLatenciesAndProduct() throws Exception {
    MapPluginSettings settings = MapPluginSettings.of("url", h2Url());

    HealthCheckResult result = new DatabaseCheck(settings).check();

    assertThat(settings.unreadKeys()).isEmpty();
    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.message())
        .startsWith("H2 ")
        .contains(" at jdbc:h2:mem:")
        .contains(": connect latency ")
        .contains(", query latency ");
    assertThat(result.details())
        .containsEntry("database.product", "H2")
        .containsKeys("connect.seconds", "query.seconds", "database.version")
        .hasEntrySatisfying("driver", d -> assertThat((String) d).startsWith("org.h2.Driver 2."));
    assertThat((double) result.details().get("connect.seconds")).isPositive();
  }

  @Test
  void h2_withValidationQuery_isHealthy() throws Exception {
    HealthCheckResult result =
        new DatabaseCheck(MapPluginSettings.of("url", h2Url(), "query", "SELECT 1")).check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void h2_failingQuery_isCriticalNamingQueryAndTableWithSqlState() throws Exception {
    HealthCheckResult result =
        new DatabaseCheck(
                MapPluginSettings.of("url", h2Url(), "query", "SELECT * FROM no_such_table"))
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .startsWith("validation query failed on jdbc:h2:mem:")
        .containsIgnoringCase("NO_SUCH_TABLE");
    assertThat(result.details())
        .hasEntrySatisfying("sql.state", state -> assertThat((String) state).startsWith("42"))
        .containsKeys("connect.seconds", "query.seconds", "database.product");
  }

  @Test
  void h2_passwordInUrlAndSettings_neverShown() throws Exception {
    String database = h2Url();
    String url = database + ";PASSWORD=urlS3cret";
    MapPluginSettings settings =
        MapPluginSettings.of(
            "test-instance",
            Map.of(
                "url", url,
                "username", "sa",
                "password", "settingS3cret",
                "query", "SELECT 'settingS3cret' FROM no_such_table"));

    HealthCheckResult result = new DatabaseCheck(settings).check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.toString()).doesNotContain("urlS3cret").doesNotContain("settingS3cret");
    assertThat(result.details().get("url")).isEqualTo(database + ";PASSWORD=****");
  }

  @Test
  void sqliteFile_isHealthy() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("health.db");

    HealthCheckResult result =
        new DatabaseCheck(MapPluginSettings.of("url", url, "query", "SELECT 1")).check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.details())
        .containsEntry("database.product", "SQLite")
        .containsEntry("url", url)
        .containsKeys("connect.seconds", "query.seconds");
  }

  @Test
  void sqlite_failingQuery_isCriticalWithTheEngineMessage() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("health.db");

    HealthCheckResult result =
        new DatabaseCheck(MapPluginSettings.of("url", url, "query", "SELECT x FROM nowhere"))
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .startsWith("validation query failed on " + url + ": ")
        .contains("no such table: nowhere");
  }

  @Test
  void sqlite_fileInMissingFolder_isCriticalCannotConnect() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("missing/folder/health.db");

    HealthCheckResult result = new DatabaseCheck(MapPluginSettings.of("url", url)).check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).startsWith("cannot connect to " + url + ": ");
    assertThat(result.details()).containsKey("connect.seconds").doesNotContainKey("query.seconds");
  }

  /** A fresh in-memory H2 database; it vanishes when the check closes its connection. */
  private static String h2Url() {
    return "jdbc:h2:mem:health_" + UUID.randomUUID().toString().replace("-", "");
  }
}
