package nexus.monitoring.plugin.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.testkit.MapPluginSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the {@code queue} check reads where to connect, and what it refuses. No broker needed. */
final class BrokerTargetTest {

  @Test
  void noSettings_meansLocalBrokerAsGuestOnTheDefaultVirtualHost() {
    assertThat(BrokerTarget.read(MapPluginSettings.empty()))
        .isEqualTo(new BrokerTarget("127.0.0.1", 5672, "guest", "guest", "/", false));
  }

  @Test
  void tlsWithoutPort_usesTheAmqpsPort() {
    assertThat(BrokerTarget.read(MapPluginSettings.of("tls", "true")).port()).isEqualTo(5671);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "amqp://127.0.0.1                      | 127.0.0.1 | 5672 | guest   | guest   | /      | false",
        "amqp://broker/                        | broker    | 5672 | guest   | guest   | /      | false",
        "amqp://app:s3cret@broker:5673/%2F     | broker    | 5673 | app     | s3cret  | /      | false",
        "amqps://app:p%40ss@broker/orders      | broker    | 5671 | app     | p@ss    | orders | true",
        "amqp://app:pw@broker/a%2Fb            | broker    | 5672 | app     | pw      | a/b    | false",
      })
  void uri_givesHostPortCredentialsVirtualHostAndTls(
      String uri,
      String host,
      int port,
      String username,
      String password,
      String virtualHost,
      boolean tls) {
    assertThat(BrokerTarget.read(MapPluginSettings.of("uri", uri)))
        .isEqualTo(new BrokerTarget(host, port, username, password, virtualHost, tls));
  }

  @Test
  void display_showsTheUserButNeverThePassword() {
    BrokerTarget target =
        BrokerTarget.read(MapPluginSettings.of("uri", "amqps://app:s3cret@broker/orders"));

    assertThat(target.display()).isEqualTo("amqps://app@broker:5671/orders");
    assertThat(target.mask("login with s3cret to amqp://x:s3cret@broker refused"))
        .isEqualTo("login with **** to amqp://x:****@broker refused");
  }

  @Test
  void uriAndSeparateSettingsTogether_areRefused() {
    assertThatThrownBy(
            () ->
                BrokerTarget.read(
                    MapPluginSettings.of("uri", "amqp://broker", "virtual-host", "orders")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("settings key 'uri'")
        .hasMessageContaining("not both");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://broker            | (scheme amqp or amqps)",
        "amqp:///orders           | (with a host)",
        "amqp://broker/a/b        | (one path segment: the virtual host, / as %2F)",
        "amqp://broker?heartbeat=5 | (without query or fragment",
      })
  void badUri_isRefusedSayingWhatIsExpected(String uri, String reason) {
    assertThatThrownBy(() -> BrokerTarget.read(MapPluginSettings.of("uri", uri)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("settings key 'uri'")
        .hasMessageContaining(
            "expected an AMQP URI such as amqp://127.0.0.1:5672/%2F or amqps://host (TLS)")
        .hasMessageContaining(reason);
  }

  @Test
  void portOutOfRange_isRefused() {
    assertThatThrownBy(() -> BrokerTarget.read(MapPluginSettings.of("port", "0")))
        .hasMessageContaining("settings key 'port' is '0'; expected a TCP port from 1 to 65535");
  }
}
