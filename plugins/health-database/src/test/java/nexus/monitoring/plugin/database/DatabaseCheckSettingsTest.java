package nexus.monitoring.plugin.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.testkit.MapPluginSettings;
import org.junit.jupiter.api.Test;

final class DatabaseCheckSettingsTest {
  private static final String H2 = "jdbc:h2:mem:settings";
  private static final String PREFIX = "test.yaml: health.test-instance settings key ";

  @Test
  void everyDocumentedKey_isRead() {
    MapPluginSettings settings =
        MapPluginSettings.of(
            "test-instance",
            Map.of(
                "url", H2,
                "username", "sa",
                "password", "pw",
                "query", "SELECT 1",
                "connect-timeout", "2s",
                "query-timeout", "500ms",
                "warning-latency", "100ms",
                "critical-latency", "1s",
                "properties", List.of("MODE=PostgreSQL")));

    DatabaseCheck check = new DatabaseCheck(settings);

    assertThat(settings.unreadKeys()).isEmpty();
    assertThat(check.timeout()).hasValue(Duration.ofMillis(4500));
  }

  @Test
  void unknownKey_isLeftUnreadForTheHostToReject() {
    MapPluginSettings settings = MapPluginSettings.of("url", H2, "pasword", "typo");

    new DatabaseCheck(settings);

    assertThat(settings.unreadKeys()).containsExactly("pasword");
  }

  @Test
  void defaults_suggestTimeoutCoveringConnectQueryAndGrace() {
    DatabaseCheck check = new DatabaseCheck(MapPluginSettings.of("url", H2));

    assertThat(check.timeout()).hasValue(Duration.ofSeconds(10));
  }

  @Test
  void missingUrl_isRejected() {
    assertThatThrownBy(() -> new DatabaseCheck(MapPluginSettings.of("username", "sa")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(PREFIX + "'url' is absent; expected a string");
  }

  @Test
  void urlWithoutJdbcPrefix_isRejectedWithAnExample() {
    assertThatThrownBy(
            () -> new DatabaseCheck(MapPluginSettings.of("url", "postgresql://127.0.0.1/x")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            PREFIX
                + "'url' is 'postgresql://127.0.0.1/x'; expected a JDBC URL such as "
                + "jdbc:postgresql://127.0.0.1:5432/orders (it starts with jdbc:)");
  }

  @Test
  void urlNoDriverAccepts_namesSchemeFolderAndDriversFound() {
    assertThatThrownBy(
            () -> new DatabaseCheck(MapPluginSettings.of("url", "jdbc:mysql://127.0.0.1/x")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith(
            PREFIX
                + "'url' is 'jdbc:mysql://127.0.0.1/x'; expected a URL that a JDBC driver in "
                + "plugins/health-database/ accepts, but no driver there accepts jdbc:mysql: URLs "
                + "(drivers found: ")
        .hasMessageContaining("org.postgresql.Driver 42.7")
        .hasMessageContaining("org.h2.Driver 2.5")
        .hasMessageEndingWith(
            "); drop that database's JDBC driver jar into plugins/health-database/");
  }

  @Test
  void urlNoDriverAccepts_masksThePasswordTheHostWouldQuote() {
    assertThatThrownBy(
            () ->
                new DatabaseCheck(
                    MapPluginSettings.of(
                        "url", "jdbc:mysql://shop:s3cretPw@127.0.0.1/shop?password=otherS3cret")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith(
            PREFIX + "'url' is 'jdbc:mysql://shop:****@127.0.0.1/shop?password=****'; expected ")
        .message()
        .doesNotContain("s3cretPw")
        .doesNotContain("otherS3cret");
  }

  @Test
  void badPropertyBesideAPasswordProperty_masksThePassword() {
    assertThatThrownBy(
            () ->
                new DatabaseCheck(
                    MapPluginSettings.of(
                        "test-instance",
                        Map.of("url", H2, "properties", List.of("password=propS3cret", "oops")))))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith(PREFIX + "'properties' is a list; expected ")
        .message()
        .doesNotContain("propS3cret");
  }

  @Test
  void noDriversAtAll_saysNone() {
    JdbcDrivers none = JdbcDrivers.of(new ClassLoader(null) {});

    assertThatThrownBy(() -> new DatabaseCheck(MapPluginSettings.of("url", H2), none))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("no driver there accepts jdbc:h2: URLs (drivers found: none)");
  }

  @Test
  void zeroConnectTimeout_isRejected() {
    assertThatThrownBy(
            () -> new DatabaseCheck(MapPluginSettings.of("url", H2, "connect-timeout", "0s")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            PREFIX
                + "'connect-timeout' is '0s'; expected a duration above 0 and at most 1h, "
                + "such as 5s");
  }

  @Test
  void unparsableQueryTimeout_isRejected() {
    assertThatThrownBy(
            () -> new DatabaseCheck(MapPluginSettings.of("url", H2, "query-timeout", "soon")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(PREFIX + "'query-timeout' is 'soon'; expected a duration such as 30s or PT30S");
  }

  @Test
  void warningLatencyAboveCritical_isRejected() {
    assertThatThrownBy(
            () ->
                new DatabaseCheck(
                    MapPluginSettings.of(
                        "url", H2, "warning-latency", "2s", "critical-latency", "1s")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            PREFIX
                + "'warning-latency' is '2s'; expected a value at or below critical-latency "
                + "(1.000s)");
  }

  @Test
  void blankQuery_isRejected() {
    assertThatThrownBy(() -> new DatabaseCheck(MapPluginSettings.of("url", H2, "query", " ")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            PREFIX
                + "'query' is ' '; expected a validation query such as SELECT 1, or no query "
                + "key to use Connection.isValid");
  }

  @Test
  void propertyWithoutName_isRejected() {
    assertThatThrownBy(
            () ->
                new DatabaseCheck(
                    MapPluginSettings.of(
                        "test-instance",
                        Map.of("url", H2, "properties", List.of("MODE=MySQL", "=x")))))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            PREFIX
                + "'properties' is a list; expected a list of driver properties "
                + "written name=value, such as sslmode=require; one entry has no name= part");
  }

  @Test
  void scheme_stopsAtTheSecondColon() {
    assertThat(JdbcDrivers.scheme("jdbc:postgresql://u:pw@db/x")).isEqualTo("jdbc:postgresql:");
    assertThat(JdbcDrivers.scheme("jdbc:")).isEqualTo("jdbc:");
    assertThat(Optional.of(JdbcDrivers.scheme("jdbc:h2:mem:x"))).hasValue("jdbc:h2:");
  }
}
