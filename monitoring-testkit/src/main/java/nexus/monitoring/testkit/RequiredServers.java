package nexus.monitoring.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine it runs on: a real server listening, a program installed. A
 * test whose server or program is absent is skipped with the reason, except when the environment
 * says {@code CI=true}: there the server is part of the job, and a build must never pass by
 * skipping, so the test fails with the same reason.
 *
 * <pre>{@code
 * @Test
 * void check_realRedis_isHealthy() {
 *   RequiredServers.require("Redis", "127.0.0.1", 6379);
 *   ...
 * }
 * }</pre>
 *
 * @since 1.0
 */
public final class RequiredServers {
  private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

  private RequiredServers() {}

  /**
   * Returns when {@code host:port} accepts a TCP connection within two seconds; otherwise skips the
   * calling test, or fails it under {@code CI=true}.
   *
   * @param what the server as a reader of the skip reason knows it, such as {@code "PostgreSQL
   *     (trust auth, user postgres, db test)"}
   */
  public static void require(String what, String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      unavailable(what + " is not reachable at " + host + ":" + port + " (" + e + ")", "start it");
    }
  }

  /** {@link #require(String, String, int)} on the IPv4 loopback address, 127.0.0.1. */
  public static void require(String what, int port) {
    require(what, "127.0.0.1", port);
  }

  /**
   * Returns when {@code program} is an executable file; otherwise skips the calling test, or fails
   * it under {@code CI=true}, naming the Debian package that installs it.
   */
  public static void requireProgram(Path program, String debianPackage) {
    if (!Files.isExecutable(program)) {
      unavailable(
          program + " is not installed (Debian package " + debianPackage + ")", "install it");
    }
  }

  /**
   * A port of 127.0.0.1 that was free a moment ago, so that a connection to it is refused: the port
   * of a server that is down.
   */
  public static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static void unavailable(String reason, String remedy) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(reason + "; CI=true needs it present");
    }
    Assumptions.abort(reason + "; " + remedy + " to run this test");
  }
}
