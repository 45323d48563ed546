package nexus.monitoring.runtime.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MonitoringException;
import nexus.monitoring.api.Tenants;
import nexus.monitoring.api.spi.MetricExporter;
import nexus.monitoring.runtime.MetricPipeline;
import nexus.monitoring.runtime.health.HealthReport;
import nexus.monitoring.runtime.ingest.JsonIngest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
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
 * The host's HTTP surface on an embedded Jetty: {@code /healthz}, the probes {@code /livez}, {@code
 * /readyz} and {@code /startupz}, {@code /health}, {@code /metrics}, ingest and queries.
 *
 * <p>Health endpoints answer from the runner's cached results, so their latency does not depend on
 * how slow the checks are.
 */
public final class HttpEndpoints implements AutoCloseable {
  /** Where applications push metrics as JSON. */
  public static final String INGEST_PATH = "/api/v1/metrics";

  /** Where aggregations over stored history are asked for. */
  public static final String QUERY_PATH = "/api/v1/query";

  /** Header naming the tenant a request acts for, until token authentication names it. */
  public static final String TENANT_HEADER = "X-Nexus-Tenant";

  private static final String JSON = "application/json";

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
    this(host, port, health, snapshots, exporters, healthJson, null, false);
  }

  /**
   * @param pipeline serves {@code POST /api/v1/metrics} and {@code GET /api/v1/query}; null for
   *     none
   * @param ingestEnabled whether pushed metrics are accepted
   */
  public HttpEndpoints(
      String host,
      int port,
      Supplier<HealthReport> health,
      Supplier<List<MetricSnapshot>> snapshots,
      List<MetricExporter> exporters,
      HealthJson healthJson,
      MetricPipeline pipeline,
      boolean ingestEnabled) {
    this(
        host,
        port,
        health,
        snapshots,
        exporters,
        healthJson,
        pipeline,
        ingestEnabled,
        HealthDetailsAccess.always());
  }

  /**
   * @param detailsAccess who sees messages and observed values in {@code /health}
   */
  public HttpEndpoints(
      String host,
      int port,
      Supplier<HealthReport> health,
      Supplier<List<MetricSnapshot>> snapshots,
      List<MetricExporter> exporters,
      HealthJson healthJson,
      MetricPipeline pipeline,
      boolean ingestEnabled,
      HealthDetailsAccess detailsAccess) {
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
    server.setHandler(
        new Routes(
            health,
            snapshots,
            List.copyOf(exporters),
            healthJson,
            pipeline,
            ingestEnabled,
            detailsAccess));
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
    private static final java.util.Set<String> KNOWN_PATHS =
        java.util.Set.of(
            "/",
            "/healthz",
            "/livez",
            "/readyz",
            "/startupz",
            "/health",
            "/metrics",
            INGEST_PATH,
            QUERY_PATH);

    private final Supplier<HealthReport> health;
    private final Supplier<List<MetricSnapshot>> snapshots;
    private final List<MetricExporter> exporters;
    private final HealthJson healthJson;
    private final MetricPipeline pipeline;
    private final boolean ingestEnabled;
    private final HealthDetailsAccess detailsAccess;

    Routes(
        Supplier<HealthReport> health,
        Supplier<List<MetricSnapshot>> snapshots,
        List<MetricExporter> exporters,
        HealthJson healthJson,
        MetricPipeline pipeline,
        boolean ingestEnabled,
        HealthDetailsAccess detailsAccess) {
      this.detailsAccess = detailsAccess;
      this.health = health;
      this.snapshots = snapshots;
      this.exporters = exporters;
      this.healthJson = healthJson;
      this.pipeline = pipeline;
      this.ingestEnabled = ingestEnabled;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String method = request.getMethod();
      String path = Request.getPathInContext(request);
      if (!KNOWN_PATHS.contains(path)
          || (pipeline == null && (path.equals(INGEST_PATH) || path.equals(QUERY_PATH)))) {
        send(response, callback, 404, "text/plain; charset=utf-8", "not found\n");
        return true;
      }
      if (path.equals(INGEST_PATH)) {
        ingest(request, response, callback);
        return true;
      }
      if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        send(response, callback, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return true;
      }
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
        case "/livez" -> probe(response, callback, "liveness", false);
        case "/readyz" -> probe(response, callback, "readiness", true);
        case "/startupz" -> probe(response, callback, "startup", true);
        case "/health" -> fullHealth(request, response, callback);
        case "/metrics" -> metrics(request, response, callback);
        case QUERY_PATH -> query(request, response, callback);
        case "/" ->
            send(
                response,
                callback,
                200,
                "text/plain; charset=utf-8",
                "Nexus Monitoring\n  /healthz  status only\n"
                    + "  /livez, /readyz, /startupz  probes of the liveness, readiness and"
                    + " startup groups\n"
                    + "  /health   every check (application/health+json; ?group=G for one"
                    + " group)\n  /metrics  metrics (Prometheus text)\n"
                    + "  POST /api/v1/metrics  push metrics as JSON\n"
                    + "  GET /api/v1/query     aggregate stored history\n");
        default -> send(response, callback, 404, "text/plain; charset=utf-8", "not found\n");
      }
      return true;
    }

    /**
     * A Kubernetes probe: the group's aggregate with the rules of {@code /healthz}. An empty group
     * passes. When {@code waitsForFirstRun}, a check that has not finished its first run makes it
     * fail, so no traffic arrives before the dependencies were seen once.
     */
    private void probe(
        Response response, Callback callback, String group, boolean waitsForFirstRun) {
      HealthReport report = health.get().group(group);
      boolean pending = waitsForFirstRun && report.anyPending();
      int status = pending ? 503 : report.status().httpStatus();
      String json = pending ? "fail" : report.status().healthJsonStatus();
      send(response, callback, status, HealthJson.MEDIA_TYPE, healthJson.probe(json, pending));
    }

    private void fullHealth(Request request, Response response, Callback callback) {
      HealthDetailsAccess.Decision decision =
          detailsAccess.decide(request.getHeaders().get(HttpHeader.AUTHORIZATION));
      if (decision == HealthDetailsAccess.Decision.REFUSED) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"nexus-health\"");
        send(
            response,
            callback,
            401,
            JSON,
            QueryJson.error(
                "the Authorization header does not carry the health details token; send none to"
                    + " see statuses only"));
        return;
      }
      HealthReport report = health.get();
      List<String> groups = null;
      for (org.eclipse.jetty.util.Fields.Field field : Request.extractQueryParameters(request)) {
        if (!field.getName().equals("group")) {
          send(
              response,
              callback,
              400,
              JSON,
              QueryJson.error("unknown query parameter '" + field.getName() + "'; expected group"));
          return;
        }
        groups = field.getValues();
      }
      if (groups != null) {
        String group = groups.get(0);
        if (!report.groups().contains(group)) {
          send(
              response,
              callback,
              404,
              JSON,
              QueryJson.error("no check is in group '" + group + "'; groups: " + report.groups()));
          return;
        }
        report = report.group(group);
      }
      send(
          response,
          callback,
          report.status().httpStatus(),
          HealthJson.MEDIA_TYPE,
          healthJson.full(report, decision == HealthDetailsAccess.Decision.DETAILS));
    }

    private void ingest(Request request, Response response, Callback callback) {
      if (!HttpMethod.POST.is(request.getMethod())) {
        response.getHeaders().put(HttpHeader.ALLOW, "POST");
        send(response, callback, 405, JSON, QueryJson.error("use POST to push metrics"));
        return;
      }
      if (!ingestEnabled) {
        send(response, callback, 403, JSON, QueryJson.error("ingest.http.enabled is false"));
        return;
      }
      String tenant = tenantOf(request, response, callback);
      if (tenant == null) {
        return;
      }
      long length = request.getLength();
      if (length > JsonIngest.DEFAULT_MAX_BODY_BYTES) {
        send(
            response,
            callback,
            413,
            JSON,
            QueryJson.error(
                "body of "
                    + length
                    + " bytes is over the limit of "
                    + JsonIngest.DEFAULT_MAX_BODY_BYTES));
        return;
      }
      JsonIngest.Result result;
      try (java.io.InputStream body = Content.Source.asInputStream(request)) {
        result = pipeline.ingest(body, tenant);
      } catch (java.io.IOException e) {
        send(response, callback, 400, JSON, QueryJson.error("body could not be read: " + e));
        return;
      }
      send(
          response,
          callback,
          result.status(),
          JsonIngest.MEDIA_TYPE,
          pipeline.responseBody(result));
    }

    private void query(Request request, Response response, Callback callback) {
      String tenant = tenantOf(request, response, callback);
      if (tenant == null) {
        return;
      }
      java.util.Map<String, List<String>> params = new java.util.LinkedHashMap<>();
      for (org.eclipse.jetty.util.Fields.Field field : Request.extractQueryParameters(request)) {
        params.put(field.getName(), field.getValues());
      }
      try {
        QueryRequest parsed = QueryRequest.parse(params, tenant, java.time.Clock.systemUTC());
        send(
            response,
            callback,
            200,
            JSON,
            QueryJson.render(pipeline.query(parsed.query(), parsed.aggregation())));
      } catch (QueryRequest.InvalidQueryException | MonitoringException e) {
        send(response, callback, 400, JSON, QueryJson.error(e.getMessage()));
      } catch (RuntimeException e) {
        LOG.warn("Query of {} failed: {}", params.get("metric"), e.toString());
        send(response, callback, 500, JSON, QueryJson.error("query failed: " + e));
      }
    }

    /**
     * The tenant the request acts for: the {@value #TENANT_HEADER} header, else the default tenant.
     * Writes a 400 and returns null when the header is not a tenant identifier.
     */
    private static String tenantOf(Request request, Response response, Callback callback) {
      String header = request.getHeaders().get(TENANT_HEADER);
      if (header == null || header.isBlank()) {
        return Tenants.DEFAULT;
      }
      try {
        return Tenants.requireValid(header.trim());
      } catch (MonitoringException e) {
        send(response, callback, 400, JSON, QueryJson.error(TENANT_HEADER + ": " + e.getMessage()));
        return null;
      }
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
