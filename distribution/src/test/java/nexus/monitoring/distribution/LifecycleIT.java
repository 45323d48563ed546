package nexus.monitoring.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping {@code bin/nexus-monitoring run}. */
final class LifecycleIT {
  @TempDir Path directory;

  @Test
  void whenSigtermSent_hostStopsWithinTenSecondsAndLogsThatItStopped() throws Exception {
    Distribution distribution = Distribution.copyTo(directory);
    try (LaunchedHost host = distribution.start()) {
      long sent = System.nanoTime();
      boolean exited = host.terminate(Duration.ofSeconds(10));
      Duration took = Duration.ofNanos(System.nanoTime() - sent);

      assertThat(exited).as("exited within 10 s of SIGTERM\n%s", host.describe()).isTrue();
      assertThat(took).isLessThan(Duration.ofSeconds(10));
      assertThat(host.logLines("INFO"))
          .as(host.describe())
          .anySatisfy(line -> assertThat(line).endsWith("Stopping Nexus Monitoring"))
          .anySatisfy(line -> assertThat(line).endsWith("Nexus Monitoring stopped"));
      assertThat(host.logLines("ERROR")).as(host.describe()).isEmpty();
      // 143 = 128 + SIGTERM: the JVM reports the signal that ended it.
      assertThat(host.process().exitValue()).isEqualTo(143);
    }
  }

  @Test
  void run_whenThePortIsTaken_exitsFourNamingTheAddressAndTheConfigFile() throws Exception {
    Distribution distribution = Distribution.copyTo(directory);
    try (ServerSocket taken =
        new ServerSocket(0, 1, InetAddress.getByName(LaunchedHost.LOOPBACK))) {
      int port = taken.getLocalPort();

      CommandResult result =
          distribution.execute(
              Duration.ofSeconds(30), Map.of("NEXUS_PORT", Integer.toString(port)), "run");

      assertThat(result.exitCode()).as(result.describe()).isEqualTo(4);
      assertThat(result.stderr().lines().filter(line -> line.startsWith("error: ")))
          .as(result.describe())
          .singleElement()
          .asString()
          .startsWith("error: cannot listen on 127.0.0.1:" + port + " (")
          .endsWith(
              "Check that no other process uses the port and that the address belongs to this"
                  + " machine; set server.host and server.port in "
                  + distribution.config()
                  + ", or pass --port");
    }
  }
}
