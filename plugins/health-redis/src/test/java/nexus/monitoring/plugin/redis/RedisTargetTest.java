package nexus.monitoring.plugin.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.testkit.MapPluginSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the {@code cache} check reads where to connect, and what it refuses. No server needed. */
final class RedisTargetTest {

  @Test
  void noSettings_meansLocalRedisDatabaseZero() {
    RedisTarget target = RedisTarget.read(MapPluginSettings.empty());

    assertThat(target)
        .isEqualTo(
            new RedisTarget("127.0.0.1", 6379, Optional.empty(), Optional.empty(), 0, false));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "redis://127.0.0.1            | 127.0.0.1 | 6379 |        |            | 0 | false",
        "redis://:s3cret@cache:6380/2 | cache     | 6380 |        | s3cret     | 2 | false",
        "rediss://app:p%40ss@cache/15 | cache     | 6379 | app    | p@ss       | 15 | true",
        "redis://onlypassword@cache   | cache     | 6379 |        | onlypassword | 0 | false",
      })
  void uri_givesHostPortCredentialsDatabaseAndTls(
      String uri,
      String host,
      int port,
      String username,
      String password,
      int database,
      boolean tls) {
    RedisTarget target = RedisTarget.read(MapPluginSettings.of("uri", uri));

    assertThat(target)
        .isEqualTo(
            new RedisTarget(
                host,
                port,
                Optional.ofNullable(username),
                Optional.ofNullable(password),
                database,
                tls));
  }

  @Test
  void display_neverShowsThePassword() {
    RedisTarget target = RedisTarget.read(MapPluginSettings.of("uri", "rediss://app:s3cret@cache"));

    assertThat(target.display()).isEqualTo("rediss://app@cache:6379/0");
    assertThat(target.mask("auth with s3cret failed for redis://x:s3cret@cache"))
        .isEqualTo("auth with **** failed for redis://x:****@cache");
  }

  @Test
  void uriAndHostTogether_areRefused() {
    assertThatThrownBy(
            () -> RedisTarget.read(MapPluginSettings.of("uri", "redis://cache", "host", "cache")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("settings key 'uri'")
        .hasMessageContaining("either uri or host/port/username/password/database/tls, not both");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://cache:6379     | (scheme redis or rediss)",
        "redis:///0            | (with a host)",
        "redis://cache/zero    | (the path is a database number)",
        "redis://cache?timeout=1 | (without query or fragment",
        "redis://ca che        | (not a URI at index 10)",
      })
  void badUri_isRefusedSayingWhatIsExpected(String uri, String reason) {
    assertThatThrownBy(() -> RedisTarget.read(MapPluginSettings.of("uri", uri)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("settings key 'uri'")
        .hasMessageContaining("expected a Redis URI such as redis://127.0.0.1:6379/0")
        .hasMessageContaining(reason);
  }

  @Test
  void portOutOfRange_isRefused() {
    assertThatThrownBy(() -> RedisTarget.read(MapPluginSettings.of("port", "70000")))
        .hasMessageContaining(
            "settings key 'port' is '70000'; expected a TCP port from 1 to 65535");
  }

  @Test
  void usernameWithoutPassword_isRefused() {
    assertThatThrownBy(() -> RedisTarget.read(MapPluginSettings.of("username", "app")))
        .hasMessageContaining(
            "settings key 'password' is absent; expected a password for username");
  }
}
