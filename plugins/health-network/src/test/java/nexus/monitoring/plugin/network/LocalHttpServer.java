package nexus.monitoring.plugin.network;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/** An HTTP or HTTPS server on 127.0.0.1 and an ephemeral port, answering from handlers. */
final class LocalHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final String scheme;

  /** Request headers as the server saw them, one {@code name: value} per header line. */
  final List<String> seenHeaders = new CopyOnWriteArrayList<>();

  private LocalHttpServer(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  static LocalHttpServer http() throws IOException {
    return new LocalHttpServer(HttpServer.create(loopback(), 0), "http");
  }

  static LocalHttpServer https(SSLContext context) throws IOException {
    HttpsServer server = HttpsServer.create(loopback(), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    return new LocalHttpServer(server, "https");
  }

  /** Answers {@code path} with {@code status} and {@code body}. */
  LocalHttpServer answer(String path, int status, String body) {
    return handle(path, exchange -> reply(exchange, status, body));
  }

  LocalHttpServer handle(String path, HttpHandler handler) {
    server.createContext(
        path,
        exchange -> {
          exchange
              .getRequestHeaders()
              .forEach((name, values) -> values.forEach(v -> seenHeaders.add(name + ": " + v)));
          handler.handle(exchange);
        });
    return this;
  }

  String url(String path) {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  int port() {
    return server.getAddress().getPort();
  }

  static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static InetSocketAddress loopback() throws IOException {
    return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
  }
}
