package nexus.monitoring.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import nexus.monitoring.api.ApiVersion;
import nexus.monitoring.runtime.config.ConfigLoader;
import nexus.monitoring.runtime.health.CheckInstance;
import nexus.monitoring.runtime.health.StatusPolicy;
import nexus.monitoring.runtime.testkit.SamplePlugins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where each check's schedule and policy come from: the file, the check's suggestion, defaults. */
final class CheckScheduleTest {
  @TempDir Path home;

  @BeforeEach
  void plugins() throws URISyntaxException, IOException {
    SamplePlugins samples =
        new SamplePlugins(
            Path.of(ApiVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
            Path.of(
                jakarta.inject.Inject.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI()));
    Path plugins = Files.createDirectories(home.resolve("plugins"));
    samples.healthCheck(plugins.resolve("plain.jar"), "com.plain", "plain", "HEALTHY", "ok");
    // The sample check class is replaced by one that suggests its own schedule.
    samples
        .withCheckBody(
            "com.suggesting",
            "suggesting",
            "  public HealthCheckResult check() { return HealthCheckResult.healthy(\"\"); }\n")
        .source(
            "com.suggesting.SampleCheck",
            "package com.suggesting;\n"
                + "import java.time.Duration;\n"
                + "import java.util.Optional;\n"
                + "import nexus.monitoring.api.*;\n"
                + "import nexus.monitoring.api.spi.*;\n"
                + "final class SampleCheck implements ScheduledHealthCheck {\n"
                + "  public HealthCheckResult check() { return HealthCheckResult.healthy(\"\"); }\n"
                + "  public Optional<Duration> interval() { return Optional.of(Duration.ofSeconds(7)); }\n"
                + "  public Optional<Duration> timeout() { return Optional.of(Duration.ofSeconds(3)); }\n"
                + "  public Duration initialDelay() { return Duration.ofSeconds(2); }\n"
                + "  public Duration jitter() { return Duration.ofSeconds(1); }\n"
                + "}\n")
        .build(plugins.resolve("suggesting.jar"));
  }

  private CheckInstance check(NexusHost host, String name) {
    return host.runner().checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void fileWins_thenTheChecksSuggestion_thenTheHealthDefaults() {
    String yaml =
        """
        storage: {type: memory}
        health:
          interval: 20s
          timeout: 4s
          initial-delay: 5s
          jitter: 6s
          failure-threshold: 2
          flapping: {changes: 3, window: 5m}
          history: 7
          checks:
            - {name: suggested, type: suggesting}
            - name: overridden
              type: suggesting
              interval: 9s
              initial-delay: 4s
              stale-after: 1m
              success-threshold: 3
              flapping: off
            - {name: defaults, type: plain}
        """;
    try (NexusHost host =
        NexusHost.assemble(
            new ConfigLoader(Map.of(), home).parse(home.resolve("monitoring.yaml"), yaml),
            Clock.systemUTC())) {
      CheckInstance suggested = check(host, "suggested");
      CheckInstance overridden = check(host, "overridden");
      CheckInstance defaults = check(host, "defaults");

      assertThat(suggested.interval()).isEqualTo(Duration.ofSeconds(7));
      assertThat(suggested.timeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(suggested.initialDelay()).isEqualTo(Duration.ofSeconds(2));
      assertThat(suggested.jitter()).isEqualTo(Duration.ofSeconds(1));
      assertThat(suggested.policy())
          .isEqualTo(new StatusPolicy(Duration.ofSeconds(17), 2, 1, 3, Duration.ofMinutes(5), 7));
      assertThat(overridden.interval()).isEqualTo(Duration.ofSeconds(9));
      assertThat(overridden.initialDelay()).isEqualTo(Duration.ofSeconds(4));
      assertThat(overridden.jitter()).isEqualTo(Duration.ofSeconds(1));
      assertThat(overridden.policy())
          .isEqualTo(new StatusPolicy(Duration.ofMinutes(1), 2, 3, 0, Duration.ofMinutes(5), 7));
      assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(20));
      assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(4));
      assertThat(defaults.initialDelay()).isEqualTo(Duration.ofSeconds(5));
      assertThat(defaults.jitter()).isEqualTo(Duration.ofSeconds(6));
      assertThat(defaults.groups()).containsExactly("readiness");
      assertThat(defaults.policy().staleAfter()).isEqualTo(Duration.ofSeconds(44));
    }
  }
}
