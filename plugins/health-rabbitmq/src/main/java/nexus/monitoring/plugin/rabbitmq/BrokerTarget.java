package nexus.monitoring.plugin.rabbitmq;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nexus.monitoring.api.SecretMask;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * Where a {@code queue} check connects and as whom: read either from one {@code uri} setting or
 * from {@code host}, {@code port}, {@code username}, {@code password}, {@code virtual-host} and
 * {@code tls}, never both.
 */
record BrokerTarget(
    String host, int port, String username, String password, String virtualHost, boolean tls) {

  static final int AMQP_PORT = 5672;
  static final int AMQPS_PORT = 5671;
  // The example writes credentials apart from a URI: the host masks URI passwords in every
  // message, which would turn an example's password into ****.
  private static final String EXPECTED_URI =
      "an AMQP URI such as amqp://127.0.0.1:5672/%2F or amqps://host (TLS), with"
          + " user:password@ before the host";

  /** Reads the target; a bad value fails naming its key. */
  static BrokerTarget read(PluginSettings settings) {
    Optional<String> uri = settings.string("uri");
    boolean separate = false;
    for (String key :
        new String[] {"host", "port", "username", "password", "virtual-host", "tls"}) {
      separate |= settings.has(key);
    }
    if (uri.isPresent()) {
      if (separate) {
        throw settings.invalid(
            "uri",
            "either uri or host/port/username/password/virtual-host/tls, not both; move the other"
                + " settings into the URI or drop it");
      }
      return fromUri(settings, uri.get());
    }

    String host = settings.string("host", "127.0.0.1").strip();
    if (host.isEmpty()) {
      throw settings.invalid("host", "a host name or address such as 127.0.0.1");
    }
    boolean tls = settings.bool("tls", false);
    long port = settings.integer("port", tls ? AMQPS_PORT : AMQP_PORT);
    if (port < 1 || port > 65535) {
      throw settings.invalid("port", "a TCP port from 1 to 65535");
    }
    String username = settings.string("username", "guest");
    String password = settings.string("password", "guest");
    String virtualHost = settings.string("virtual-host", "/");
    if (virtualHost.isEmpty()) {
      throw settings.invalid("virtual-host", "a virtual host name such as / or orders");
    }
    return new BrokerTarget(host, (int) port, username, password, virtualHost, tls);
  }

  private static BrokerTarget fromUri(PluginSettings settings, String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      // The parser's reason quotes the input, password and all: give only the position.
      throw settings.invalid("uri", EXPECTED_URI + " (not a URI at index " + e.getIndex() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
      throw settings.invalid("uri", EXPECTED_URI + " (scheme amqp or amqps)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw settings.invalid("uri", EXPECTED_URI + " (with a host)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw settings.invalid(
          "uri", EXPECTED_URI + " (without query or fragment; use connect-timeout for timeouts)");
    }
    boolean tls = scheme.equals("amqps");
    int port = uri.getPort() == -1 ? (tls ? AMQPS_PORT : AMQP_PORT) : uri.getPort();

    String username = "guest";
    String password = "guest";
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }

    // amqp://host and amqp://host/ both mean the default virtual host; others are %2F-encoded.
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    String virtualHost = rawPath.length() <= 1 ? "/" : decode(rawPath.substring(1));
    if (rawPath.length() > 1 && rawPath.substring(1).contains("/")) {
      throw settings.invalid(
          "uri", EXPECTED_URI + " (one path segment: the virtual host, / as %2F)");
    }
    return new BrokerTarget(uri.getHost(), port, username, password, virtualHost, tls);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The target as messages show it, with the user name but never the password. */
  String display() {
    return (tls ? "amqps://" : "amqp://")
        + username
        + "@"
        + host
        + ":"
        + port
        + "/"
        + URLEncoder.encode(virtualHost, StandardCharsets.UTF_8);
  }

  /** {@code text} with the password masked wherever it appears, and any URI password too. */
  String mask(String text) {
    return password.isEmpty() ? SecretMask.uris(text) : SecretMask.redact(text, List.of(password));
  }

  @Override
  public String toString() {
    return display();
  }
}
