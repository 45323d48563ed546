package nexus.monitoring.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics through the launched host: pushed over HTTP and StatsD, kept by the embedded storage
 * across SIGKILL, read back with the query API and the {@code query} command.
 */
final class TelemetryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LIMIT = Duration.ofSeconds(20);

  @TempDir Path directory;

  private Distribution distribution;
  private Map<String, String> environment;
  private int statsdPort;

  @BeforeEach
  void setUp() throws IOException {
    distribution = Distribution.copyTo(directory);
    statsdPort = Distribution.freeLoopbackUdpPort();
    environment =
        Map.of("NEXUS_METRICS_STEP", "1s", "NEXUS_STATSD_PORT", Integer.toString(statsdPort));
  }

  private static double sum(LaunchedHost host, String metric, String extra)
      throws IOException, InterruptedException {
    JsonNode result = query(host, metric, "sum", extra);
    JsonNode series = result.path("series");
    double total = 0;
    for (JsonNode s : series) {
      for (JsonNode p : s.path("points")) {
        total += p.path("v").asDouble();
      }
    }
    return total;
  }

  private static JsonNode query(LaunchedHost host, String metric, String function, String extra)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        host.get(
            "/api/v1/query?metric="
                + URLEncoder.encode(metric, StandardCharsets.UTF_8)
                + "&function="
                + function
                + "&from=now-1h"
                + extra);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private void sendStatsd(String datagram) throws IOException {
    byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(
          new DatagramPacket(
              bytes, bytes.length, InetAddress.getByName(LaunchedHost.LOOPBACK), statsdPort));
    }
  }

  private static void awaitSum(LaunchedHost host, String metric, double expected)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    double last = Double.NaN;
    while (System.nanoTime() < deadline) {
      last = sum(host, metric, "");
      if (last == expected) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(last).as("sum of %s in storage%n%s", metric, host.describe()).isEqualTo(expected);
  }

  @Test
  void acknowledgedHttpPush_survivesSigkill() throws Exception {
    LaunchedHost host = distribution.start(environment);
    try {
      HttpResponse<String> pushed =
          host.postJson(
              "/api/v1/metrics",
              "[{\"name\":\"orders\",\"type\":\"counter\",\"value\":3,"
                  + "\"tags\":{\"region\":\"eu\"}},"
                  + "{\"name\":\"orders\",\"type\":\"counter\",\"value\":4,"
                  + "\"tags\":{\"region\":\"us\"}},"
                  + "{\"name\":\"orders\",\"type\":\"counter\",\"value\":-1}]");
      assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
      assertThat(JSON.readTree(pushed.body()).path("accepted").asInt()).isEqualTo(2);
      assertThat(JSON.readTree(pushed.body()).path("rejected").get(0).path("index").asInt())
          .isEqualTo(2);
      host.kill();
    } finally {
      host.close();
    }

    LaunchedHost restarted = distribution.start(environment);
    try {
      assertThat(sum(restarted, "orders", "")).isEqualTo(7.0);
      JsonNode grouped = query(restarted, "orders", "sum", "&group-by=region");
      assertThat(grouped.path("series")).hasSize(2);
    } finally {
      restarted.close();
    }
  }

  @Test
  void statsdLines_flushedToStorage_surviveSigkill_andTheQueryCommandReadsThem() throws Exception {
    LaunchedHost host = distribution.start(environment);
    try {
      sendStatsd(
          "page.views:1|c|#page:home\npage.views:2|c|#page:home\nnot a line\nreq.time:120|ms\n");
      // Lines of one datagram may straddle a step boundary; wait until both steps are stored.
      awaitSum(host, "page.views", 3.0);
      awaitSum(host, "req.time", 0.12);
      host.kill();
    } finally {
      host.close();
    }

    CommandResult p95 =
        distribution.execute(
            LIMIT, "query", "--metric", "req.time", "--function", "p95", "--from", "now-1h");
    assertThat(p95.exitCode()).as(p95.describe()).isZero();
    String value =
        p95.stdout()
            .lines()
            .skip(1)
            .findFirst()
            .orElseThrow(() -> new AssertionError(p95.describe()))
            .trim();
    double seconds = Double.parseDouble(value.substring(value.lastIndexOf(' ') + 1));
    assertThat(seconds).isBetween(0.12 * 0.99, 0.12 * 1.01);

    LaunchedHost restarted = distribution.start(environment);
    try {
      assertThat(sum(restarted, "page.views", "&tag=page:home")).isEqualTo(3.0);
      String metrics = restarted.get("/metrics").body();
      assertThat(metrics).contains("statsd_lines_rejected_total");
    } finally {
      restarted.close();
    }
  }

  @Test
  void badQuery_isA400NamingTheParameter() throws Exception {
    LaunchedHost host = distribution.start(environment);
    try {
      HttpResponse<String> response = host.get("/api/v1/query?metric=orders&function=median");
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).path("error").asText())
          .startsWith("parameter 'function' is 'median'; expected one of avg");
    } finally {
      host.close();
    }
  }
}
