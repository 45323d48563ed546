package nexus.monitoring.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import nexus.monitoring.api.ApiVersion;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.runtime.config.ConfigLoader;
import nexus.monitoring.runtime.config.HostConfig;
import nexus.monitoring.runtime.health.HealthReport;
import nexus.monitoring.runtime.testkit.SamplePlugins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class NexusHostTest {
  @TempDir Path home;

  private SamplePlugins samples;

  @BeforeEach
  void setUp() throws URISyntaxException {
    samples =
        new SamplePlugins(locationOf(ApiVersion.class), locationOf(jakarta.inject.Inject.class));
  }

  private static Path locationOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private NexusHost assemble(String yaml) {
    // The sample plugins hold no storage; history stays in memory for these tests.
    HostConfig config =
        new ConfigLoader(Map.of(), home)
            .parse(home.resolve("conf/monitoring.yaml"), yaml + "\nstorage: {type: memory}\n");
    return NexusHost.assemble(config, Clock.systemUTC());
  }

  private NexusHost assembleAsWritten(String yaml) {
    HostConfig config =
        new ConfigLoader(Map.of(), home).parse(home.resolve("conf/monitoring.yaml"), yaml);
    return NexusHost.assemble(config, Clock.systemUTC());
  }

  private void brokenStoragePlugin() throws IOException {
    samples
        .base("com.brokenstore")
        .source(
            "com.brokenstore.SamplePlugin",
            "package com.brokenstore; public final class SamplePlugin implements"
                + " nexus.monitoring.api.spi.MonitoringPlugin { public void register("
                + "nexus.monitoring.api.spi.PluginRegistry r) { r.storage(\"broken\","
                + " BrokenStorage.class); } }")
        .source(
            "com.brokenstore.BrokenStorage",
            "package com.brokenstore; import nexus.monitoring.api.*; import java.util.*;"
                + " import java.time.Instant; final class BrokenStorage implements"
                + " nexus.monitoring.api.spi.MetricStorage { BrokenStorage() { throw new"
                + " MetricStorageException(\"cannot create /proc/nope\"); }"
                + " public void append(List<MetricAggregate> b) {}"
                + " public List<MetricAggregate> read(QuerySpec q) { return List.of(); }"
                + " public List<MetricAggregate> readAll(String n, Instant f, Instant t) {"
                + " return List.of(); } public Map<String, MetricType> metrics() {"
                + " return Map.of(); } public long rewrite(String n, Instant f, Instant t,"
                + " List<MetricAggregate> r) { return 0; } public long deleteBefore(String n,"
                + " Instant c) { return 0; } public void close() {} }")
        .build(home.resolve("plugins/brokenstore.jar"));
  }

  @Test
  void explicitlyConfiguredStorageThatFails_isAConfigurationError() throws IOException {
    brokenStoragePlugin();

    assertThatThrownBy(() -> assembleAsWritten("storage: {type: broken}\n"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(": storage: storage 'broken' cannot be opened: constructor of")
        .hasMessageContaining("cannot create /proc/nope");
  }

  @Test
  void defaultStorageMissing_fallsBackToMemoryAndSaysSoInHealth() throws IOException {
    try (NexusHost host = assembleAsWritten("")) {
      HealthReport.Entry storage = entry(host.runner().report(), "storage");
      assertThat(storage.result().status()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(storage.result().message())
          .isEqualTo(
              "storage 'embedded' unavailable (no loaded plugin provides storage type"
                  + " 'embedded'); metric history is kept in memory only");
      assertThat(host.pipeline().storageName()).isEqualTo("memory");
    }
  }

  private static HealthReport.Entry entry(HealthReport report, String name) {
    return report.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void configuredInstances_getTheirOwnSettingsThroughGuice() throws Exception {
    samples.healthCheck(home.resolve("plugins/sample.jar"), "com.sample", "sample", "WARNING", "x");

    try (NexusHost host =
        assemble(
            """
            health:
              checks:
                - {name: first, type: sample, settings: {message: one}}
                - {name: second, type: sample, settings: {message: two}}
            """)) {
      HealthReport report = host.runner().runOnce();

      assertThat(entry(report, "first").result().message()).isEqualTo("one");
      assertThat(entry(report, "second").result().message()).isEqualTo("two");
      assertThat(entry(report, "first").result().details()).containsEntry("sample", 42);
      assertThat(report.status()).isEqualTo(HealthStatus.WARNING);
    }
  }

  @Test
  void constructorThatThrows_quarantinesThePluginAndReportsTheCheckCritical() throws IOException {
    samples.throwingConstructor(home.resolve("plugins/thrower.jar"), "com.thrower", "thrower");

    try (NexusHost host = assemble("health:\n  checks:\n    - {name: broken, type: thrower}\n")) {
      assertThat(host.catalog().quarantined("thrower").orElseThrow().reason())
          .isEqualTo(
              "constructor of com.thrower.SampleCheck (type 'thrower') threw"
                  + " IllegalStateException: boom");
      HealthReport report = host.runner().report();
      assertThat(entry(report, "broken").result().status()).isEqualTo(HealthStatus.CRITICAL);
      assertThat(entry(report, "broken").result().message())
          .startsWith("plugin 'thrower' is quarantined: constructor of com.thrower.SampleCheck");
      assertThat(entry(report, "plugins").result().status()).isEqualTo(HealthStatus.DEGRADED);
    }
  }

  @Test
  void checkClassWithFailingStaticInitializer_staysListedAsCritical() throws IOException {
    samples
        .withCheckBody(
            "com.statics",
            "statics",
            "  static { if (true) throw new IllegalStateException(\"static init boom\"); }\n"
                + "  public HealthCheckResult check() { return HealthCheckResult.healthy(\"\"); }\n")
        .build(home.resolve("plugins/statics.jar"));

    try (NexusHost host = assemble("health:\n  checks:\n    - {name: mine, type: statics}\n")) {
      assertThat(host.catalog().quarantined("statics").orElseThrow().reason())
          .contains("static init boom");
      HealthReport report = host.runner().report();
      assertThat(entry(report, "mine").result().status()).isEqualTo(HealthStatus.CRITICAL);
      assertThat(report.status()).isEqualTo(HealthStatus.CRITICAL);
    }
  }

  @Test
  void scheduleWithZeroInterval_quarantinesThePluginInsteadOfFailingTheHost() throws IOException {
    samples
        .base("com.zero")
        .source(
            "com.zero.SamplePlugin",
            "package com.zero; public final class SamplePlugin implements"
                + " nexus.monitoring.api.spi.MonitoringPlugin { public void register("
                + "nexus.monitoring.api.spi.PluginRegistry r) { r.healthCheck(\"zero\","
                + " ZeroCheck.class); } }")
        .source(
            "com.zero.ZeroCheck",
            "package com.zero; import nexus.monitoring.api.*; import java.time.Duration;"
                + " import java.util.Optional; final class ZeroCheck implements"
                + " nexus.monitoring.api.spi.ScheduledHealthCheck { public Optional<Duration>"
                + " interval() { return Optional.of(Duration.ZERO); } public HealthCheckResult"
                + " check() { return HealthCheckResult.healthy(\"\"); } }")
        .build(home.resolve("plugins/zero.jar"));

    try (NexusHost host = assemble("health:\n  checks:\n    - {name: mine, type: zero}\n")) {
      assertThat(host.catalog().quarantined("zero").orElseThrow().reason())
          .isEqualTo(
              "schedule of com.zero.ZeroCheck is unusable: ScheduledHealthCheck"
                  + " com.zero.ZeroCheck suggests an unusable interval PT0S: not positive");
      assertThat(entry(host.runner().report(), "mine").result().status())
          .isEqualTo(HealthStatus.CRITICAL);
    }
  }

  @Test
  void misspeltSettingsKey_isAConfigurationErrorNamingIt() throws IOException {
    samples.healthCheck(home.resolve("plugins/sample.jar"), "com.sample", "sample", "HEALTHY", "x");

    assertThatThrownBy(
            () ->
                assemble(
                    "health:\n  checks:\n    - {name: c, type: sample, settings: {mesage: hi}}\n"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageEndingWith(
            "health.checks[0].settings.mesage: unknown key 'mesage'; expected one of: message"
                + " (type 'sample' comes from plugin 'sample' (sample.jar))");
  }

  @Test
  void unknownType_withNothingQuarantined_isAConfigurationErrorListingTypes() throws IOException {
    samples.healthCheck(home.resolve("plugins/sample.jar"), "com.sample", "sample", "HEALTHY", "x");

    assertThatThrownBy(() -> assemble("health:\n  checks:\n    - {name: c, type: smaple}\n"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(
            "health.checks[0].type: no plugin provides health check type 'smaple'")
        .hasMessageContaining("available types: sample");
  }

  @Test
  void unknownType_whilePluginsAreQuarantined_becomesACriticalCheck() throws IOException {
    java.nio.file.Files.createDirectories(home.resolve("plugins"));
    java.nio.file.Files.write(home.resolve("plugins/broken.jar"), new byte[] {0});

    try (NexusHost host = assemble("health:\n  checks:\n    - {name: c, type: from-broken}\n")) {
      HealthReport.Entry entry = entry(host.runner().report(), "c");
      assertThat(entry.result().status()).isEqualTo(HealthStatus.CRITICAL);
      assertThat(entry.result().message())
          .startsWith("no loaded plugin provides health check type 'from-broken'; quarantined")
          .contains("broken");
    }
  }

  @Test
  void hostMetrics_includeJvmAndPluginCounts() throws IOException {
    samples.healthCheck(home.resolve("plugins/sample.jar"), "com.sample", "sample", "HEALTHY", "x");

    try (NexusHost host = assemble("")) {
      assertThat(host.metrics().snapshot())
          .extracting(s -> s.name())
          .contains(
              "jvm.memory.used.bytes",
              "jvm.threads.live",
              "process.uptime.seconds",
              "plugins.loaded",
              "plugins.quarantined",
              "plugin.info");
    }
  }
}
