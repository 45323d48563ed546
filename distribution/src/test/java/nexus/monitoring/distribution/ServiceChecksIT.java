package nexus.monitoring.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nexus.monitoring.testkit.RequiredServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled service checks, configured as the operations guide shows, through the launched
 * distribution against the real PostgreSQL, Redis and RabbitMQ of this machine, a local HTTP server
 * and a real Nagios plugin. The checks' own modules test every threshold; this test proves that the
 * shipped plugin folders load and probe real servers from the installation.
 */
final class ServiceChecksIT {
  private static final String CHECK_TCP = "/usr/lib/nagios/plugins/check_tcp";
  private static final String DB_PASSWORD = "Pg5ecretValue";
  private static final String REDIS_PASSWORD = "R3disWrongValue";

  @TempDir static Path directory;

  private static Distribution distribution;
  private static HttpServer web;

  @BeforeAll
  static void configureChecks() throws Exception {
    RequiredServers.require("PostgreSQL", 5432);
    RequiredServers.require("Redis", 6379);
    RequiredServers.require("RabbitMQ", 5672);
    RequiredServers.requireProgram(Path.of(CHECK_TCP), "monitoring-plugins-basic");
    web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    web.createContext(
        "/status",
        exchange -> {
          byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    web.start();

    distribution = Distribution.copyTo(directory);
    distribution.addChecks(
        """
        - name: orders-db
          type: database
          settings:
            url: jdbc:postgresql://127.0.0.1:5432/postgres
            username: postgres
        - name: missing-db
          type: database
          critical: false
          settings:
            url: jdbc:postgresql://127.0.0.1:5432/nexus_missing_database?password=%s
            username: postgres
        - name: session-cache
          type: cache
          settings:
            uri: redis://127.0.0.1:6379
            round-trip: true
        - name: locked-cache
          type: cache
          critical: false
          settings:
            uri: redis://:%s@127.0.0.1:6379
        - name: broker
          type: queue
          settings:
            uri: amqp://guest:guest@127.0.0.1:5672/%%2F
        - name: missing-queue
          type: queue
          critical: false
          settings:
            uri: amqp://guest:guest@127.0.0.1:5672/%%2F
            queues: [nexus.it.missing.queue]
        - name: status-page
          type: http
          settings:
            url: http://127.0.0.1:%d/status
            body-contains: '"UP"'
        - name: postgres-port
          type: tcp
          settings:
            host: 127.0.0.1
            port: 5432
        - name: postgres-port-nagios
          type: command
          settings:
            command: [%s, -H, 127.0.0.1, -p, "5432"]
        """
            .formatted(DB_PASSWORD, REDIS_PASSWORD, web.getAddress().getPort(), CHECK_TCP));
  }

  @AfterAll
  static void stopWeb() {
    if (web != null) {
      web.stop(0);
    }
  }

  @Test
  void launchedHost_reportsEachServiceCheckFromTheRealServers() throws Exception {
    List<String> healthy =
        List.of(
            "orders-db",
            "session-cache",
            "broker",
            "status-page",
            "postgres-port",
            "postgres-port-nagios");
    List<String> critical = List.of("missing-db", "locked-cache", "missing-queue");

    try (LaunchedHost host = distribution.start()) {
      JsonNode health =
          host.awaitHealth(
              "every service check's first result",
              Duration.ofSeconds(40),
              h ->
                  healthy.stream().allMatch(name -> hasRun(h, name))
                      && critical.stream().allMatch(name -> hasRun(h, name)));

      for (String name : healthy) {
        assertThat(status(health, name))
            .as("%s: %s", name, check(health, name))
            .isEqualTo("HEALTHY");
      }
      for (String name : critical) {
        assertThat(status(health, name))
            .as("%s: %s", name, check(health, name))
            .isEqualTo("CRITICAL");
      }
      assertThat(output(health, "missing-db")).contains("nexus_missing_database");
      assertThat(output(health, "missing-queue")).contains("nexus.it.missing.queue");
      assertThat(check(health, "orders-db").at("/details/database.product").asText())
          .isEqualTo("PostgreSQL");
      assertThat(check(health, "postgres-port-nagios").at("/details/perf.time").isNumber())
          .as("check_tcp perfdata as an observed value: %s", check(health, "postgres-port-nagios"))
          .isTrue();
      assertThat(health.path("status").asText())
          .as("non-critical failures degrade the host")
          .isEqualTo("warn");

      String metrics = host.get("/metrics").body();
      assertThat(metrics)
          .containsPattern(
              "health_check_observed\\{[^}]*check=\"postgres-port-nagios\"[^}]*"
                  + "observation=\"perf.time\"[^}]*} [0-9.eE-]+");
      String everything = health.toString() + metrics + host.log();
      assertThat(everything).doesNotContain(DB_PASSWORD).doesNotContain(REDIS_PASSWORD);
    }
  }

  private static boolean hasRun(JsonNode health, String name) {
    return !output(health, name).startsWith("pending");
  }

  private static JsonNode check(JsonNode health, String name) {
    return health.at("/checks/" + name + "/0");
  }

  private static String status(JsonNode health, String name) {
    return check(health, name).path("nexus:status").asText();
  }

  private static String output(JsonNode health, String name) {
    return check(health, name).path("output").asText();
  }
}
