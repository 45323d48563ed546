package nexus.monitoring.plugin.database;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/** The local servers the integration tests need, and what to do when one is absent. */
final class Servers {
  static final String POSTGRES_HOST = "127.0.0.1";
  static final int POSTGRES_PORT = 5432;

  private Servers() {}

  /** Skips the test when the local PostgreSQL is not listening; fails it under {@code CI=true}. */
  static void requirePostgres() {
    requireServer(POSTGRES_HOST, POSTGRES_PORT, "PostgreSQL (trust auth, user postgres, db test)");
  }

  /**
   * Skips the test with the reason when nothing listens on {@code host:port}; fails it instead when
   * the environment says {@code CI=true}, where a missing server is a broken build machine.
   */
  static void requireServer(String host, int port, String what) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
    } catch (IOException e) {
      String reason =
          what + " is not reachable at " + host + ":" + port + " (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(reason + "; CI=true requires it");
      }
      Assumptions.abort(reason + "; skipping");
    }
  }

  /** A loopback port that was free a moment ago and has nothing listening on it now. */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }
}
