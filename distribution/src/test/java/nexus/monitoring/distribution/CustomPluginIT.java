package nexus.monitoring.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import nexus.monitoring.runtime.testkit.PluginJarBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A plugin author's health check, compiled against nothing but the distribution's {@code
 * monitoring-api} and {@code jakarta.inject-api} jars, dropped into {@code plugins/} and configured
 * in {@code conf/monitoring.yaml}, as the README tells authors to do.
 */
final class CustomPluginIT {
  private static final String MODULE_INFO =
      """
      module com.acme.status {
        requires nexus.monitoring.api;
        provides nexus.monitoring.api.spi.MonitoringPlugin with com.acme.status.AcmePlugin;
      }
      """;
  private static final String PLUGIN =
      """
      package com.acme.status;

      import nexus.monitoring.api.spi.MonitoringPlugin;
      import nexus.monitoring.api.spi.PluginRegistry;

      public final class AcmePlugin implements MonitoringPlugin {
        @Override
        public void register(PluginRegistry registry) {
          registry.healthCheck("acme-status", AcmeStatusCheck.class);
        }
      }
      """;
  private static final String CHECK =
      """
      package com.acme.status;

      import jakarta.inject.Inject;
      import nexus.monitoring.api.HealthCheckResult;
      import nexus.monitoring.api.HealthStatus;
      import nexus.monitoring.api.spi.HealthCheck;
      import nexus.monitoring.api.spi.PluginSettings;

      /** Reports the status its settings name, as a stand-in for a real probe. */
      final class AcmeStatusCheck implements HealthCheck {
        private final HealthStatus status;
        private final String message;

        @Inject
        AcmeStatusCheck(PluginSettings settings) {
          this.status = HealthStatus.valueOf(settings.requireString("status"));
          this.message = settings.string("message", "queue depth as expected");
        }

        @Override
        public HealthCheckResult check() {
          return HealthCheckResult.of(status, message).withDetail("queue.depth", 17);
        }
      }
      """;
  private static final String WARNING_CHECK =
      """
      - name: acme-queue
        type: acme-status
        settings:
          status: WARNING
          message: 17 messages waiting, more than 10
      """;

  @TempDir static Path directory;

  private static Distribution distribution;
  private static Path[] apiOnly;

  @BeforeAll
  static void installPlugin() throws Exception {
    distribution = Distribution.copyTo(directory);
    apiOnly =
        new Path[] {
          distribution.libJar("monitoring-api"), distribution.libJar("jakarta.inject-api")
        };
    new PluginJarBuilder("com.acme.status")
        .modulePath(apiOnly)
        .moduleInfo(MODULE_INFO)
        .source("com.acme.status.AcmePlugin", PLUGIN)
        .source("com.acme.status.AcmeStatusCheck", CHECK)
        .build(distribution.plugins().resolve("acme-status.jar"));
    distribution.addChecks(WARNING_CHECK);
  }

  @Test
  void apiOnlyModulePath_offersNeitherTheRuntimeNorGuice() {
    assertThat(apiOnly)
        .extracting(p -> p.getFileName().toString())
        .allSatisfy(name -> assertThat(name).matches("(monitoring-api|jakarta\\.inject-api)-.*"));
    PluginJarBuilder usesGuice =
        new PluginJarBuilder("com.acme.guice")
            .modulePath(apiOnly)
            .moduleInfo("module com.acme.guice { requires nexus.monitoring.api; }")
            .source(
                "com.acme.guice.Wired",
                "package com.acme.guice; class Wired { com.google.inject.Injector injector; }");

    assertThatThrownBy(() -> usesGuice.build(directory.resolve("guice.jar")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("plugin com.acme.guice does not compile")
        .hasMessageContaining("com.google.inject");
  }

  @Test
  void customCheck_inLaunchedHost_reportsItsResultInHealthNextToTheDefaults() throws Exception {
    try (LaunchedHost host = distribution.start()) {
      JsonNode health =
          host.awaitHealth(
              "acme-queue run",
              Duration.ofSeconds(10),
              h ->
                  h.at("/checks/acme-queue/0/nexus:status").asText().equals("WARNING")
                      && !h.at("/checks/acme-queue/0/output").asText().startsWith("pending"));

      JsonNode acme = health.at("/checks/acme-queue/0");
      assertThat(acme.path("componentType").asText()).isEqualTo("acme-status");
      assertThat(acme.path("status").asText()).isEqualTo("warn");
      assertThat(acme.path("output").asText()).isEqualTo("17 messages waiting, more than 10");
      assertThat(acme.at("/details/queue.depth").asInt()).isEqualTo(17);
      assertThat(health.at("/checks/root-disk/0/componentType").asText()).isEqualTo("disk-space");
      assertThat(health.at("/checks/memory/0/componentType").asText()).isEqualTo("memory");
      assertThat(health.at("/checks/plugins/0/output").asText())
          .isEqualTo("9 plugins loaded, none quarantined");
      assertThat(health.path("status").asText()).isEqualTo("warn");
      assertThat(host.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(host.log()).contains("Loaded plugin 'acme-status' from acme-status.jar");
    }
  }

  @Test
  void check_withWarningCustomCheck_printsItInTheTableAndExitsOne() throws Exception {
    CommandResult result = distribution.execute(Duration.ofSeconds(30), "check");

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
    assertThat(result.tableRow("acme-queue"))
        .as(result.describe())
        .containsExactly(
            "acme-queue", "acme-status", "WARNING", "17 messages waiting, more than 10");
    assertThat(result.tableRow("root-disk")).as(result.describe()).contains("disk-space");
    assertThat(result.stdout()).as(result.describe()).endsWith("OVERALL: WARNING\n");
  }

  /** Only the custom check is configured, so the machine's own state cannot change the code. */
  @ParameterizedTest(name = "{0} exits {1}")
  @CsvSource({"HEALTHY, 0", "WARNING, 1", "DEGRADED, 1", "CRITICAL, 2", "OFFLINE, 3"})
  void check_exitCode_followsTheCustomChecksStatusNagiosStyle(String status, int exitCode)
      throws Exception {
    Path config =
        distribution.writeConfig(
            "acme-" + status.toLowerCase(Locale.ROOT) + ".yaml",
            """
            health:
              checks:
                - name: acme-queue
                  type: acme-status
                  settings:
                    status: %s
            """
                .formatted(status));

    CommandResult result =
        distribution.execute(Duration.ofSeconds(30), "check", "--config", config.toString());

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(exitCode);
    assertThat(result.tableRow("acme-queue"))
        .as(result.describe())
        .containsExactly("acme-queue", "acme-status", status, "queue depth as expected");
    assertThat(result.stdout()).endsWith("OVERALL: " + status + "\n");
  }
}
