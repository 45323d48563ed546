package nexus.monitoring.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class PluginSettingsTest {
  private static final Path FILE = Path.of("conf/monitoring.yaml");

  private NodePluginSettings settings(String yaml) {
    HostConfig config =
        new ConfigLoader(Map.of("SECRET_PATH", "/data"), Path.of("/opt"))
            .parse(
                FILE, "health:\n  checks:\n    - name: c\n      type: t\n      settings:\n" + yaml);
    return new NodePluginSettings(
        "c", config.health().checks().get(0).settings(), Path.of("/opt/nexus"));
  }

  @Test
  void getters_parseHumanForms() {
    NodePluginSettings s =
        settings(
            "        ratio: 15%\n        fraction: 0.25\n        size: 2GiB\n        decimal: 512MB\n"
                + "        wait: 250ms\n        path: ${SECRET_PATH}\n        on: yes\n"
                + "        many: [a, b]\n        one: c\n");

    assertThat(s.percent("ratio", 0)).isEqualTo(0.15);
    assertThat(s.percent("fraction", 0)).isEqualTo(0.25);
    assertThat(s.bytes("size", 0)).isEqualTo(2L * 1024 * 1024 * 1024);
    assertThat(s.bytes("decimal", 0)).isEqualTo(512_000_000L);
    assertThat(s.duration("wait", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(s.string("path", "/")).isEqualTo("/data");
    assertThat(s.bool("on", false)).isTrue();
    assertThat(s.strings("many")).containsExactly("a", "b");
    assertThat(s.strings("one")).containsExactly("c");
    assertThat(s.instanceName()).isEqualTo("c");
  }

  @Test
  void path_relative_resolvesAgainstTheInstallation() {
    NodePluginSettings s = settings("        data: data/metrics\n        abs: /var/lib/x\n");

    assertThat(s.path("data", "unused")).isEqualTo(Path.of("/opt/nexus/data/metrics"));
    assertThat(s.path("abs", "unused")).isEqualTo(Path.of("/var/lib/x"));
    assertThat(s.path("absent", "data/default")).isEqualTo(Path.of("/opt/nexus/data/default"));
  }

  @Test
  void percent_over100_namesTheInstanceKey() {
    NodePluginSettings s = settings("        ratio: 150%\n");

    assertThatThrownBy(() -> s.percent("ratio", 0))
        .hasMessage(
            "conf/monitoring.yaml: health.checks[0].settings.ratio: expected a percentage from 0%"
                + " to 100% (or a fraction from 0 to 1) but found '150%'");
  }

  @Test
  void rejectUnreadKeys_namesTheMisspeltKey() {
    NodePluginSettings s = settings("        pth: /\n        warning-free: 10%\n");
    s.percent("warning-free", 0.1);
    s.string("path", "/");

    assertThatThrownBy(s::rejectUnreadKeys)
        .hasMessage(
            "conf/monitoring.yaml: health.checks[0].settings.pth: unknown key 'pth'; expected one"
                + " of: path, warning-free");
  }

  @Test
  void invalid_formsCrossFieldErrorsLikeGetters() {
    NodePluginSettings s = settings("        warning-free: 5%\n");

    assertThat(s.invalid("warning-free", "a value above critical-free (10%)"))
        .hasMessage(
            "conf/monitoring.yaml: health.checks[0].settings.warning-free: expected a value above"
                + " critical-free (10%) but found '5%'");
  }
}
