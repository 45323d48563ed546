package nexus.monitoring.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on 127.0.0.1 that accepts every connection and never sends a byte, as a hung server
 * does: the test of a check's timeouts needs no real server.
 *
 * <pre>{@code
 * try (SilentServer server = new SilentServer()) {
 *   HealthCheckResult result =
 *       new RedisCheck(MapPluginSettings.of("port", String.valueOf(server.port()))).check();
 *   assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
 * }
 * }</pre>
 *
 * @since 1.0
 */
public final class SilentServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /** Listens on a free port of 127.0.0.1 until {@link #close()}. */
  public SilentServer() throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
    acceptor =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (!server.isClosed()) {
                    try {
                      accepted.add(server.accept());
                    } catch (IOException e) {
                      return;
                    }
                  }
                });
  }

  /** The port it listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /** Stops listening and closes every connection it accepted. */
  @Override
  public void close() throws IOException, InterruptedException {
    server.close();
    for (Socket socket : accepted) {
      socket.close();
    }
    acceptor.join();
  }
}
