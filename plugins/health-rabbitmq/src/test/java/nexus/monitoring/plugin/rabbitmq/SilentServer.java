package nexus.monitoring.plugin.rabbitmq;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback server that accepts connections and never says a word. */
final class SilentServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  SilentServer() throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
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

  int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.close();
    for (Socket socket : accepted) {
      socket.close();
    }
    acceptor.join();
  }
}
