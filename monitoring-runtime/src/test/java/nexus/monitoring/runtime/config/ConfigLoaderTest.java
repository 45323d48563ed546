package nexus.monitoring.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.RetentionPolicy;
import org.junit.jupiter.api.Test;

final class ConfigLoaderTest {
  private static final Path FILE = Path.of("/etc/nexus/monitoring.yaml");
  private static final Path HOME = Path.of("/opt/nexus");

  private final ConfigLoader loader = new ConfigLoader(Map.of("PORT", "9100", "EMPTY", ""), HOME);

  @Test
  void parse_emptyFile_givesDefaults() {
    HostConfig config = loader.parse(FILE, "");

    assertThat(config.server()).isEqualTo(new HostConfig.Server("127.0.0.1", 8080));
    assertThat(config.pluginsDirectory()).isEqualTo(HOME.resolve("plugins"));
    assertThat(config.health().interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.health().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.health().checks()).isEmpty();
  }

  @Test
  void parse_fullFile_readsEveryKey() {
    HostConfig config =
        loader.parse(
            FILE,
            """
            server:
              host: 0.0.0.0
              port: ${PORT}
            plugins:
              directory: /srv/plugins
            health:
              interval: 1m
              timeout: 1500ms
              checks:
                - name: root-disk
                  type: disk-space
                  interval: 5s
                  timeout: PT2S
                  critical: false
                  groups: [readiness, liveness]
                  settings:
                    path: /
            """);

    assertThat(config.server()).isEqualTo(new HostConfig.Server("0.0.0.0", 9100));
    assertThat(config.pluginsDirectory()).isEqualTo(Path.of("/srv/plugins"));
    assertThat(config.health().interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.health().timeout()).isEqualTo(Duration.ofMillis(1500));
    HostConfig.CheckConfig check = config.health().checks().get(0);
    assertThat(check.name()).isEqualTo("root-disk");
    assertThat(check.type()).isEqualTo("disk-space");
    assertThat(check.interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(check.critical()).isFalse();
    assertThat(check.groups()).containsExactly("readiness", "liveness");
    assertThat(check.settings().string("path")).contains("/");
  }

  @Test
  void parse_unknownKey_namesFileKeyAndAcceptedKeys() {
    assertThatThrownBy(() -> loader.parse(FILE, "server:\n  prot: 80\n"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "/etc/nexus/monitoring.yaml: server.prot: unknown key 'prot'; expected one of: host,"
                + " port");
  }

  @Test
  void parse_unknownTopLevelKey_isAnError() {
    assertThatThrownBy(() -> loader.parse(FILE, "helth:\n  interval: 5s\n"))
        .hasMessageStartingWith("/etc/nexus/monitoring.yaml: helth: unknown key 'helth'");
  }

  @Test
  void parse_portNotANumber_namesKeyValueAndExpectation() {
    assertThatThrownBy(() -> loader.parse(FILE, "server:\n  port: abc\n"))
        .hasMessage(
            "/etc/nexus/monitoring.yaml: server.port: expected a whole number but found 'abc'");
  }

  @Test
  void parse_portOutOfRange_isRejected() {
    assertThatThrownBy(() -> loader.parse(FILE, "server:\n  port: 70000\n"))
        .hasMessage(
            "/etc/nexus/monitoring.yaml: server.port: expected a whole number from 0 to 65535 but"
                + " found 70000");
  }

  @Test
  void parse_badDuration_namesKeyAndForms() {
    assertThatThrownBy(() -> loader.parse(FILE, "health:\n  interval: 5 parsecs\n"))
        .hasMessage(
            "/etc/nexus/monitoring.yaml: health.interval: expected a duration such as 500ms, 30s,"
                + " 5m, 1h, 2d or PT30S (not negative) but found '5 parsecs'");
  }

  @Test
  void parse_zeroTimeout_isRejected() {
    assertThatThrownBy(() -> loader.parse(FILE, "health:\n  timeout: 0s\n"))
        .hasMessageContaining("health.timeout: expected a duration greater than zero");
  }

  @Test
  void parse_checkWithoutType_namesItsIndex() {
    assertThatThrownBy(() -> loader.parse(FILE, "health:\n  checks:\n    - name: a\n"))
        .hasMessage("/etc/nexus/monitoring.yaml: health.checks[0].type: required key is missing");
  }

  @Test
  void parse_duplicateCheckName_namesBothPlaces() {
    String yaml =
        """
        health:
          checks:
            - {name: disk, type: disk-space}
            - {name: disk, type: memory}
        """;
    assertThatThrownBy(() -> loader.parse(FILE, yaml))
        .hasMessage(
            "/etc/nexus/monitoring.yaml: health.checks[1].name: check name 'disk' is already used"
                + " by health.checks[0]");
  }

  @Test
  void parse_checksNotAList_isRejected() {
    assertThatThrownBy(() -> loader.parse(FILE, "health:\n  checks: disk\n"))
        .hasMessage(
            "/etc/nexus/monitoring.yaml: health.checks: expected a list of mappings but found"
                + " 'disk'");
  }

  @Test
  void parse_unsetVariableWithoutDefault_namesVariableAndKey() {
    assertThatThrownBy(() -> loader.parse(FILE, "server:\n  host: ${NEXUS_NOPE}\n"))
        .hasMessage(
            "/etc/nexus/monitoring.yaml: server.host: environment variable NEXUS_NOPE is not set"
                + " (write ${NEXUS_NOPE:-default} to give a default)");
  }

  @Test
  void parse_defaultApplies_whenVariableUnsetOrEmpty() {
    HostConfig config =
        loader.parse(FILE, "server:\n  host: ${NEXUS_NOPE:-10.0.0.1}\n  port: ${EMPTY:-81}\n");

    assertThat(config.server()).isEqualTo(new HostConfig.Server("10.0.0.1", 81));
  }

  @Test
  void parse_invalidYaml_givesLineAndColumn() {
    assertThatThrownBy(() -> loader.parse(FILE, "server:\n  port: [1,\n"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("/etc/nexus/monitoring.yaml: line ")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void parse_duplicateKey_isRejected() {
    assertThatThrownBy(() -> loader.parse(FILE, "server:\n  port: 1\n  port: 2\n"))
        .hasMessageContaining("Duplicate field 'port'");
  }

  @Test
  void parse_topLevelList_isRejected() {
    assertThatThrownBy(() -> loader.parse(FILE, "- a\n- b\n"))
        .hasMessageStartingWith("/etc/nexus/monitoring.yaml: expected a mapping of keys");
  }

  @Test
  void parse_metricsStorageIngestRetention_defaults() {
    HostConfig config = loader.parse(FILE, "");

    assertThat(config.metrics())
        .isEqualTo(
            new HostConfig.Metrics(Duration.ofSeconds(10), Duration.ofMinutes(5), 10_000, 100_000));
    assertThat(config.storage().type()).isEqualTo("embedded");
    assertThat(config.ingest()).isEqualTo(new HostConfig.Ingest(true, true, "127.0.0.1", 8125));
    assertThat(config.retention().interval()).isEqualTo(Duration.ofHours(1));
    assertThat(config.retention().policies())
        .containsExactly(RetentionPolicy.of("*", Duration.ofDays(30)));
  }

  @Test
  void parse_retentionPolicies_keepOrderWithDefaultLast() {
    HostConfig config =
        loader.parse(
            FILE,
            """
            retention:
              interval: 10m
              default: {keep: 7d}
              policies:
                - {metric: "http.*", type: timing, keep: 90d, downsample-after: 2d, downsample-step: 5m}
            """);

    assertThat(config.retention().policies())
        .containsExactly(
            RetentionPolicy.of("http.*", Duration.ofDays(90))
                .withType(MetricType.TIMING)
                .withDownsampling(Duration.ofDays(2), Duration.ofMinutes(5)),
            RetentionPolicy.of("*", Duration.ofDays(7)));
  }

  @Test
  void parse_downsampleAfterWithoutStep_namesTheMissingKey() {
    assertThatThrownBy(
            () -> loader.parse(FILE, "retention:\n  default: {keep: 7d, downsample-after: 1d}\n"))
        .hasMessageStartingWith(
            "/etc/nexus/monitoring.yaml: retention.default.downsample-step: expected both"
                + " downsample-after and downsample-step, or neither");
  }

  @Test
  void parse_badMetricType_inPolicy_namesTheKey() {
    assertThatThrownBy(
            () -> loader.parse(FILE, "retention:\n  policies:\n    - {metric: a, type: meter}\n"))
        .hasMessage(
            "/etc/nexus/monitoring.yaml: retention.policies[0].type: expected one of counter,"
                + " gauge, timing, histogram but found 'meter'");
  }

  @Test
  void parse_idleTtlShorterThanStep_isRejected() {
    assertThatThrownBy(() -> loader.parse(FILE, "metrics:\n  step: 1m\n  idle-ttl: 30s\n"))
        .hasMessageStartingWith(
            "/etc/nexus/monitoring.yaml: metrics.idle-ttl: expected a duration at least as long as"
                + " metrics.step");
  }

  @Test
  void parse_statsdPortOutOfRange_isRejected() {
    assertThatThrownBy(() -> loader.parse(FILE, "ingest:\n  statsd:\n    port: -1\n"))
        .hasMessage(
            "/etc/nexus/monitoring.yaml: ingest.statsd.port: expected a whole number from 0 to"
                + " 65535 but found -1");
  }

  @Test
  void load_missingFile_saysSo() {
    assertThatThrownBy(() -> loader.load(Path.of("/nonexistent/monitoring.yaml")))
        .hasMessage("/nonexistent/monitoring.yaml: configuration file does not exist");
  }
}
