package nexus.monitoring.plugin.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.RequiredServers;
import nexus.monitoring.testkit.RunningCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TcpCheckTest {
  private ServerSocket server;
  private Thread acceptor;

  /** Greets each client with a banner and answers "PING" with "PONG". */
  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    acceptor =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (!server.isClosed()) {
                    try {
                      Socket client = server.accept();
                      Thread.ofVirtual().start(() -> converse(client));
                    } catch (IOException e) {
                      return;
                    }
                  }
                });
  }

  private static void converse(Socket client) {
    try (client;
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream()) {
      out.write("+OK nexus test service ready\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] buffer = new byte[64];
      int read = in.read(buffer);
      if (read > 0 && new String(buffer, 0, read, StandardCharsets.US_ASCII).startsWith("PING")) {
        out.write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
      }
    } catch (IOException e) {
      // The check closed first; nothing to answer.
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    acceptor.join();
  }

  private static TcpCheck check(Object... keysAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    MapPluginSettings settings = MapPluginSettings.of("port", values);
    TcpCheck check = new TcpCheck(settings);
    assertThat(settings.unreadKeys()).isEmpty();
    return check;
  }

  @Test
  void check_listeningPort_isHealthyWithConnectTime() throws Exception {
    HealthCheckResult result =
        check("host", "127.0.0.1", "port", String.valueOf(server.getLocalPort())).check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.message()).startsWith("127.0.0.1:" + server.getLocalPort() + " connect time");
    assertThat((double) result.details().get("connect.seconds")).isPositive();
  }

  @Test
  void check_address_isHealthy() throws Exception {
    HealthCheckResult result = check("address", "127.0.0.1:" + server.getLocalPort()).check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void check_closedPort_isCritical() throws Exception {
    int port = RequiredServers.closedPort();

    HealthCheckResult result = check("address", "127.0.0.1:" + port).check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .isEqualTo("cannot connect to 127.0.0.1:" + port + ": connection refused");
    assertThat(result.details()).containsKey("connect.seconds");
  }

  @Test
  void check_connectSlowerThanWarningLatency_isWarning() throws Exception {
    // Any connect takes longer than zero, so a zero warning limit is always crossed.
    HealthCheckResult result =
        check(
                "address", "127.0.0.1:" + server.getLocalPort(),
                "warning-latency", "0ms",
                "critical-latency", "1h")
            .check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.WARNING);
    assertThat(result.message()).contains("is above the warning threshold 0.000s");
  }

  @Test
  void check_expectedBanner_isHealthy() throws Exception {
    HealthCheckResult result =
        check("address", "127.0.0.1:" + server.getLocalPort(), "expect", "+OK").check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.details()).containsKey("response.seconds");
  }

  @Test
  void check_sendAndExpectAnswer_isHealthy() throws Exception {
    HealthCheckResult result =
        check(
                "address",
                "127.0.0.1:" + server.getLocalPort(),
                "send",
                "PING\\r\\n",
                "expect",
                "PONG")
            .check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void check_answerWithoutExpectedText_isCriticalQuotingIt() throws Exception {
    HealthCheckResult result =
        check(
                "address", "127.0.0.1:" + server.getLocalPort(),
                "expect", "220 ",
                "read-timeout", "300ms")
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .isEqualTo(
            "127.0.0.1:"
                + server.getLocalPort()
                + " answered without '220 ': +OK nexus test service ready");
  }

  @Test
  void check_interruptedWhileWaitingForAnswer_stopsWithInterruptedException() throws Exception {
    TcpCheck check =
        check(
            "address", "127.0.0.1:" + server.getLocalPort(),
            "expect", "never sent",
            "read-timeout", "1h");

    RunningCheck running = RunningCheck.start(check);
    Thread.sleep(500);
    Throwable thrown = running.interrupt(java.time.Duration.ofSeconds(10));

    assertThat(thrown).isInstanceOf(InterruptedException.class);
  }

  @Test
  void settings_badAddressOrPort_rejectedNamingKey() {
    assertThatThrownBy(() -> check())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'address' is absent; expected host:port, or the keys host and port");
    assertThatThrownBy(() -> check("address", "db"))
        .hasMessageContaining("'address' is 'db'; expected host:port with a port from 1 to 65535");
    assertThatThrownBy(() -> check("address", "db:70000"))
        .hasMessageContaining("'address' is 'db:70000'");
    assertThatThrownBy(() -> check("host", "db"))
        .hasMessageContaining("'port' is absent; expected a port from 1 to 65535");
    assertThatThrownBy(() -> check("address", "db:1", "port", "2"))
        .hasMessageContaining("either address or host and port, not both");
  }

  @Test
  void settings_ipv6Address_parsed() throws Exception {
    TcpCheck check =
        check("address", "[::1]:" + RequiredServers.closedPort(), "connect-timeout", "1s");

    assertThat(check.check().message()).startsWith("cannot connect to [::1]:");
  }
}
