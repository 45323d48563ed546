package nexus.monitoring.plugin.network;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * Which server certificates an {@code http} check trusts: the JDK's default trust store, a trust
 * store file of the check's own ({@code trust-store}), or any certificate at all ({@code insecure:
 * true}). Whichever it is, the check still reads the certificate the server presented, so its
 * expiry is judged in every case.
 */
final class TlsTrust {
  private TlsTrust() {}

  /** The TLS context the settings ask for. */
  static SSLContext read(PluginSettings settings) {
    boolean insecure = settings.bool("insecure", false);
    boolean hasTrustStore = settings.has("trust-store");
    Path trustStore = hasTrustStore ? settings.path("trust-store", ".") : null;
    String password = settings.string("trust-store-password", "");
    if (insecure && hasTrustStore) {
      throw settings.invalid(
          "insecure", "false when trust-store is set (a trust store has no effect when insecure)");
    }
    try {
      if (insecure) {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AnyCertificate()}, null);
        return context;
      }
      if (hasTrustStore) {
        return fromTrustStore(settings, trustStore, password.toCharArray());
      }
      return SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS context: " + e.getMessage(), e);
    }
  }

  private static SSLContext fromTrustStore(PluginSettings settings, Path file, char[] password)
      throws GeneralSecurityException {
    if (!Files.isReadable(file)) {
      throw settings.invalid("trust-store", "a readable PKCS12 or JKS file");
    }
    KeyStore store;
    try {
      store = KeyStore.getInstance(file.toFile(), password);
    } catch (IOException | GeneralSecurityException e) {
      throw settings.invalid(
          "trust-store",
          "a PKCS12 or JKS file that trust-store-password opens ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ")");
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  /**
   * Accepts every chain and, being an extended trust manager, stops the JDK from matching the host
   * name too: what {@code insecure} promises.
   */
  private static final class AnyCertificate extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
