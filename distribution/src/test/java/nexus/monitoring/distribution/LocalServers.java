package nexus.monitoring.distribution;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The servers this machine is expected to run for the service checks. A test that needs one skips
 * with the reason when it is absent, except under {@code CI=true}, where an absent server fails the
 * test: CI must never pass by skipping.
 */
final class LocalServers {
  private LocalServers() {}

  static void require(String what, int port) {
    require(what, "127.0.0.1", port);
  }

  static void require(String what, String host, int port) {
    String problem = reachable(host, port);
    if (problem == null) {
      return;
    }
    unavailable(what + " is not reachable at " + host + ":" + port + " (" + problem + ")");
  }

  /** Like {@link #require(String, int)} for a program this machine should have installed. */
  static void requireProgram(java.nio.file.Path program, String packageName) {
    if (java.nio.file.Files.isExecutable(program)) {
      return;
    }
    unavailable(program + " is not installed (Debian package " + packageName + ")");
  }

  private static void unavailable(String reason) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(reason + "; under CI=true it must be present");
    }
    Assumptions.abort(reason + "; install it to run this test");
  }

  private static String reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2_000);
      return null;
    } catch (IOException e) {
      return e.getMessage();
    }
  }
}
