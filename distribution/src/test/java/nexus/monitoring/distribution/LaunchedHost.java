package nexus.monitoring.distribution;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A host started with {@code bin/nexus-monitoring run}: its process, its port, its output, and an
 * HTTP client that talks to it on the loopback address only.
 *
 * <p>{@link #close} always ends the process: SIGTERM first, then a forced kill if it lingers.
 */
final class LaunchedHost implements AutoCloseable {
  static final String LOOPBACK = "127.0.0.1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(50);

  private final Process process;
  private final int port;
  private final Path stdout;
  private final Path stderr;
  private final HttpClient http =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  LaunchedHost(Process process, int port, Path stdout, Path stderr) {
    this.process = process;
    this.port = port;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  int port() {
    return port;
  }

  Process process() {
    return process;
  }

  /** Waits until {@code /healthz} answers at all, failing early if the process exits. */
  void awaitServing(Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail(
            "the host exited with %d before serving on port %d%n%s",
            process.exitValue(), port, describe());
      }
      try {
        get("/healthz");
        return;
      } catch (IOException e) {
        last = e;
        Thread.sleep(POLL.toMillis());
      }
    }
    fail(
        "the host did not answer on %s:%d within %s (last error: %s)%n%s",
        LOOPBACK, port, limit, last, describe());
  }

  /** GET {@code path} on the host. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + port + path))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs {@code json} to {@code path}. */
  HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(java.net.URI.create("http://" + LOOPBACK + ":" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Sends SIGKILL: no shutdown hook, no final flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** {@code /health} parsed. */
  JsonNode health() throws IOException, InterruptedException {
    return JSON.readTree(get("/health").body());
  }

  /**
   * Polls {@code /health} until {@code condition} holds for its JSON, and returns that JSON.
   *
   * @param what the condition in words, for the failure message
   */
  JsonNode awaitHealth(String what, Duration limit, Predicate<JsonNode> condition)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    JsonNode last = null;
    do {
      last = health();
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(POLL.toMillis());
    } while (System.nanoTime() < deadline && process.isAlive());
    return fail(
        "/health did not show %s within %s; last:%n%s%n%s",
        what, limit, last == null ? "(none)" : last.toPrettyString(), describe());
  }

  /** Everything the host wrote to standard error so far: its log. */
  String log() throws IOException {
    return Distribution.read(stderr);
  }

  /** The log's lines at {@code level} (INFO, WARN, ERROR). */
  List<String> logLines(String level) throws IOException {
    String marker = " " + level + " ";
    return log().lines().filter(line -> line.contains(marker)).toList();
  }

  /**
   * Sends SIGTERM and waits for the process to exit.
   *
   * @return whether it exited within {@code limit}
   */
  boolean terminate(Duration limit) throws InterruptedException {
    process.destroy();
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** For assertion messages: the port, the process state and both outputs. */
  String describe() {
    StringBuilder out = new StringBuilder();
    out.append("host on port ").append(port).append(", ");
    out.append(process.isAlive() ? "running" : "exited with " + process.exitValue());
    try {
      out.append("\n--- stdout ---\n").append(Distribution.read(stdout));
      out.append("--- stderr ---\n").append(Distribution.read(stderr));
    } catch (IOException e) {
      out.append("\n(output unreadable: ").append(e).append(')');
    }
    return out.toString();
  }

  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
