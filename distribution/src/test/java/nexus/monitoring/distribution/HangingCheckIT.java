package nexus.monitoring.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import nexus.monitoring.runtime.testkit.SamplePlugins;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A check that never returns and ignores interruption, configured with a one-second timeout next to
 * the default checks.
 */
final class HangingCheckIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TIMED_OUT = "timed out after 1s; the run was interrupted";

  @TempDir static Path directory;

  private static Distribution distribution;

  @BeforeAll
  static void installHangingCheck() throws Exception {
    distribution = Distribution.copyTo(directory);
    new SamplePlugins(
            distribution.libJar("monitoring-api"), distribution.libJar("jakarta.inject-api"))
        .hangingCheck(distribution.plugins().resolve("hanging.jar"), "com.hanging", "hanging");
    distribution.addChecks(
        """
        - name: stuck
          type: hanging
          timeout: 1s
          interval: 2s
        """);
  }

  @Test
  void whenCheckHangs_healthShowsItCriticalAfterItsTimeoutWhileTheOthersPass() throws Exception {
    try (LaunchedHost host = distribution.start()) {
      long serving = System.nanoTime();
      HttpResponse<String> response = null;
      JsonNode health = null;
      while (System.nanoTime() - serving < Duration.ofSeconds(5).toNanos()) {
        response = host.get("/health");
        health = JSON.readTree(response.body());
        if (health.at("/checks/stuck/0/nexus:status").asText().equals("CRITICAL")) {
          break;
        }
        Thread.sleep(50);
      }
      Duration critical = Duration.ofNanos(System.nanoTime() - serving);

      JsonNode stuck = health.at("/checks/stuck/0");
      assertThat(stuck.path("nexus:status").asText())
          .as("stuck within 5 s of serving\n%s\n%s", health.toPrettyString(), host.describe())
          .isEqualTo("CRITICAL");
      assertThat(critical).isLessThan(Duration.ofSeconds(4));
      assertThat(stuck.path("output").asText()).isEqualTo(TIMED_OUT);
      assertThat(stuck.at("/details/timeout.seconds").asDouble()).isEqualTo(1.0);
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(health.path("status").asText()).isEqualTo("fail");
      for (String other : new String[] {"root-disk", "memory"}) {
        JsonNode entry = health.at("/checks/" + other + "/0");
        assertThat(entry.path("nexus:status").asText())
            .as(entry.toPrettyString())
            .isEqualTo("HEALTHY");
        assertThat(entry.path("nexus:durationMs").asDouble())
            .as(other + " duration")
            .isLessThan(1000.0);
      }
      assertThat(host.get("/healthz").statusCode()).isEqualTo(503);

      // Later runs find the first one still stuck: no second thread, the others keep passing.
      JsonNode later =
          host.awaitHealth(
              "the next run of stuck",
              Duration.ofSeconds(6),
              h -> h.at("/checks/stuck/0/output").asText().startsWith("previous run has not"));
      assertThat(later.at("/checks/stuck/0/output").asText())
          .matches(
              "previous run has not returned for \\d+(\\.\\d+)?s \\(it ignored"
                  + " interruption\\); no new run starts until it does");
      assertThat(later.at("/checks/root-disk/0/status").asText()).isEqualTo("pass");
      assertThat(later.at("/checks/memory/0/status").asText()).isEqualTo("pass");

      assertThat(host.logLines("WARN"))
          .as(host.describe())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .endsWith("Health check 'stuck' (hanging) is CRITICAL: " + TIMED_OUT));
      Map<String, PrometheusText.Family> metrics =
          PrometheusText.parse(host.get("/metrics").body());
      assertThat(metrics.get("health_check_timeouts_total").samples())
          .filteredOn(s -> s.value() > 0)
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.labels()).containsEntry("check", "stuck");
                assertThat(s.value()).isGreaterThanOrEqualTo(1.0);
              });
      assertThat(metrics.get("health_check_status").samples())
          .filteredOn(s -> s.labels().get("check").equals("stuck"))
          .singleElement()
          .extracting(PrometheusText.Sample::value)
          .isEqualTo(3.0);

      // The stuck thread ignores interruption; it must not keep the host from stopping.
      assertThat(host.terminate(Duration.ofSeconds(10))).as(host.describe()).isTrue();
      assertThat(host.logLines("INFO"))
          .anySatisfy(line -> assertThat(line).endsWith("Nexus Monitoring stopped"));
    }
  }

  @Test
  void whenCheckHangs_checkCommandExitsTwoWithinTheTimeoutAndAMargin() throws Exception {
    CommandResult result = distribution.execute(Duration.ofSeconds(30), "check");

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
    assertThat(result.elapsed()).as(result.describe()).isLessThan(Duration.ofSeconds(10));
    assertThat(result.tableRow("stuck"))
        .as(result.describe())
        .containsExactly("stuck", "hanging", "CRITICAL", TIMED_OUT);
    assertThat(result.tableRow("root-disk"))
        .as(result.describe())
        .startsWith("root-disk", "disk-space", "HEALTHY");
    assertThat(result.tableRow("memory"))
        .as(result.describe())
        .startsWith("memory", "memory", "HEALTHY");
    assertThat(result.stdout()).endsWith("OVERALL: CRITICAL\n");
  }
}
