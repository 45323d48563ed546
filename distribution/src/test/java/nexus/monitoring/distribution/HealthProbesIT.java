package nexus.monitoring.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nexus.monitoring.runtime.testkit.SamplePlugins;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes probes, observed values in {@code /metrics}, and secret masking, through the
 * launched distribution: a check that repeats its settings (a JDBC URL and a Redis URI with
 * passwords, the Redis one from an environment variable) in its log lines, message, details and
 * exceptions.
 */
final class HealthProbesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JDBC_PASSWORD = "S3cretPw";
  private static final String REDIS_PASSWORD = "R3disPw";
  private static final Map<String, String> ENVIRONMENT = Map.of("REDIS_PW", REDIS_PASSWORD);

  @TempDir static Path directory;

  private static Distribution distribution;

  @BeforeAll
  static void installChecks() throws Exception {
    distribution = Distribution.copyTo(directory);
    SamplePlugins samples =
        new SamplePlugins(
            distribution.libJar("monitoring-api"), distribution.libJar("jakarta.inject-api"));
    samples.echoingCheck(distribution.plugins().resolve("echo.jar"), "com.echo", "echo");
    samples.healthCheck(
        distribution.plugins().resolve("alive.jar"), "com.alive", "alive", "HEALTHY", "up");
    distribution.addChecks(
        """
        - name: process
          type: alive
          groups: [liveness]
        - name: orders-db
          type: echo
          groups: [startup]
          settings:
            url: jdbc:postgresql://app:%s@127.0.0.1:1/orders
            cache: "redis://:${REDIS_PW}@127.0.0.1:1"
        """
            .formatted(JDBC_PASSWORD));
  }

  private static void assertNoSecret(String what, String text) {
    for (String secret : List.of(JDBC_PASSWORD, REDIS_PASSWORD)) {
      assertThat(text).as("%s leaks %s", what, secret).doesNotContain(secret);
    }
  }

  @Test
  void probesServeTheirGroups_metricsShowObservedValues_andNoPasswordLeaves() throws Exception {
    try (LaunchedHost host = distribution.start(ENVIRONMENT)) {
      JsonNode health =
          host.awaitHealth(
              "every check run once",
              Duration.ofSeconds(20),
              h -> !h.toString().contains("\"nexus:pending\":true"));
      HttpResponse<String> live = host.get("/livez");
      HttpResponse<String> ready = host.get("/readyz");
      HttpResponse<String> startup = host.get("/startupz");
      String metrics = host.get("/metrics").body();
      String healthText = host.get("/health").body();
      String log = host.log();

      assertThat(live.statusCode()).as(host.describe()).isEqualTo(200);
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(startup.statusCode()).as(startup.body()).isEqualTo(503);
      assertThat(JSON.readTree(startup.body()).path("status").asText()).isEqualTo("fail");
      assertThat(startup.body()).doesNotContain("orders");
      assertThat(host.get("/healthz").statusCode()).isEqualTo(503);
      assertThat(health.at("/checks/root-disk/0/nexus:groups/0").asText()).isEqualTo("readiness");
      assertThat(health.at("/checks/orders-db/0/nexus:history")).isNotEmpty();
      List<PrometheusText.Sample> observed =
          PrometheusText.parse(metrics).get("health_check_observed").samples();
      assertThat(observed)
          .filteredOn(s -> s.labels().get("check").equals("orders-db"))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.labels()).containsEntry("observation", "echo.seconds");
                assertThat(s.value()).isEqualTo(0.5);
              });
      assertThat(observed).anySatisfy(s -> assertThat(s.labels()).containsEntry("check", "memory"));

      assertNoSecret("/health", healthText);
      assertNoSecret("log", log);
      assertThat(healthText).contains("jdbc:postgresql://app:****@127.0.0.1:1/orders");
      assertThat(log).contains("echo connecting to jdbc:postgresql://app:****@127.0.0.1:1");
    }
  }

  @Test
  void checkAndPluginsCommands_printNoPassword() throws Exception {
    CommandResult table = distribution.execute(Duration.ofSeconds(60), ENVIRONMENT, "check");
    CommandResult json =
        distribution.execute(
            Duration.ofSeconds(60), ENVIRONMENT, "check", "--format", "json", "--group", "startup");
    CommandResult plugins = distribution.execute(Duration.ofSeconds(60), ENVIRONMENT, "plugins");

    for (CommandResult result : List.of(table, json, plugins)) {
      assertNoSecret("command output", result.stdout() + result.stderr());
    }
    assertThat(table.exitCode()).as(table.describe()).isEqualTo(2);
    assertThat(table.stdout()).contains("echo cannot reach jdbc:postgresql://app:****@");
    assertThat(JSON.readTree(json.stdout()).path("checks").has("orders-db")).isTrue();
    assertThat(JSON.readTree(json.stdout()).path("checks").has("root-disk")).isFalse();
    assertThat(plugins.stdout()).contains("health check echo");
  }
}
