package nexus.monitoring.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A mistake in {@code conf/monitoring.yaml} stops {@code run} before anything starts, with one line
 * that names the file, the key, what was found and what was expected.
 */
final class BadConfigurationIT {
  @TempDir Path directory;

  /**
   * Mistake, a line of the shipped file, its replacement (backslash-n for a line feed), the
   * message.
   */
  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(
            "unknown key",
            "  port: ${NEXUS_PORT:-8080}",
            "  port: ${NEXUS_PORT:-8080}\\n  prot: 9000",
            "server.prot: unknown key 'prot'; expected one of: host, port"),
        Arguments.of(
            "wrong type",
            "port: ${NEXUS_PORT:-8080}",
            "port: abc",
            "server.port: expected a whole number but found 'abc'"),
        Arguments.of(
            "port out of range",
            "port: ${NEXUS_PORT:-8080}",
            "port: 70000",
            "server.port: expected a whole number from 0 to 65535 but found 70000"),
        Arguments.of(
            "bad duration",
            "interval: 30s",
            "interval: 5 parsecs",
            "health.interval: expected a duration such as 500ms, 30s, 5m, 1h, 2d or PT30S (not"
                + " negative) but found '5 parsecs'"),
        Arguments.of(
            "bad check duration",
            "heap-critical: 98%",
            "heap-critical: 98%\\n      timeout: soon",
            "health.checks[1].timeout: expected a duration such as 500ms, 30s, 5m, 1h, 2d or"
                + " PT30S (not negative) but found 'soon'"),
        Arguments.of(
            "unknown plugin setting",
            "heap-critical: 98%",
            "heap-critical: 98%\\n        heap-critcal: 99%",
            "health.checks[1].settings.heap-critcal: unknown key 'heap-critcal'; expected one"
                + " of: heap-critical, heap-warning, system-critical, system-warning (type 'memory'"
                + " comes from plugin 'health-system' (health-system.jar))"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void run_withBadConfig_exitsTwoAtOnceNamingTheFileAndTheKey(
      String mistake, String original, String replacement, String message) throws Exception {
    Distribution distribution = Distribution.copyTo(directory);
    distribution.editConfig(text -> text.replace(original, replacement.replace("\\n", "\n")));

    CommandResult result = distribution.execute(Duration.ofSeconds(30), "run");

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
    assertThat(result.elapsed()).as(result.describe()).isLessThan(Duration.ofSeconds(15));
    // Only the plugins a bad setting belongs to may have been loaded (INFO) before the error.
    assertThat(result.stderr().lines().filter(line -> !line.contains(" INFO ")))
        .as(mistake + "\n" + result.describe())
        .containsExactly("error: " + distribution.config() + ": " + message);
    assertThat(result.stdout()).isEmpty();
  }
}
