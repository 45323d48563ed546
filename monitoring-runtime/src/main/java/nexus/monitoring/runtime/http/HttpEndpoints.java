package nexus.monitoring.runtime.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.spi.MetricExporter;
import nexus.monitoring.runtime.health.HealthReport;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's HTTP surface on an embedded Jetty: {@code /healthz}, {@code /health} and {@code
 * /metrics}.
 *
 * <p>Health endpoints answer from the runner's cached results, so their latency does not depend on
 * how slow the checks are.
 */
public final class HttpEndpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);

  private final Server server;
  private final ServerConnector connector;

  /**
   * @param health the current health report
   * @param snapshots the metrics to export on a scrape
   * @param exporters the exporters available for {@code /metrics}, the default first
   */
  public HttpEndpoints(
      String host,
      int port,
      Supplier<HealthReport> health,
      Supplier<List<MetricSnapshot>> snapshots,
      List<MetricExporter> exporters,
      HealthJson healthJson) {
    QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    threads.setName("http");
    threads.setDaemon(true);
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Routes(health, snapshots, List.copyOf(exporters), healthJson));
    // Graceful stop lets a scrape in flight finish; idle keep-alive connections close within
    // about a second of it, so two seconds covers them without a forced close.
    server.setStopTimeout(2_000);
  }

  /**
   * Binds the port and starts serving.
   *
   * @throws Exception when the port cannot be bound
   */
  public void start() throws Exception {
    server.start();
  }

  /** The port actually bound; differs from the configured one when that was 0. */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.info("HTTP connections still open after the graceful stop period were closed");
    } catch (Exception e) {
      LOG.warn("HTTP server did not stop cleanly: {}", e.toString());
    }
  }

  private static final class Routes extends Handler.Abstract {
    private final Supplier<HealthReport> health;
    private final Supplier<List<MetricSnapshot>> snapshots;
    private final List<MetricExporter> exporters;
    private final HealthJson healthJson;

    Routes(
        Supplier<HealthReport> health,
        Supplier<List<MetricSnapshot>> snapshots,
        List<MetricExporter> exporters,
        HealthJson healthJson) {
      this.health = health;
      this.snapshots = snapshots;
      this.exporters = exporters;
      this.healthJson = healthJson;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String method = request.getMethod();
      if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        send(response, callback, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return true;
      }
      String path = Request.getPathInContext(request);
      switch (path) {
        case "/healthz" -> {
          HealthReport report = health.get();
          send(
              response,
              callback,
              report.status().httpStatus(),
              HealthJson.MEDIA_TYPE,
              healthJson.statusOnly(report));
        }
        case "/health" -> {
          HealthReport report = health.get();
          send(
              response,
              callback,
              report.status().httpStatus(),
              HealthJson.MEDIA_TYPE,
              healthJson.full(report));
        }
        case "/metrics" -> metrics(request, response, callback);
        case "/" ->
            send(
                response,
                callback,
                200,
                "text/plain; charset=utf-8",
                "Nexus Monitoring\n  /healthz  status only\n  /health   every check"
                    + " (application/health+json)\n  /metrics  metrics (Prometheus text)\n");
        default -> send(response, callback, 404, "text/plain; charset=utf-8", "not found\n");
      }
      return true;
    }

    private void metrics(Request request, Response response, Callback callback) {
      MetricExporter exporter =
          MetricsEndpoint.choose(exporters, request.getHeaders().get(HttpHeader.ACCEPT));
      if (exporter == null) {
        send(
            response,
            callback,
            503,
            "text/plain; charset=utf-8",
            "no exporter plugin is loaded; install exporter-prometheus into plugins/\n");
        return;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      try {
        exporter.export(snapshots.get(), out);
      } catch (Exception | LinkageError e) {
        LOG.warn(
            "Exporter {} failed to render /metrics: {}; the scrape gets 500",
            exporter.getClass().getName(),
            e.toString());
        send(
            response,
            callback,
            500,
            "text/plain; charset=utf-8",
            "exporter " + exporter.format().name() + " failed: " + e + "\n");
        return;
      }
      send(response, callback, 200, exporter.format().contentType(), out.toByteArray());
    }

    private static void send(
        Response response, Callback callback, int status, String contentType, String body) {
      send(response, callback, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(
        Response response, Callback callback, int status, String contentType, byte[] body) {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }
}
