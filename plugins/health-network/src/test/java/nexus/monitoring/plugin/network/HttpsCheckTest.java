package nexus.monitoring.plugin.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.testkit.MapPluginSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http check against HTTPS servers whose self-signed certificates expire in chosen days. */
final class HttpsCheckTest {
  @TempDir static Path folder;

  private static TestCertificates.Issued longLived;
  private static TestCertificates.Issued expiresIn20Days;
  private static TestCertificates.Issued expiresIn3Days;
  private static LocalHttpServer longLivedServer;
  private static LocalHttpServer server20Days;
  private static LocalHttpServer server3Days;

  @BeforeAll
  static void start() throws Exception {
    longLived = TestCertificates.issue(folder, "long", 400);
    expiresIn20Days = TestCertificates.issue(folder, "twenty", 20);
    expiresIn3Days = TestCertificates.issue(folder, "three", 3);
    longLivedServer = serve(longLived);
    server20Days = serve(expiresIn20Days);
    server3Days = serve(expiresIn3Days);
  }

  @AfterAll
  static void stop() {
    for (LocalHttpServer server :
        new LocalHttpServer[] {longLivedServer, server20Days, server3Days}) {
      if (server != null) {
        server.close();
      }
    }
  }

  private static LocalHttpServer serve(TestCertificates.Issued certificate) throws Exception {
    return LocalHttpServer.https(certificate.serverContext()).answer("/", 200, "secure hello");
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

  private static Object[] trusting(TestCertificates.Issued certificate, Object... more) {
    Object[] values = new Object[more.length + 4];
    values[0] = "trust-store";
    values[1] = certificate.trustStore().toString();
    values[2] = "trust-store-password";
    values[3] = TestCertificates.PASSWORD;
    System.arraycopy(more, 0, values, 4, more.length);
    return values;
  }

  @Test
  void check_trustedCertificateFarFromExpiry_isHealthyWithCertificateDetails() throws Exception {
    HealthCheckResult result =
        check(trusting(longLived, "url", longLivedServer.url("/"), "body-contains", "hello"))
            .check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
    assertThat((long) result.details().get("tls.certificate.days")).isBetween(398L, 400L);
    assertThat(result.details().get("tls.certificate.subject"))
        .isEqualTo("CN=localhost,O=Nexus Test");
    assertThat((String) result.details().get("tls.certificate.expiry")).endsWith("Z");
    assertThat(result.message()).contains("certificate valid");
  }

  @Test
  void check_trustedCertificateExpiringSoon_isWarning() throws Exception {
    HealthCheckResult result =
        check(
                trusting(
                    expiresIn20Days,
                    "url",
                    server20Days.url("/"),
                    "warning-certificate-days",
                    "30",
                    "critical-certificate-days",
                    "7"))
            .check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.WARNING);
    assertThat((long) result.details().get("tls.certificate.days")).isBetween(18L, 20L);
    assertThat(result.message())
        .containsPattern("server certificate days left 1[89] is below the warning threshold 30");
  }

  @Test
  void check_insecureCertificateAboutToExpire_isCriticalByDefaultThresholds() throws Exception {
    HealthCheckResult result = check("url", server3Days.url("/"), "insecure", true).check();

    assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.CRITICAL);
    assertThat((long) result.details().get("tls.certificate.days")).isBetween(1L, 3L);
    assertThat(result.message()).contains("is below the critical threshold 7");
  }

  @Test
  void check_untrustedCertificate_isCriticalWithHandshakeReason() throws Exception {
    HealthCheckResult result = check("url", longLivedServer.url("/")).check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).startsWith("GET " + longLivedServer.url("/") + " failed: ");
    assertThat(result.message()).containsIgnoringCase("certification path");
  }

  @Test
  void check_trustStoreOfAnotherCertificate_isCritical() throws Exception {
    HealthCheckResult result =
        check(trusting(expiresIn3Days, "url", longLivedServer.url("/"))).check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.details()).doesNotContainKey("tls.certificate.days");
  }

  @Test
  void settings_insecureWithTrustStore_rejected() {
    assertThatThrownBy(
            () -> check(trusting(longLived, "url", longLivedServer.url("/"), "insecure", true)))
        .hasMessageContaining("'insecure' is 'true'; expected false when trust-store is set");
  }

  @Test
  void settings_trustStoreWithWrongPassword_rejected() {
    assertThatThrownBy(
            () ->
                check(
                    "url", longLivedServer.url("/"),
                    "trust-store", longLived.trustStore().toString(),
                    "trust-store-password", "wrong"))
        .hasMessageContaining("'trust-store'")
        .hasMessageContaining("a PKCS12 or JKS file that trust-store-password opens");
  }
}
