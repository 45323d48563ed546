package nexus.monitoring.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.spi.HealthCheck;
import nexus.monitoring.runtime.config.HostConfig.DetailsVisibility;
import nexus.monitoring.runtime.health.CheckInstance;
import nexus.monitoring.runtime.health.HealthCheckRunner;
import nexus.monitoring.runtime.health.HealthReport;
import nexus.monitoring.runtime.metrics.HostMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probes, groups and details visibility, served from a real runner. */
final class HealthProbesTest {
  private static final String TOKEN = "0123456789abcdef-token";

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService background = Executors.newSingleThreadExecutor();

  @AfterEach
  void close() throws Exception {
    release.countDown();
    background.shutdownNow();
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private record Answer(int status, String body) {
    JsonNode json() throws IOException {
      return new ObjectMapper().readTree(body);
    }
  }

  private static CheckInstance check(String name, HealthCheck check, String... groups) {
    return new CheckInstance(
        name,
        "test",
        "test-plugin",
        check,
        Duration.ofMinutes(1),
        Duration.ofSeconds(30),
        Duration.ZERO,
        Duration.ZERO,
        true,
        Set.of(groups));
  }

  private HealthCheckRunner runner(CheckInstance... checks) {
    HealthCheckRunner runner =
        new HealthCheckRunner(List.of(checks), new HostMetrics(), Clock.systemUTC());
    closeables.add(runner);
    return runner;
  }

  private int serve(HealthCheckRunner runner, HealthDetailsAccess access) throws Exception {
    HttpEndpoints http =
        new HttpEndpoints(
            "127.0.0.1",
            0,
            runner::report,
            List::of,
            List.of(),
            new HealthJson("1.0.0"),
            null,
            false,
            access);
    closeables.add(http);
    http.start();
    return http.port();
  }

  private static Answer get(int port, String path, String authorization) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
    if (authorization != null) {
      connection.setRequestProperty("Authorization", authorization);
    }
    int status = connection.getResponseCode();
    var stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    return new Answer(
        status, stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8));
  }

  private static HealthCheck fixed(HealthCheckResult result) {
    return () -> result;
  }

  @Test
  void probes_serveTheirGroups_withTheRulesOfHealthz() throws Exception {
    HealthCheckRunner runner =
        runner(
            check("process", fixed(HealthCheckResult.healthy("up")), "liveness"),
            check("db", fixed(HealthCheckResult.critical("refused")), "readiness"),
            check("cache", fixed(HealthCheckResult.warning("slow")), "readiness", "startup"));
    int port = serve(runner, HealthDetailsAccess.always());
    runner.runOnce();

    Answer live = get(port, "/livez", null);
    Answer ready = get(port, "/readyz", null);
    Answer startup = get(port, "/startupz", null);

    assertThat(live.status()).isEqualTo(200);
    assertThat(live.body().replaceAll("\\s", "")).isEqualTo("{\"status\":\"pass\"}");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.body().replaceAll("\\s", "")).isEqualTo("{\"status\":\"fail\"}");
    assertThat(startup.status()).isEqualTo(200);
    assertThat(startup.body()).contains("warn").doesNotContain("slow");
  }

  @Test
  void emptyGroup_answers200() throws Exception {
    HealthCheckRunner runner =
        runner(check("db", fixed(HealthCheckResult.critical("refused")), "readiness"));
    int port = serve(runner, HealthDetailsAccess.always());
    runner.runOnce();

    assertThat(get(port, "/livez", null).status()).isEqualTo(200);
    assertThat(get(port, "/startupz", null).status()).isEqualTo(200);
  }

  @Test
  void beforeTheFirstRun_readyzAndStartupzArePending503_butLivezIs200() throws Exception {
    HealthCheck blocked =
        () -> {
          release.await();
          return HealthCheckResult.healthy("");
        };
    HealthCheckRunner runner = runner(check("slow", blocked, "liveness", "readiness", "startup"));
    int port = serve(runner, HealthDetailsAccess.always());

    Answer ready = get(port, "/readyz", null);

    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().get("output").asText()).isEqualTo("pending");
    assertThat(get(port, "/startupz", null).status()).isEqualTo(503);
    assertThat(get(port, "/livez", null).status()).isEqualTo(200);
  }

  @Test
  void healthz_answersFromCachedResults_whileACheckIsStillRunning() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    HealthCheck slow =
        () -> {
          started.countDown();
          release.await();
          return HealthCheckResult.healthy("finally");
        };
    HealthCheckRunner runner = runner(check("slow", slow, "readiness"));
    int port = serve(runner, HealthDetailsAccess.always());
    Future<HealthReport> pass =
        background.submit((java.util.concurrent.Callable<HealthReport>) runner::runOnce);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    Answer healthz = get(port, "/healthz", null);
    Answer health = get(port, "/health", null);

    assertThat(pass.isDone()).as("the slow check is still running").isFalse();
    assertThat(healthz.status()).isEqualTo(200);
    assertThat(health.json().get("checks").get("slow").get(0).get("nexus:pending").asBoolean())
        .isTrue();
    release.countDown();
    assertThat(pass.get(10, TimeUnit.SECONDS).entries().get(0).result().message())
        .isEqualTo("finally");
  }

  @Test
  void health_showsHistoryGroupsAndFlags() throws Exception {
    HealthCheckRunner runner =
        runner(
            check(
                "db",
                fixed(HealthCheckResult.healthy("ok").withDetail("connect.seconds", 0.004)),
                "readiness"));
    int port = serve(runner, HealthDetailsAccess.always());
    runner.runOnce();
    runner.runOnce();

    JsonNode db = get(port, "/health", null).json().get("checks").get("db").get(0);

    assertThat(db.get("output").asText()).isEqualTo("ok");
    assertThat(db.get("details").get("connect.seconds").asDouble()).isEqualTo(0.004);
    assertThat(db.get("nexus:history")).hasSize(2);
    assertThat(db.get("nexus:history").get(1).get("status").asText()).isEqualTo("HEALTHY");
    assertThat(db.get("nexus:groups").get(0).asText()).isEqualTo("readiness");
    assertThat(db.get("nexus:stale").asBoolean()).isFalse();
    assertThat(db.get("nexus:flapping").asBoolean()).isFalse();
  }

  @Test
  void healthGroupParameter_showsThatGroup_andAnUnknownGroupIs404ListingTheGroups()
      throws Exception {
    HealthCheckRunner runner =
        runner(
            check("process", fixed(HealthCheckResult.healthy("up")), "liveness"),
            check("db", fixed(HealthCheckResult.critical("refused")), "readiness"));
    int port = serve(runner, HealthDetailsAccess.always());
    runner.runOnce();

    Answer liveness = get(port, "/health?group=liveness", null);
    Answer unknown = get(port, "/health?group=nope", null);

    assertThat(liveness.status()).isEqualTo(200);
    assertThat(liveness.json().get("checks").has("db")).isFalse();
    assertThat(liveness.json().get("checks").has("process")).isTrue();
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body())
        .contains("no check is in group 'nope'; groups: [liveness, readiness]");
  }

  @Test
  void detailsAuthorized_showsDetailsOnlyWithTheToken() throws Exception {
    HealthCheckRunner runner =
        runner(
            check(
                "db",
                fixed(HealthCheckResult.warning("pool at 90%").withDetail("pool.ratio", 0.9)),
                "readiness"));
    int port = serve(runner, new HealthDetailsAccess(DetailsVisibility.AUTHORIZED, TOKEN));
    runner.runOnce();

    Answer anonymous = get(port, "/health", null);
    Answer authorized = get(port, "/health", "Bearer " + TOKEN);
    Answer wrong = get(port, "/health", "Bearer " + TOKEN + "x");

    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.body()).contains("\"db\"").doesNotContain("pool");
    assertThat(anonymous.json().get("checks").get("db").get(0).get("status").asText())
        .isEqualTo("warn");
    assertThat(authorized.body()).contains("pool at 90%").contains("pool.ratio");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain("pool");
  }

  @Test
  void detailsNever_hidesThemEvenWithAToken() throws Exception {
    HealthCheckRunner runner =
        runner(check("db", fixed(HealthCheckResult.warning("pool at 90%")), "readiness"));
    int port = serve(runner, new HealthDetailsAccess(DetailsVisibility.NEVER, null));
    runner.runOnce();

    assertThat(get(port, "/health", "Bearer " + TOKEN).body()).doesNotContain("pool");
  }
}
