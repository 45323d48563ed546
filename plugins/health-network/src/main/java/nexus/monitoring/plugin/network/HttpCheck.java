package nexus.monitoring.plugin.network;

import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.SecretMask;
import nexus.monitoring.api.spi.AbstractHealthCheck;
import nexus.monitoring.api.spi.HealthThreshold;
import nexus.monitoring.api.spi.Observations;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * Health check type {@code http}: requests a URL and judges the answer's status code, body,
 * response time and, over HTTPS, how many days the server's certificate has left.
 *
 * <p>Settings (see docs/checks/health-network.md for the full table):
 *
 * <ul>
 *   <li>{@code url} — required; {@code http://} or {@code https://}; a password in it is sent as
 *       basic authentication and masked in every message
 *   <li>{@code method} — {@code GET} (default) or {@code HEAD}
 *   <li>{@code expected-status} — codes, ranges and classes such as {@code [200-299, 304]} or
 *       {@code 2xx}; default {@code 200-399}
 *   <li>{@code body-contains}, {@code body-matches} — text, or a regular expression found anywhere,
 *       in the first {@code max-body} bytes (default {@code 64KiB})
 *   <li>{@code headers} — a list of {@code Name: value} request headers
 *   <li>{@code follow-redirects} — default {@code false}
 *   <li>{@code connect-timeout} (default {@code 3s}), {@code response-timeout} (default {@code
 *       5s}); together below the host's default check timeout of 10s, so that a slow server is
 *       reported with its reason rather than as a timed-out run
 *   <li>{@code warning-latency}, {@code critical-latency} — limits on the response time
 *   <li>{@code warning-certificate-days} (default 30), {@code critical-certificate-days} (default
 *       7)
 *   <li>{@code insecure} — accept any certificate and host name; default {@code false}
 *   <li>{@code trust-store}, {@code trust-store-password} — a PKCS12 or JKS file of trusted
 *       certificates instead of the JDK's
 * </ul>
 *
 * <p>Details: {@code response.status}, {@code response.seconds}, and over HTTPS {@code
 * tls.certificate.days}, {@code tls.certificate.subject}, {@code tls.certificate.expiry}.
 */
final class HttpCheck extends AbstractHealthCheck {
  private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+):\\s*(.*)");
  private static final Pattern CHARSET =
      Pattern.compile("charset=\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);
  private static final long SECONDS_PER_DAY = 86_400;

  private final URI target;
  private final String shownUrl;
  private final String method;
  private final StatusCodes expectedStatus;
  private final Optional<String> bodyContains;
  private final Optional<Pattern> bodyMatches;
  private final int maxBody;
  private final Map<String, String> headers;
  private final boolean followRedirects;
  private final Duration connectTimeout;
  private final Duration responseTimeout;
  private final HealthThreshold latency;
  private final HealthThreshold certificateDays;
  private final SSLContext tls;

  @Inject
  HttpCheck(PluginSettings settings) {
    URI url = readUrl(settings);
    this.shownUrl = SecretMask.uris(url.toString());
    this.method = readMethod(settings);
    this.expectedStatus = readExpectedStatus(settings);
    this.bodyContains = settings.string("body-contains");
    this.bodyMatches = readPattern(settings);
    long maxBody = settings.bytes("max-body", 64 * 1024);
    if (maxBody < 1 || maxBody > 16 * 1024 * 1024) {
      throw settings.invalid("max-body", "a size from 1B to 16MiB");
    }
    this.maxBody = (int) maxBody;
    if (method.equals("HEAD") && (bodyContains.isPresent() || bodyMatches.isPresent())) {
      throw settings.invalid(
          "method", "GET, since body-contains or body-matches needs a body to read");
    }
    this.followRedirects = settings.bool("follow-redirects", false);
    this.connectTimeout = positive(settings, "connect-timeout", Duration.ofSeconds(3));
    this.responseTimeout = positive(settings, "response-timeout", Duration.ofSeconds(5));
    this.latency =
        HealthThreshold.durationAbove(settings, "warning-latency", null, "critical-latency", null);
    this.certificateDays =
        HealthThreshold.below(
            settings, "warning-certificate-days", 30, "critical-certificate-days", 7);
    this.tls = TlsTrust.read(settings);

    Map<String, String> headers = readHeaders(settings, url);
    // HttpClient ignores user info, so a password in the URL travels as basic authentication.
    if (url.getRawUserInfo() != null) {
      if (!headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Authorization"))) {
        headers.put(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(url.getUserInfo().getBytes(StandardCharsets.UTF_8)));
      }
      url = withoutUserInfo(url);
    }
    this.headers = Map.copyOf(headers);
    this.target = url;
  }

  @Override
  protected HealthCheckResult probe(Observations observed) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(responseTimeout)
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(
                followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
            .sslContext(tls)
            .build();
    try {
      Answer answer = observed.time("response.seconds", () -> exchange(client, request.build()));
      return judge(answer, (double) observed.get("response.seconds"), observed);
    } finally {
      // A fresh client per run: every run measures a new connection and sees the certificate.
      client.shutdownNow();
    }
  }

  private Answer exchange(HttpClient client, HttpRequest request)
      throws IOException, InterruptedException {
    if (method.equals("HEAD")) {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      return new Answer(response.statusCode(), "", false, response.sslSession(), response.uri());
    }
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    boolean wanted = bodyContains.isPresent() || bodyMatches.isPresent();
    String body = "";
    boolean cut = false;
    try (InputStream stream = response.body()) {
      if (wanted) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while (kept.size() < maxBody
            && (read = stream.read(buffer, 0, Math.min(buffer.length, maxBody - kept.size())))
                >= 0) {
          kept.write(buffer, 0, read);
        }
        cut = kept.size() >= maxBody && stream.read() >= 0;
        body = kept.toString(charsetOf(response));
      }
    }
    return new Answer(response.statusCode(), body, cut, response.sslSession(), response.uri());
  }

  private HealthCheckResult judge(Answer answer, double seconds, Observations observed)
      throws SSLPeerUnverifiedException {
    observed.put("response.status", answer.status());
    if (!answer.finalUri().equals(target)) {
      observed.put("response.url", SecretMask.uris(answer.finalUri().toString()));
    }
    HealthStatus status = HealthStatus.HEALTHY;
    List<String> problems = new ArrayList<>();

    if (!expectedStatus.contains(answer.status())) {
      status = HealthStatus.CRITICAL;
      problems.add("status " + answer.status() + " is not one of " + expectedStatus);
    }
    if (bodyContains.isPresent() && !answer.body().contains(bodyContains.get())) {
      status = HealthStatus.CRITICAL;
      problems.add("body does not contain '" + bodyContains.get() + "'" + readNote(answer));
    }
    if (bodyMatches.isPresent() && !bodyMatches.get().matcher(answer.body()).find()) {
      status = HealthStatus.CRITICAL;
      problems.add("body does not match /" + bodyMatches.get().pattern() + "/" + readNote(answer));
    }
    HealthStatus latencyStatus = latency.status(seconds);
    status = status.worst(latencyStatus);
    if (latencyStatus != HealthStatus.HEALTHY) {
      problems.add(latency.describe("response time", seconds));
    }

    String certificate = "";
    Optional<X509Certificate> server = serverCertificate(answer);
    if (server.isPresent()) {
      X509Certificate cert = server.get();
      Instant expiry = cert.getNotAfter().toInstant();
      long days =
          Math.floorDiv(Duration.between(Instant.now(), expiry).toSeconds(), SECONDS_PER_DAY);
      observed.put("tls.certificate.days", days);
      observed.put("tls.certificate.subject", cert.getSubjectX500Principal().getName());
      observed.put("tls.certificate.expiry", expiry.toString());
      HealthStatus certificateStatus = certificateDays.status(days);
      status = status.worst(certificateStatus);
      if (certificateStatus != HealthStatus.HEALTHY) {
        problems.add(certificateDays.describe("server certificate days left", days));
      } else {
        certificate = ", certificate valid " + days + " more days";
      }
    }

    String message =
        method
            + " "
            + shownUrl
            + " answered "
            + answer.status()
            + " in "
            + String.format(Locale.ROOT, "%.3fs", seconds)
            + certificate
            + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
    return HealthCheckResult.of(status, message);
  }

  @Override
  protected String describe(Exception e) {
    String reason;
    if (e instanceof HttpConnectTimeoutException) {
      reason = "no connection within connect-timeout (" + connectTimeout.toMillis() + "ms)";
    } else if (e instanceof HttpTimeoutException) {
      reason = "no response within response-timeout (" + responseTimeout.toMillis() + "ms)";
    } else if (e instanceof ConnectException && e.getMessage() == null) {
      reason = "connection refused";
    } else {
      reason = super.describe(e);
    }
    return method + " " + shownUrl + " failed: " + SecretMask.uris(reason);
  }

  private String readNote(Answer answer) {
    return answer.cut() ? " (first " + maxBody + " bytes read)" : "";
  }

  private static Optional<X509Certificate> serverCertificate(Answer answer)
      throws SSLPeerUnverifiedException {
    if (answer.tls().isEmpty()) {
      return Optional.empty();
    }
    Certificate[] chain = answer.tls().get().getPeerCertificates();
    return chain.length > 0 && chain[0] instanceof X509Certificate x509
        ? Optional.of(x509)
        : Optional.empty();
  }

  private static Charset charsetOf(HttpResponse<?> response) {
    Optional<String> type = response.headers().firstValue("Content-Type");
    if (type.isPresent()) {
      Matcher m = CHARSET.matcher(type.get());
      if (m.find()) {
        try {
          return Charset.forName(m.group(1));
        } catch (IllegalArgumentException e) {
          // An unknown charset is read as UTF-8, which at worst misreads a few characters.
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static URI readUrl(PluginSettings settings) {
    String text = settings.requireString("url");
    URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw settings.invalid("url", "an http:// or https:// URL (" + e.getReason() + ")");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw settings.invalid("url", "an http:// or https:// URL with a host");
    }
    return url;
  }

  private static URI withoutUserInfo(URI url) {
    String raw = url.toString();
    int start = raw.indexOf("//") + 2;
    int at = raw.indexOf('@', start);
    return URI.create(raw.substring(0, start) + raw.substring(at + 1));
  }

  private static String readMethod(PluginSettings settings) {
    String method = settings.string("method", "GET").strip().toUpperCase(Locale.ROOT);
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw settings.invalid("method", "GET or HEAD");
    }
    return method;
  }

  private static StatusCodes readExpectedStatus(PluginSettings settings) {
    List<String> items = settings.strings("expected-status");
    try {
      return StatusCodes.parse(items.isEmpty() ? List.of("200-399") : items);
    } catch (IllegalArgumentException e) {
      throw settings.invalid(
          "expected-status",
          "status codes, ranges or classes such as [200-299, 304] or 2xx, from 100 to 599 (not '"
              + e.getMessage()
              + "')");
    }
  }

  private static Optional<Pattern> readPattern(PluginSettings settings) {
    Optional<String> regex = settings.string("body-matches");
    try {
      return regex.map(Pattern::compile);
    } catch (PatternSyntaxException e) {
      throw settings.invalid(
          "body-matches", "a Java regular expression (" + e.getDescription() + ")");
    }
  }

  private static Map<String, String> readHeaders(PluginSettings settings, URI url) {
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> lines = settings.strings("headers");
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher m = HEADER.matcher(line.strip());
      if (!m.matches()) {
        // Only the first word is quoted: the rest of a header line is often a credential.
        String firstWord = line.strip().split("[\\s:]", 2)[0];
        throw settings.invalid(
            "headers",
            "a list of 'Name: value' lines, such as ['Accept: application/json']; entry "
                + (i + 1)
                + " (starting '"
                + firstWord
                + "') has no ':' after a header name");
      }
      try {
        // The JDK refuses some headers it manages itself (Host, Connection, Content-Length).
        HttpRequest.newBuilder(url).header(m.group(1), m.group(2));
      } catch (IllegalArgumentException e) {
        throw settings.invalid(
            "headers", "headers the HTTP client may set; '" + m.group(1) + "' is not one");
      }
      headers.put(m.group(1), m.group(2));
    }
    return headers;
  }

  private static Duration positive(PluginSettings settings, String key, Duration defaultValue) {
    Duration value = settings.duration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      throw settings.invalid(key, "a duration above zero, such as 5s");
    }
    return value;
  }

  /** What one exchange brought back. */
  private record Answer(
      int status, String body, boolean cut, Optional<SSLSession> tls, URI finalUri) {}
}
