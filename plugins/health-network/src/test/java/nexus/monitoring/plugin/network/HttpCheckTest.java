package nexus.monitoring.plugin.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.RequiredServers;
import nexus.monitoring.testkit.RunningCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class HttpCheckTest {
  private LocalHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server =
        LocalHttpServer.http()
            .answer("/health", 200, "{\"status\":\"UP\",\"version\":\"4.2.1\"}")
            .answer("/down", 503, "maintenance")
            .handle(
                "/slow",
                exchange -> {
                  try {
                    Thread.sleep(400);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  LocalHttpServer.reply(exchange, 200, "late but fine");
                })
            .handle(
                "/moved",
                exchange -> {
                  exchange.getResponseHeaders().set("Location", "/health");
                  LocalHttpServer.reply(exchange, 302, "");
                })
            .answer("/big", 200, "x".repeat(100_000) + "NEEDLE")
            .handle(
                "/hang",
                exchange -> {
                  try {
                    Thread.sleep(60_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  exchange.close();
                });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static HttpCheck check(Object... keysAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    MapPluginSettings settings = MapPluginSettings.of("web", values);
    HttpCheck check = new HttpCheck(settings);
    assertThat(settings.unreadKeys()).isEmpty();
    return check;
  }

  @Test
  void check_expectedStatusAndBody_isHealthyWithResponseDetails() throws Exception {
    HealthCheckResult result =
        check("url", server.url("/health"), "body-contains", "\"UP\"", "body-matches", "4\\.\\d+")
            .check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.message()).startsWith("GET " + server.url("/health") + " answered 200 in ");
    assertThat(result.details()).containsEntry("response.status", 200);
    assertThat((double) result.details().get("response.seconds")).isPositive();
    assertThat(result.details()).doesNotContainKey("tls.certificate.days");
  }

  @Test
  void check_unexpectedStatus_isCritical() throws Exception {
    HealthCheckResult result = check("url", server.url("/down")).check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .endsWith("answered 503 in " + seconds(result) + "; status 503 is not one of 200-399");
    assertThat(result.details()).containsEntry("response.status", 503);
  }

  @Test
  void check_statusInConfiguredList_isHealthy() throws Exception {
    HealthCheckResult result =
        check("url", server.url("/down"), "expected-status", List.of("2xx", "500-503")).check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void check_bodyWithoutText_isCritical() throws Exception {
    HealthCheckResult result =
        check("url", server.url("/health"), "body-contains", "\"DOWN\"").check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).endsWith("; body does not contain '\"DOWN\"'");
  }

  @Test
  void check_bodyNotMatchingPattern_isCritical() throws Exception {
    HealthCheckResult result =
        check("url", server.url("/health"), "body-matches", "\"version\":\"5\\.").check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).contains("body does not match /\"version\":\"5\\./");
  }

  @Test
  void check_textPastMaxBody_isNotSeen() throws Exception {
    HealthCheckResult capped =
        check("url", server.url("/big"), "body-contains", "NEEDLE", "max-body", "10KiB").check();
    HealthCheckResult whole =
        check("url", server.url("/big"), "body-contains", "NEEDLE", "max-body", "1MiB").check();

    assertThat(capped.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(capped.message()).contains("(first 10240 bytes read)");
    assertThat(whole.status()).as(whole.message()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void check_slowResponse_isWarningPastWarningLatency() throws Exception {
    HealthCheckResult result =
        check("url", server.url("/slow"), "warning-latency", "100ms", "critical-latency", "1h")
            .check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.WARNING);
    assertThat((double) result.details().get("response.seconds")).isGreaterThanOrEqualTo(0.4);
    assertThat(result.message())
        .containsPattern(
            "response time \\d+\\.\\d{3}s is above the" + " warning threshold 0\\.100s");
  }

  @Test
  void check_interruptedWhileWaitingForAnswer_stopsWithInterruptedException() throws Exception {
    HttpCheck check = check("url", server.url("/hang"), "response-timeout", "1h");

    RunningCheck running = RunningCheck.start(check);
    Thread.sleep(500);
    Throwable thrown = running.interrupt(java.time.Duration.ofSeconds(10));

    assertThat(thrown).isInstanceOf(InterruptedException.class);
  }

  @Test
  void check_noAnswerWithinResponseTimeout_isCriticalSayingSo() throws Exception {
    HealthCheckResult result =
        check("url", server.url("/hang"), "response-timeout", "300ms").check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .isEqualTo(
            "GET " + server.url("/hang") + " failed: no response within response-timeout (300ms)");
  }

  @Test
  void check_connectionRefused_isCriticalNamingTheUrl() throws Exception {
    String url = "http://127.0.0.1:" + RequiredServers.closedPort() + "/health";

    HealthCheckResult result = check("url", url).check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).isEqualTo("GET " + url + " failed: connection refused");
    assertThat(result.details()).containsKey("response.seconds");
  }

  @Test
  void check_redirect_judgedAsIsUnlessFollowed() throws Exception {
    HealthCheckResult asIs = check("url", server.url("/moved"), "expected-status", "200").check();
    HealthCheckResult followed =
        check(
                "url",
                server.url("/moved"),
                "expected-status",
                "200",
                "follow-redirects",
                true,
                "body-contains",
                "UP")
            .check();

    assertThat(asIs.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(asIs.details()).containsEntry("response.status", 302);
    assertThat(followed.status()).as(followed.message()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(followed.details()).containsEntry("response.url", server.url("/health"));
  }

  @Test
  void check_head_sendsHeadAndConfiguredHeaders() throws Exception {
    HealthCheckResult result =
        check(
                "url", server.url("/health"),
                "method", "HEAD",
                "headers", List.of("X-Probe: nexus", "Accept: text/plain"))
            .check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.message()).startsWith("HEAD ");
    assertThat(server.seenHeaders).contains("X-probe: nexus", "Accept: text/plain");
  }

  @Test
  void check_passwordAndTokenInUrl_sentButNeverShown() throws Exception {
    String url = "http://monitor:pa55word@127.0.0.1:" + server.port() + "/down?token=t0k3n&x=1";

    HealthCheckResult result = check("url", url).check();

    String expectedAuth =
        "Basic " + Base64.getEncoder().encodeToString("monitor:pa55word".getBytes());
    assertThat(server.seenHeaders).contains("Authorization: " + expectedAuth);
    assertThat(result.message())
        .contains("http://monitor:****@127.0.0.1:" + server.port() + "/down?token=****&x=1")
        .doesNotContain("pa55word")
        .doesNotContain("t0k3n");
    assertThat(result.details().values().toString()).doesNotContain("pa55word", "t0k3n");
  }

  @Test
  void check_passwordInUnreachableUrl_maskedInFailure() throws Exception {
    String url =
        "http://monitor:pa55word@127.0.0.1:" + RequiredServers.closedPort() + "/?api_key=k3y";

    HealthCheckResult result = check("url", url).check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).doesNotContain("pa55word").doesNotContain("k3y").contains("****");
  }

  @Test
  void settings_urlMissingOrNotHttp_rejectedNamingKey() {
    assertThatThrownBy(() -> check())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'url' is absent");
    assertThatThrownBy(() -> check("url", "ftp://127.0.0.1/"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'url' is 'ftp://127.0.0.1/'; expected an http:// or https:// URL");
  }

  @Test
  void settings_badValues_rejectedNamingKeyAndExpectation() {
    String url = server.url("/health");
    assertThatThrownBy(() -> check("url", url, "method", "POST"))
        .hasMessageContaining("'method' is 'POST'; expected GET or HEAD");
    assertThatThrownBy(() -> check("url", url, "expected-status", "200-2x9"))
        .hasMessageContaining("'expected-status'")
        .hasMessageContaining("not '200-2x9'");
    assertThatThrownBy(() -> check("url", url, "body-matches", "(unclosed"))
        .hasMessageContaining("'body-matches' is '(unclosed'; expected a Java regular expression");
    assertThatThrownBy(() -> check("url", url, "method", "HEAD", "body-contains", "x"))
        .hasMessageContaining("'method' is 'HEAD'; expected GET, since body-contains");
    assertThatThrownBy(() -> check("url", url, "headers", List.of("Host: elsewhere")))
        .hasMessageContaining("'Host' is not one");
    assertThatThrownBy(
            () ->
                check(
                    "url",
                    url,
                    "headers",
                    List.of("Accept: text/plain", "Authorization Bearer Hdr5ecretTok")))
        .hasMessageContaining("'Name: value'")
        .hasMessageContaining("entry 2 (starting 'Authorization') has no ':' after a header name")
        .message()
        .doesNotContain("Hdr5ecretTok");
    assertThatThrownBy(() -> check("url", url, "warning-latency", "2s", "critical-latency", "1s"))
        .hasMessageContaining("'warning-latency' is '2s'");
    assertThatThrownBy(
            () ->
                check(
                    "url", url, "warning-certificate-days", "3", "critical-certificate-days", "7"))
        .hasMessageContaining("'warning-certificate-days' is '3'");
  }

  private static String seconds(HealthCheckResult result) {
    return String.format(java.util.Locale.ROOT, "%.3fs", result.details().get("response.seconds"));
  }
}
