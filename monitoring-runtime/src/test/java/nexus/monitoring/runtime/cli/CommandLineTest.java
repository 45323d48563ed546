package nexus.monitoring.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import nexus.monitoring.api.ApiVersion;
import nexus.monitoring.runtime.testkit.SamplePlugins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CommandLineTest {
  @TempDir Path home;

  private Path plugins;
  private Path config;
  private SamplePlugins samples;

  /** Exit code and both outputs of one command. */
  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void setUp() throws URISyntaxException, IOException {
    samples =
        new SamplePlugins(
            Path.of(ApiVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
            Path.of(
                jakarta.inject.Inject.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI()));
    plugins = Files.createDirectories(home.resolve("plugins"));
    config = home.resolve("monitoring.yaml");
    samples.healthCheck(plugins.resolve("sample.jar"), "com.sample", "sample", "WARNING", "hi");
  }

  private Run run(String yaml, String... args) throws IOException {
    Files.writeString(config, yaml + "\nstorage: {type: memory}\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] full = new String[args.length + 4];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--config";
    full[args.length + 1] = config.toString();
    full[args.length + 2] = "--plugins-dir";
    full[args.length + 3] = plugins.toString();
    int exit = Main.execute(full, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void check_warningCheck_printsTableAndExitsOne() throws IOException {
    Run run = run("health:\n  checks:\n    - {name: greet, type: sample}\n", "check");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("greet").contains("WARNING").contains("OVERALL: WARNING");
  }

  @Test
  void checkGroup_runsOnlyThatGroup_andJsonIsTheHealthDocument() throws IOException {
    String yaml =
        "health:\n  checks:\n    - {name: alive, type: sample, groups: [liveness]}\n"
            + "    - {name: greet, type: sample}\n";

    Run liveness = run(yaml, "check", "--group", "liveness");
    Run json = run(yaml, "check", "--group", "readiness", "--format", "json");

    assertThat(liveness.exit()).isEqualTo(1);
    assertThat(liveness.out()).contains("alive").doesNotContain("greet");
    assertThat(json.out()).contains("\"greet\"").contains("\"status\" : \"warn\"");
    assertThat(json.out()).doesNotContain("\"alive\"");
  }

  @Test
  void checkGroup_unknown_failsWithThreeListingTheGroups() throws IOException {
    Run run =
        run(
            "health:\n  checks:\n    - {name: greet, type: sample, groups: [liveness, startup]}\n",
            "check",
            "--group",
            "readyness");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err())
        .contains("error: no check is in group 'readyness'; groups of ")
        .contains(": liveness, startup");
  }

  @Test
  void validate_typoInCheckType_whileAnotherPluginIsBroken_stillFails() throws IOException {
    Files.write(plugins.resolve("corrupt.jar"), new byte[] {1, 2, 3});

    Run run = run("health:\n  checks:\n    - {name: db, type: databse}\n", "validate");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("warning: plugin 'corrupt'")
        .contains(
            "health.checks[0]: check 'db' cannot run: no loaded plugin provides health check"
                + " type 'databse'");
  }

  @Test
  void validate_constructorThatThrows_fails() throws IOException {
    samples.throwingConstructor(plugins.resolve("thrower.jar"), "com.thrower", "thrower");

    Run run = run("health:\n  checks:\n    - {name: t, type: thrower}\n", "validate");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("check 't' cannot run: plugin 'thrower' is quarantined");
  }

  @Test
  void validate_goodConfiguration_saysValid() throws IOException {
    Run run = run("health:\n  checks:\n    - {name: greet, type: sample}\n", "validate");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("valid (1 health checks, 1 plugins loaded, 0 quarantined");
  }

  @Test
  void plugins_withBrokenConfiguration_stillListsThePlugins() throws IOException {
    Run run =
        run("health:\n  checks:\n    - {name: greet, type: sample, settings: {x: 1}}\n", "plugins");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("unknown key 'x'");
    assertThat(run.out()).contains("LOADED (1)").contains("health check sample");
    assertThat(run.out().lines().filter(l -> l.contains("health check sample")))
        .singleElement()
        .asString()
        .as("types before the module list, which folder plugins make long")
        .containsPattern("health check sample +com\\.sample");
  }

  @Test
  void noCommand_printsUsageAndFails() {
    StringWriter err = new StringWriter();
    int exit =
        Main.execute(
            new String[0], new PrintWriter(new StringWriter()), new PrintWriter(err, true));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: nexus-monitoring").contains("check");
  }
}
