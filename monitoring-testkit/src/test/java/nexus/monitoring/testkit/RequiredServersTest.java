package nexus.monitoring.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

final class RequiredServersTest {
  /** What an absent server does to the test: under CI=true it fails, elsewhere it skips. */
  private static final Class<? extends Throwable> ABSENT =
      "true".equalsIgnoreCase(System.getenv("CI"))
          ? AssertionFailedError.class
          : TestAbortedException.class;

  @Test
  void require_listeningServer_returns() throws Exception {
    try (SilentServer server = new SilentServer()) {
      assertThatCode(() -> RequiredServers.require("the silent server", server.port()))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void require_closedPort_skipsOrFailsNamingTheServerAndAddress() throws Exception {
    int port = RequiredServers.closedPort();

    assertThatThrownBy(() -> RequiredServers.require("Nothing", "127.0.0.1", port))
        .isInstanceOf(ABSENT)
        .hasMessageStartingWith("Nothing is not reachable at 127.0.0.1:" + port + " (");
  }

  @Test
  void requireProgram_missingProgram_skipsOrFailsNamingThePackage() {
    Path missing = Path.of("/nonexistent/nexus-monitoring-no-such-program");

    assertThatThrownBy(() -> RequiredServers.requireProgram(missing, "no-such-package"))
        .isInstanceOf(ABSENT)
        .hasMessageStartingWith(missing + " is not installed (Debian package no-such-package)");
  }

  @Test
  void closedPort_refusesConnections() throws Exception {
    int port = RequiredServers.closedPort();

    try (Socket socket = new Socket()) {
      assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", port), 2000))
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void silentServer_acceptsAndNeverAnswers() throws Exception {
    try (SilentServer server = new SilentServer();
        Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
      socket.setSoTimeout(300);
      InputStream in = socket.getInputStream();

      assertThat(socket.isConnected()).isTrue();
      assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
    }
  }
}
