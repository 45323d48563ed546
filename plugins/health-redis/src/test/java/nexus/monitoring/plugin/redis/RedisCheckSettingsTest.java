package nexus.monitoring.plugin.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.RecordingRegistry;
import org.junit.jupiter.api.Test;

/** The {@code cache} check's settings as the host hands them over. No server needed. */
final class RedisCheckSettingsTest {

  @Test
  void everyDocumentedKey_isRead() {
    MapPluginSettings settings =
        MapPluginSettings.of(
            "cache",
            Map.ofEntries(
                Map.entry("host", "127.0.0.1"),
                Map.entry("port", "6379"),
                Map.entry("username", "app"),
                Map.entry("password", "pw"),
                Map.entry("database", "1"),
                Map.entry("tls", "false"),
                Map.entry("connect-timeout", "1s"),
                Map.entry("warning-latency", "50ms"),
                Map.entry("critical-latency", "500ms"),
                Map.entry("warning-memory", "70%"),
                Map.entry("critical-memory", "90%"),
                Map.entry("warning-clients", "100"),
                Map.entry("critical-clients", "500"),
                Map.entry("round-trip", "true"),
                Map.entry("scratch-key", "health:")));

    new RedisCheck(settings);

    assertThat(settings.unreadKeys()).isEmpty();
  }

  @Test
  void warningMemoryAboveCritical_isRefusedNamingTheKeyWritten() {
    assertThatThrownBy(() -> new RedisCheck(MapPluginSettings.of("warning-memory", "97%")))
        .hasMessageContaining(
            "settings key 'warning-memory' is '97%'; expected a share at or below critical-memory"
                + " (95%)");
    assertThatThrownBy(() -> new RedisCheck(MapPluginSettings.of("critical-memory", "50%")))
        .hasMessageContaining(
            "settings key 'critical-memory' is '50%'; expected a share at or above warning-memory"
                + " (80%, the default)");
  }

  @Test
  void warningClientsAboveCritical_isRefused() {
    assertThatThrownBy(
            () ->
                new RedisCheck(
                    MapPluginSettings.of("warning-clients", "10", "critical-clients", "5")))
        .hasMessageContaining("settings key 'warning-clients' is '10'");
  }

  @Test
  void zeroConnectTimeout_isRefused() {
    assertThatThrownBy(() -> new RedisCheck(MapPluginSettings.of("connect-timeout", "0s")))
        .hasMessageContaining(
            "settings key 'connect-timeout' is '0s'; expected a duration above zero");
  }

  @Test
  void plugin_registersTheCacheType() {
    RecordingRegistry registry = new RecordingRegistry();

    new RedisHealthPlugin().register(registry);

    assertThat(registry.registered())
        .containsExactly(Map.entry("health-check:cache", RedisCheck.class));
  }

  @Test
  void infoReply_isReadFieldByField() {
    Map<String, String> fields =
        RedisCheck.parseInfo("# Memory\r\nused_memory:1024\r\nmaxmemory:0\r\n\r\n# Clients\r\n");

    assertThat(fields)
        .containsExactlyInAnyOrderEntriesOf(Map.of("used_memory", "1024", "maxmemory", "0"));
  }
}
