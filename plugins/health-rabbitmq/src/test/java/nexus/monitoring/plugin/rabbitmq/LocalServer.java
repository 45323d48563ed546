package nexus.monitoring.plugin.rabbitmq;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * The real servers these tests talk to. A test needing one that is not listening is skipped with
 * the reason, except under {@code CI=true}, where the server is part of the job and its absence is
 * a failure.
 */
final class LocalServer {
  static final String RABBITMQ_HOST = "127.0.0.1";
  static final int RABBITMQ_PORT = 5672;

  private LocalServer() {}

  /** Skips (or, under CI, fails) the calling test unless {@code host:port} accepts connections. */
  static void require(String host, int port, String what) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
    } catch (IOException e) {
      String reason = what + " is not listening on " + host + ":" + port + " (" + e + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(reason + "; CI=true needs it running");
      }
      Assumptions.abort(reason + "; start it to run this test");
    }
  }

  static void requireRabbitMq() {
    require(RABBITMQ_HOST, RABBITMQ_PORT, "RabbitMQ");
  }

  /** A loopback port that was free a moment ago, so that nothing answers on it. */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
