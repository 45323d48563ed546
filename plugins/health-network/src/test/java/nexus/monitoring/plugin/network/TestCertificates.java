package nexus.monitoring.plugin.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Self-signed server certificates for 127.0.0.1 made with the JDK's keytool, each valid for a
 * chosen number of days, with a trust store holding only that certificate (no key).
 */
final class TestCertificates {
  static final String PASSWORD = "test-store-pass";

  /**
   * @param keyStore the server's key pair and certificate (PKCS12)
   * @param trustStore the certificate alone, for a client to trust (PKCS12)
   */
  record Issued(Path keyStore, Path trustStore) {

    /** A server-side TLS context presenting this certificate. */
    SSLContext serverContext() throws Exception {
      KeyStore store = load(keyStore);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    }
  }

  private TestCertificates() {}

  /** A certificate for CN=localhost, IP 127.0.0.1, valid from now for {@code days} days. */
  static Issued issue(Path folder, String name, int days) throws Exception {
    Path keyStore = folder.resolve(name + "-key.p12");
    Path trustStore = folder.resolve(name + "-trust.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost,O=Nexus Test",
        "-ext",
        "san=ip:127.0.0.1,dns:localhost",
        "-validity",
        String.valueOf(days),
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        PASSWORD);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("server", load(keyStore).getCertificate("server"));
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      trusted.store(out, PASSWORD.toCharArray());
    }
    return new Issued(keyStore, trustStore);
  }

  private static KeyStore load(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      return store;
    }
  }

  private static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
    }
  }
}
