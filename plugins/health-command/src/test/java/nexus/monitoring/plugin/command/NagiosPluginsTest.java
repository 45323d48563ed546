package nexus.monitoring.plugin.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.RequiredServers;
import org.junit.jupiter.api.Test;

/** The command check running real plugins from Debian's monitoring-plugins-basic. */
final class NagiosPluginsTest {

  private static HealthCheckResult run(List<String> command) throws Exception {
    return new CommandCheck(MapPluginSettings.of("nagios", Map.of("command", command))).check();
  }

  @Test
  void checkDisk_onRoot_reportsStatusAndSizesInBytes() throws Exception {
    Path plugin = CheckPrograms.requireNagiosPlugin("check_disk");
    FileStore root = Files.getFileStore(Path.of("/"));
    // check_disk counts as used what is not free at all, reserved blocks included.
    double usedShare = 1 - (double) root.getUnallocatedSpace() / root.getTotalSpace();

    HealthCheckResult result = run(List.of(plugin.toString(), "-w", "1%", "-c", "0%", "-p", "/"));

    // With a 1% free warning limit, only a full disk would not be HEALTHY.
    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.message()).startsWith("DISK OK");
    assertThat(result.details()).containsEntry("exit.code", 0).doesNotContainKey("perf.errors");
    double used = (double) result.details().get("perf.root");
    double max = (double) result.details().get("perf.root.max");
    assertThat(max)
        .isCloseTo(root.getTotalSpace(), org.assertj.core.data.Percentage.withPercentage(5));
    assertThat(used / max).isCloseTo(usedShare, org.assertj.core.data.Offset.offset(0.05));
    assertThat((double) result.details().get("perf.root.warn")).isLessThan(max);
  }

  @Test
  void checkDisk_withImpossibleLimit_isCritical() throws Exception {
    Path plugin = CheckPrograms.requireNagiosPlugin("check_disk");

    // More than 100% free can never hold, so the plugin reports CRITICAL whatever the disk.
    HealthCheckResult result =
        run(List.of(plugin.toString(), "-w", "100%", "-c", "100%", "-p", "/"));

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).startsWith("DISK CRITICAL");
  }

  @Test
  void checkTcp_listeningPort_isHealthyWithResponseTimeInSeconds() throws Exception {
    Path plugin = CheckPrograms.requireNagiosPlugin("check_tcp");
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      HealthCheckResult result =
          run(
              List.of(
                  plugin.toString(),
                  "-H",
                  "127.0.0.1",
                  "-p",
                  String.valueOf(server.getLocalPort())));

      assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(result.message()).startsWith("TCP OK");
      assertThat((double) result.details().get("perf.time")).isBetween(0.0, 10.0);
      assertThat(result.details()).containsEntry("perf.time.max", 10.0);
    }
  }

  @Test
  void checkTcp_closedPort_isCritical() throws Exception {
    Path plugin = CheckPrograms.requireNagiosPlugin("check_tcp");
    int port = RequiredServers.closedPort();

    HealthCheckResult result =
        run(List.of(plugin.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port)));

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).contains("Connection refused");
  }
}
