package nexus.monitoring.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nexus.monitoring.api.ExportFormat;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.spi.MetricExporter;
import nexus.monitoring.runtime.health.HealthReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class HttpEndpointsTest {
  private final List<HttpEndpoints> servers = new ArrayList<>();
  private volatile HealthReport report = report(HealthStatus.HEALTHY);

  @AfterEach
  void stop() {
    servers.forEach(HttpEndpoints::close);
  }

  private static HealthReport report(HealthStatus status) {
    HealthCheckResult result =
        HealthCheckResult.of(status, "disk at 42%")
            .withDetail("free.ratio", 0.58)
            .measured(Duration.ofMillis(3), Instant.parse("2026-12-04T10:00:00Z"));
    HealthReport.Entry entry =
        new HealthReport.Entry(
            "root-disk", "disk-space", true, Set.of("readiness"), result, result.timestamp());
    return new HealthReport(status, List.of(entry));
  }

  /** Writes one line naming itself, so the test can see which exporter served. */
  private record NamedExporter(ExportFormat format) implements MetricExporter {
    @Override
    public void export(List<MetricSnapshot> snapshots, OutputStream out) throws IOException {
      out.write((format.name() + " " + snapshots.size() + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static final class BrokenExporter implements MetricExporter {
    @Override
    public ExportFormat format() {
      return ExportFormat.PROMETHEUS_TEXT;
    }

    @Override
    public void export(List<MetricSnapshot> snapshots, OutputStream out) {
      throw new NoSuchMethodError("plugin built against another API");
    }
  }

  private int start(List<MetricExporter> exporters) throws Exception {
    List<MetricSnapshot> snapshots =
        List.of(MetricSnapshot.of("up", MetricType.GAUGE, "up", "", List.of(), 1));
    HttpEndpoints server =
        new HttpEndpoints(
            "127.0.0.1", 0, () -> report, () -> snapshots, exporters, new HealthJson("1.2.3"));
    servers.add(server);
    server.start();
    return server.port();
  }

  /** Status, headers and body of one loopback request. */
  private record Answer(int statusCode, Map<String, List<String>> headers, String body) {
    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> name.equalsIgnoreCase(e.getKey()))
          .map(e -> e.getValue().get(0))
          .findFirst();
    }
  }

  private static Answer request(int port, String method, String path, String accept)
      throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
    connection.setRequestMethod(method);
    if (accept != null) {
      connection.setRequestProperty("Accept", accept);
    }
    int status = connection.getResponseCode();
    var stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    String body = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    return new Answer(status, connection.getHeaderFields(), body);
  }

  private static Answer get(int port, String path, String accept) throws IOException {
    return request(port, "GET", path, accept);
  }

  @Test
  void healthz_showsStatusOnly_with200WhileHealthy() throws Exception {
    int port = start(List.of());

    Answer response = get(port, "/healthz", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.header("Content-Type")).hasValue(HealthJson.MEDIA_TYPE);
    assertThat(response.body().replaceAll("\\s", "")).isEqualTo("{\"status\":\"pass\"}");
  }

  @Test
  void healthz_is503WhenCritical_andStillHidesDetails() throws Exception {
    int port = start(List.of());
    report = report(HealthStatus.CRITICAL);

    Answer response = get(port, "/healthz", null);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).doesNotContain("root-disk").contains("fail");
  }

  @Test
  void health_listsEveryCheckInHealthJson() throws Exception {
    int port = start(List.of());
    report = report(HealthStatus.WARNING);

    Answer response = get(port, "/health", null);

    assertThat(response.statusCode()).isEqualTo(200);
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    assertThat(json.get("status").asText()).isEqualTo("warn");
    assertThat(json.get("releaseId").asText()).isEqualTo("1.2.3");
    var check = json.get("checks").get("root-disk").get(0);
    assertThat(check.get("componentType").asText()).isEqualTo("disk-space");
    assertThat(check.get("status").asText()).isEqualTo("warn");
    assertThat(check.get("output").asText()).isEqualTo("disk at 42%");
    assertThat(check.get("time").asText()).isEqualTo("2026-12-04T10:00:00Z");
    assertThat(check.get("nexus:status").asText()).isEqualTo("WARNING");
    assertThat(check.get("details").get("free.ratio").asDouble()).isEqualTo(0.58);
  }

  @Test
  void metrics_negotiatesTheExporterByAcceptHeader() throws Exception {
    int port =
        start(
            List.of(
                new NamedExporter(ExportFormat.PROMETHEUS_TEXT),
                new NamedExporter(ExportFormat.OPENMETRICS_TEXT)));

    Answer plain = get(port, "/metrics", null);
    Answer open =
        get(
            port,
            "/metrics",
            "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;q=0.5,*/*;q=0.1");

    assertThat(plain.body()).isEqualTo("prometheus 1\n");
    assertThat(plain.header("Content-Type")).hasValue(ExportFormat.PROMETHEUS_TEXT.contentType());
    assertThat(open.body()).isEqualTo("openmetrics 1\n");
  }

  @Test
  void metrics_withoutExporter_saysWhichPluginToInstall() throws Exception {
    int port = start(List.of());

    Answer response = get(port, "/metrics", null);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("exporter-prometheus");
  }

  @Test
  void metrics_whenExporterFails_answers500AndKeepsServing() throws Exception {
    int port = start(List.of(new BrokenExporter()));

    assertThat(get(port, "/metrics", null).statusCode()).isEqualTo(500);
    assertThat(get(port, "/healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPathAndMethod_areRejected() throws Exception {
    int port = start(List.of());

    assertThat(get(port, "/nope", null).statusCode()).isEqualTo(404);
    Answer post = request(port, "POST", "/healthz", null);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.header("Allow")).hasValue("GET, HEAD");
  }
}
