package nexus.monitoring.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as unpacked, started with its own {@code conf/monitoring.yaml}: one host serves
 * every read-only assertion of this class.
 */
final class DefaultDistributionIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path directory;

  private static Distribution distribution;
  private static LaunchedHost host;

  @BeforeAll
  static void start() throws Exception {
    distribution = Distribution.copyTo(directory);
    host = distribution.start();
    // The first run of each check settles within milliseconds; until then a check is pending.
    host.awaitHealth(
        "both default checks run",
        Duration.ofSeconds(10),
        health ->
            !health.at("/checks/root-disk/0/output").asText().startsWith("pending")
                && !health.at("/checks/memory/0/output").asText().startsWith("pending"));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void healthz_withDefaultConfig_is200WithOnlyThePassStatus() throws Exception {
    HttpResponse<String> response = host.get("/healthz");

    assertThat(response.statusCode()).as(host.describe()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/health+json");
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"status\":\"pass\"}"));
  }

  @Test
  void health_withDefaultConfig_listsRootDiskAndMemoryAsHealthJson() throws Exception {
    HttpResponse<String> response = host.get("/health");
    JsonNode health = JSON.readTree(response.body());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/health+json");
    assertThat(health.path("status").asText()).isEqualTo("pass");
    assertThat(fieldNames(health.path("checks")))
        .containsExactly("root-disk", "memory", "plugins", "storage");

    JsonNode disk = health.at("/checks/root-disk/0");
    assertThat(disk.path("componentId").asText()).isEqualTo("root-disk");
    assertThat(disk.path("componentType").asText()).isEqualTo("disk-space");
    assertThat(disk.path("status").asText())
        .as("root-disk needs 15%% free on /: %s", disk.path("output").asText())
        .isEqualTo("pass");
    assertThat(disk.path("output").asText()).contains("free on /");
    assertThat(disk.at("/details/total.bytes").asLong()).isPositive();

    JsonNode memory = health.at("/checks/memory/0");
    assertThat(memory.path("componentType").asText()).isEqualTo("memory");
    assertThat(memory.path("status").asText()).as(memory.path("output").asText()).isEqualTo("pass");
    assertThat(memory.at("/details/heap.max.bytes").asLong()).isPositive();

    JsonNode plugins = health.at("/checks/plugins/0");
    assertThat(plugins.path("componentType").asText()).isEqualTo("host");
    assertThat(plugins.path("output").asText()).isEqualTo("8 plugins loaded, none quarantined");
  }

  @Test
  void metrics_withDefaultConfig_parseAsPrometheusTextWithTheHostsOwnMetrics() throws Exception {
    HttpResponse<String> response = host.get("/metrics");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    Map<String, PrometheusText.Family> families = PrometheusText.parse(response.body());
    assertThat(families)
        .containsKeys(
            "jvm_memory_used_bytes",
            "jvm_threads_live",
            "health_check_status",
            "health_check_duration_seconds",
            "plugins_loaded",
            "plugins_quarantined");
    assertThat(families.get("jvm_memory_used_bytes").type()).isEqualTo("gauge");
    assertThat(families.get("jvm_memory_used_bytes").samples())
        .extracting(s -> s.labels().get("area"))
        .contains("heap", "nonheap");
    assertThat(families.get("health_check_status").samples())
        .extracting(s -> s.labels().get("check"), PrometheusText.Sample::value)
        .contains(
            org.assertj.core.groups.Tuple.tuple("root-disk", 0.0),
            org.assertj.core.groups.Tuple.tuple("memory", 0.0));
    assertThat(families.get("plugins_loaded").samples())
        .singleElement()
        .extracting(PrometheusText.Sample::value)
        .isEqualTo(8.0);
    assertThat(families.get("plugins_quarantined").samples())
        .singleElement()
        .extracting(PrometheusText.Sample::value)
        .isEqualTo(0.0);
  }

  @Test
  void startLog_namesThePortTheConfigFileAndThePluginsLoaded() throws Exception {
    List<String> startLines =
        host.log().lines().filter(line -> line.contains(" listening on http")).toList();

    assertThat(startLines)
        .as(host.describe())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line).contains(" INFO ");
              assertThat(line).contains("http://127.0.0.1:" + host.port() + " ");
              assertThat(line).contains("config " + distribution.config() + ";");
              assertThat(line)
                  .contains(
                      "plugins from "
                          + distribution.plugins()
                          + ": 8 loaded"
                          + " [exporter-prometheus, health-command, health-database,"
                          + " health-network, health-rabbitmq, health-redis, health-system,"
                          + " storage-embedded], 0"
                          + " quarantined;");
            });
  }

  @Test
  void log_withDefaultConfig_holdsNoWarningsOrErrors() throws Exception {
    assertThat(host.logLines("WARN")).as(host.describe()).isEmpty();
    assertThat(host.logLines("ERROR")).as(host.describe()).isEmpty();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
