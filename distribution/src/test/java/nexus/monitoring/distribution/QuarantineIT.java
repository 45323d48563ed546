package nexus.monitoring.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import nexus.monitoring.api.ApiVersion;
import nexus.monitoring.runtime.testkit.PluginJarBuilder;
import nexus.monitoring.runtime.testkit.SamplePlugins;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each way a plugin can be broken, dropped into the plugins folder of a launched distribution: the
 * host starts without that plugin, serves {@code /healthz}, and says which plugin, which file and
 * why in its log, in {@code /health} and in {@code plugins} output.
 */
final class QuarantineIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST_API = ApiVersion.CURRENT.toString();
  private static final String CHECK_BODY =
      "  public HealthCheckResult check() { return HealthCheckResult.healthy(\"\"); }\n";

  /** Puts a broken plugin into {@code distribution}; {@code scratch} is for anything else. */
  @FunctionalInterface
  interface Installer {
    void install(Distribution distribution, SamplePlugins samples, Path scratch) throws IOException;
  }

  /**
   * One broken plugin.
   *
   * @param description what is wrong with it
   * @param id the plugin's name: its jar or folder name without {@code .jar}
   * @param source its jar or folder under {@code plugins/}
   * @param installer builds it into the plugins folder
   * @param checks configuration entries to append to {@code health.checks}, or empty
   * @param reason what the quarantine reason must say
   */
  record BrokenPlugin(
      String description,
      String id,
      String source,
      Installer installer,
      String checks,
      Consumer<String> reason) {
    @Override
    public String toString() {
      return description;
    }
  }

  static Stream<BrokenPlugin> brokenPlugins() {
    return Stream.of(
        new BrokenPlugin(
            "corrupt jar",
            "corrupt",
            "corrupt.jar",
            (distribution, samples, scratch) ->
                Files.write(
                    distribution.plugins().resolve("corrupt.jar"), new byte[] {'P', 'K', 3}),
            "",
            reason ->
                assertThat(reason)
                    .startsWith("corrupt.jar is not a readable jar (corrupt or truncated?): ")),
        new BrokenPlugin(
            "missing dependency",
            "needy",
            "needy.jar",
            (distribution, samples, scratch) ->
                samples.missingDependency(
                    distribution.plugins().resolve("needy.jar"),
                    scratch.resolve("absent.jar"),
                    "com.needy",
                    "needy"),
            "",
            reason ->
                assertThat(reason)
                    .startsWith("its modules do not resolve: ")
                    .contains("com.example.absent")
                    .contains("com.needy")),
        new BrokenPlugin(
            "split package",
            "split",
            "split",
            (distribution, samples, scratch) -> {
              Path folder = Files.createDirectories(distribution.plugins().resolve("split"));
              samples.healthCheck(
                  folder.resolve("a-main.jar"), "com.split", "split", "HEALTHY", "");
              new PluginJarBuilder("com.split.extra")
                  .moduleInfo("module com.split.extra { }")
                  .source("com.split.Extra", "package com.split; public class Extra {}")
                  .build(folder.resolve("b-extra.jar"));
            },
            "",
            reason ->
                assertThat(reason)
                    .isEqualTo(
                        "split package com.split: it is in both a-main.jar (module com.split) and"
                            + " b-extra.jar (module com.split.extra); keep one of the jars")),
        new BrokenPlugin(
            "constructor that throws",
            "thrower",
            "thrower.jar",
            (distribution, samples, scratch) ->
                samples.throwingConstructor(
                    distribution.plugins().resolve("thrower.jar"), "com.thrower", "thrower"),
            // Constructing happens only for a configured check; not critical, so /healthz stays
            // 200.
            """
            - name: thrower-check
              type: thrower
              critical: false
            """,
            reason ->
                assertThat(reason)
                    .isEqualTo(
                        "constructor of com.thrower.SampleCheck (type 'thrower') threw"
                            + " IllegalStateException: boom")),
        new BrokenPlugin(
            "duplicate type name",
            "shadow-disk",
            "shadow-disk.jar",
            (distribution, samples, scratch) ->
                samples.healthCheck(
                    distribution.plugins().resolve("shadow-disk.jar"),
                    "com.shadow",
                    "disk-space",
                    "CRITICAL",
                    "a second disk-space"),
            "",
            reason ->
                assertThat(reason)
                    .isEqualTo(
                        "duplicate health check type 'disk-space': already provided by plugin"
                            + " 'health-system' (health-system.jar, class"
                            + " nexus.monitoring.plugin.system.DiskSpaceCheck);"
                            + " this plugin's class is"
                            + " com.shadow.SampleCheck. Remove one of the two plugins or rename the"
                            + " type")),
        new BrokenPlugin(
            "built against API 2.0 (module descriptor)",
            "future",
            "future.jar",
            (distribution, samples, scratch) -> {
              Path futureApi = scratch.resolve("monitoring-api-2.0.0.jar");
              Files.copy(distribution.libJar("monitoring-api"), futureApi);
              int exit =
                  ToolProvider.findFirst("jar")
                      .orElseThrow()
                      .run(
                          System.out,
                          System.err,
                          "--update",
                          "--file",
                          futureApi.toString(),
                          "--module-version",
                          "2.0.0");
              assertThat(exit).as("jar --update --module-version 2.0.0").isZero();
              new SamplePlugins(futureApi, distribution.libJar("jakarta.inject-api"))
                  .healthCheck(
                      distribution.plugins().resolve("future.jar"),
                      "com.future",
                      "future",
                      "HEALTHY",
                      "");
            },
            "",
            reason ->
                assertThat(reason)
                    .isEqualTo(
                        "built for monitoring API 2.0 but this host provides API "
                            + HOST_API
                            + " (a plugin needs the same major version and a minor version"
                            + " not newer"
                            + " than the host's); rebuild it against monitoring-api "
                            + HOST_API)),
        new BrokenPlugin(
            "declares a newer minor API (manifest)",
            "newer",
            "newer.jar",
            (distribution, samples, scratch) ->
                samples
                    .withCheckBody("com.newer", "newer", CHECK_BODY)
                    .manifestAttribute(
                        ApiVersion.MANIFEST_ATTRIBUTE, ApiVersion.CURRENT.major() + ".99")
                    .build(distribution.plugins().resolve("newer.jar")),
            "",
            reason ->
                assertThat(reason)
                    .isEqualTo(
                        "built for monitoring API "
                            + ApiVersion.CURRENT.major()
                            + ".99 but this host"
                            + " provides API "
                            + HOST_API
                            + " (a plugin needs the same major version"
                            + " and a minor version not newer than the host's); rebuild it against"
                            + " monitoring-api "
                            + HOST_API)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenPlugins")
  void brokenPlugin_isQuarantinedWithItsReasonWhileTheHostServes(
      BrokenPlugin broken, @TempDir Path directory) throws Exception {
    Distribution distribution = Distribution.copyTo(directory);
    Path scratch = Files.createDirectories(directory.resolve("scratch"));
    SamplePlugins samples =
        new SamplePlugins(
            distribution.libJar("monitoring-api"), distribution.libJar("jakarta.inject-api"));
    broken.installer().install(distribution, samples, scratch);
    if (!broken.checks().isEmpty()) {
      distribution.addChecks(broken.checks());
    }
    Path source = distribution.plugins().resolve(broken.source());
    String reason;

    try (LaunchedHost host = distribution.start()) {
      JsonNode health =
          host.awaitHealth(
              "root-disk and memory pass",
              Duration.ofSeconds(10),
              h ->
                  h.at("/checks/root-disk/0/status").asText().equals("pass")
                      && h.at("/checks/memory/0/status").asText().equals("pass"));

      JsonNode plugins = health.at("/checks/plugins/0");
      reason = plugins.at("/details/quarantined." + broken.id()).asText();
      broken.reason().accept(reason);
      assertThat(plugins.path("nexus:status").asText()).isEqualTo("DEGRADED");
      assertThat(plugins.path("output").asText())
          .isEqualTo(
              "1 plugin(s) quarantined: " + broken.id() + " (" + broken.source() + "): " + reason);
      assertThat(plugins.at("/details/loaded").asInt()).isEqualTo(8);
      assertThat(plugins.at("/details/quarantined").asInt()).isEqualTo(1);

      HttpResponse<String> healthz = host.get("/healthz");
      assertThat(healthz.statusCode()).as(healthz.body()).isEqualTo(200);
      assertThat(JSON.readTree(healthz.body())).isEqualTo(JSON.readTree("{\"status\":\"warn\"}"));

      List<String> warnings =
          host.logLines("WARN").stream().filter(l -> l.contains("'" + broken.id() + "'")).toList();
      assertThat(warnings)
          .as(host.describe())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line)
                      .endsWith(
                          "Plugin '"
                              + broken.id()
                              + "' ("
                              + source
                              + ") quarantined: "
                              + reason
                              + ". The host runs without it."));
      assertThat(host.log().lines().filter(l -> l.contains(" listening on http")))
          .singleElement()
          .asString()
          .contains(
              "8 loaded [exporter-prometheus, health-command, health-database, health-network,"
                  + " health-rabbitmq, health-redis, health-system, storage-embedded], 1"
                  + " quarantined ["
                  + broken.id()
                  + "]");

      Map<String, PrometheusText.Family> metrics =
          PrometheusText.parse(host.get("/metrics").body());
      assertThat(metrics.get("plugins_quarantined").samples())
          .singleElement()
          .extracting(PrometheusText.Sample::value)
          .isEqualTo(1.0);
      assertThat(metrics.get("plugin_info").samples())
          .filteredOn(s -> s.labels().get("plugin").equals(broken.id()))
          .singleElement()
          .satisfies(s -> assertThat(s.labels()).containsEntry("state", "quarantined"));

      if (!broken.checks().isEmpty()) {
        JsonNode check = health.at("/checks/thrower-check/0");
        assertThat(check.path("nexus:status").asText()).isEqualTo("CRITICAL");
        assertThat(check.path("nexus:critical").asBoolean()).isFalse();
        assertThat(check.path("output").asText())
            .isEqualTo("plugin '" + broken.id() + "' is quarantined: " + reason);
      }
    }

    CommandResult listing = distribution.execute(Duration.ofSeconds(30), "plugins");

    assertThat(listing.exitCode()).as(listing.describe()).isEqualTo(1);
    String quarantined = listing.stdout().substring(listing.stdout().indexOf("QUARANTINED"));
    assertThat(quarantined.lines())
        .as(listing.describe())
        .containsExactly(
            "QUARANTINED (1)", "  " + broken.id() + " (" + broken.source() + "): " + reason);
    assertThat(listing.stdout()).contains("LOADED (8)");
  }
}
