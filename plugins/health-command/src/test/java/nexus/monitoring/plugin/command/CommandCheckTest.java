package nexus.monitoring.plugin.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.RunningCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class CommandCheckTest {
  @TempDir Path folder;

  private static CommandCheck check(Map<String, ?> settings) {
    MapPluginSettings values = MapPluginSettings.of("nagios", settings);
    CommandCheck check = new CommandCheck(values);
    assertThat(values.unreadKeys()).isEmpty();
    return check;
  }

  private CommandCheck script(String body) throws Exception {
    Path script = CheckPrograms.script(folder, "check_test", body);
    return check(Map.of("command", List.of(script.toString())));
  }

  @ParameterizedTest
  @CsvSource({"0, HEALTHY", "1, WARNING", "2, CRITICAL", "3, OFFLINE"})
  void check_nagiosExitCode_becomesStatusWithFirstLineAsMessage(int code, HealthStatus status)
      throws Exception {
    CommandCheck check = script("echo 'TEST " + code + " - said so | x=1'; exit " + code);

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(status);
    assertThat(result.message()).isEqualTo("TEST " + code + " - said so");
    assertThat(result.details()).containsEntry("exit.code", code).containsEntry("perf.x", 1.0);
  }

  @Test
  void check_otherExitCode_isCriticalAndSaysSo() throws Exception {
    CommandCheck check = script("echo 'something odd'; exit 42");

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .isEqualTo(
            "check_test exited with 42, which is no Nagios status"
                + " (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN): something odd");
    assertThat(result.details()).containsEntry("exit.code", 42);
  }

  @Test
  void check_noOutput_messageNamesErrorOutput() throws Exception {
    CommandCheck check = script("echo 'cannot read config' >&2; exit 3");

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.OFFLINE);
    assertThat(result.message())
        .isEqualTo(
            "check_test printed nothing on standard output; on error output: cannot read config");
  }

  @Test
  void check_longTextAndPerformanceData_becomeDetails() throws Exception {
    CommandCheck check =
        script(
            "printf 'DISK WARNING - /var low | /=10%%;20;10;0;100\\n"
                + "/var 8%% free\\n/home 50%% free | '\"'\"'/var'\"'\"'=2.5KB;;;0;8\\n"
                + "time=120ms bad=1;;;0;8KB\\n'; exit 1");

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(result.message()).isEqualTo("DISK WARNING - /var low");
    assertThat(result.details())
        .containsEntry("output.long", "/var 8% free\n/home 50% free")
        .containsEntry("perf.root", 0.1)
        .containsEntry("perf.root.warn", 0.2)
        .containsEntry("perf.root.crit", 0.1)
        .containsEntry("perf.root.max", 1.0)
        .containsEntry("perf.var", 2500.0)
        .containsEntry("perf.var.max", 8000.0)
        .containsEntry("perf.time", 0.12)
        .doesNotContainKey("perf.bad");
    // The guidelines give min and max in the value's unit, so a unit of their own is an error.
    assertThat(result.details())
        .containsEntry("perf.errors", "'bad=1;;;0;8KB' has a max that is not a number");
  }

  @Test
  void check_malformedPerformanceData_doesNotFailTheCheck() throws Exception {
    CommandCheck check = script("echo 'OK | good=1 bad=abc'; exit 0");

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.details())
        .containsEntry("perf.good", 1.0)
        .containsEntry("perf.errors", "'bad=abc' has no numeric value");
  }

  @Test
  void check_argumentWithSemicolon_reachesProgramLiterally() throws Exception {
    Path marker = folder.resolve("marker");
    Path script = CheckPrograms.script(folder, "check_args", "echo \"ARGS $1|$2\"; exit 0");

    HealthCheckResult result =
        check(Map.of("command", List.of(script.toString(), "a; touch " + marker, "$HOME"))).check();

    assertThat(result.message()).isEqualTo("ARGS a; touch " + marker);
    assertThat(marker).doesNotExist();
  }

  @Test
  void check_shellTrue_runsStringThroughShell() throws Exception {
    Path marker = folder.resolve("marker");

    HealthCheckResult result =
        check(Map.of("shell", true, "command", "touch " + marker + "; echo SHELL OK")).check();

    assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.message()).isEqualTo("SHELL OK");
    assertThat(marker).exists();
  }

  @Test
  void check_environmentAndWorkingDirectory_reachProgram() throws Exception {
    Path script = CheckPrograms.script(folder, "check_env", "echo \"$MODE in $(pwd) $LC_NUMERIC\"");
    Path work = Files.createDirectory(folder.resolve("work"));

    HealthCheckResult result =
        check(
                Map.of(
                    "command", List.of(script.toString()),
                    "environment", List.of("MODE=fast=yes"),
                    "working-directory", work.toString()))
            .check();

    assertThat(result.message()).isEqualTo("fast=yes in " + work.toRealPath() + " C");
  }

  @Test
  void check_outputBeyondMaxOutput_isCappedAndProgramStillCounts() throws Exception {
    CommandCheck check =
        check(
            Map.of(
                "command",
                List.of(
                    CheckPrograms.script(
                            folder,
                            "check_chatty",
                            "echo 'CHATTY WARNING'; yes 0123456789 | head -c 2000000; exit 1")
                        .toString()),
                "max-output",
                "4KiB"));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(result.message()).isEqualTo("CHATTY WARNING");
    assertThat(result.details()).containsEntry("output.truncated", true);
    assertThat(((String) result.details().get("output.long")).length()).isLessThan(4096);
  }

  @Test
  void check_interrupted_killsProgramAndItsChildren() throws Exception {
    Path pidFile = folder.resolve("child.pid");
    CommandCheck check =
        script(
            "sleep 300 &\necho $! > "
                + pidFile
                + ".tmp; mv "
                + pidFile
                + ".tmp "
                + pidFile
                + "\nwait");
    RunningCheck running = RunningCheck.start(check);

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(pidFile).as("the script started its child").exists();
    long childPid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(childPid)).as("child running").hasValueSatisfying(p -> p.isAlive());
    Throwable thrown = running.interrupt(Duration.ofSeconds(20));

    assertThat(thrown).isInstanceOf(InterruptedException.class);
    deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false)
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive))
        .as("child process " + childPid + " after interruption")
        .isNotEqualTo(java.util.Optional.of(true));
  }

  @Test
  void check_missingProgram_isCriticalNamingIt() throws Exception {
    HealthCheckResult result =
        check(Map.of("command", List.of(folder.resolve("check_missing").toString()))).check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .startsWith("cannot start " + folder.resolve("check_missing"))
        .contains("No such file");
  }

  @Test
  void check_secretsInArgumentsAndEnvironment_maskedInOutput() throws Exception {
    Path script =
        CheckPrograms.script(
            folder, "check_db", "echo \"DB CRITICAL - login $1 failed ($DB_PASSWORD)\"; exit 2");

    HealthCheckResult result =
        check(
                Map.of(
                    "command", List.of(script.toString(), "postgresql://app:hunter2@db/x"),
                    "environment", List.of("DB_PASSWORD=s3cr3t-env")))
            .check();

    assertThat(result.message())
        .isEqualTo("DB CRITICAL - login postgresql://app:****@db/x failed (****)")
        .doesNotContain("hunter2")
        .doesNotContain("s3cr3t-env");
  }

  @Test
  void settings_commandMissing_rejectedNamingKey() {
    assertThatThrownBy(() -> check(Map.of()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'command' is absent; expected the program and its arguments");
  }

  @Test
  void settings_commandLineInOneStringWithoutShell_rejected() {
    assertThatThrownBy(() -> check(Map.of("command", "check_disk -w 10%")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'command' is 'check_disk -w 10%'")
        .hasMessageContaining("shell: true");
  }

  @Test
  void settings_shellWithList_rejected() {
    assertThatThrownBy(() -> check(Map.of("shell", true, "command", List.of("a", "b"))))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("one string for /bin/sh -c");
  }

  @Test
  void settings_badEnvironmentEntry_rejected() {
    assertThatThrownBy(
            () -> check(Map.of("command", List.of("/bin/true"), "environment", List.of("1X"))))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'environment'")
        .hasMessageContaining("NAME=value");
  }

  @Test
  void settings_missingWorkingDirectory_rejected() {
    assertThatThrownBy(
            () ->
                check(
                    Map.of(
                        "command",
                        List.of("/bin/true"),
                        "working-directory",
                        folder.resolve("nope").toString())))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'working-directory'")
        .hasMessageContaining("an existing directory");
  }

  @Test
  void settings_zeroMaxOutput_rejected() {
    assertThatThrownBy(() -> check(Map.of("command", List.of("/bin/true"), "max-output", "0")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'max-output' is '0'; expected a size from 1B to 16MiB");
  }
}
