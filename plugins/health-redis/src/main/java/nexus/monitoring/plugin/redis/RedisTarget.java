package nexus.monitoring.plugin.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import nexus.monitoring.api.SecretMask;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * Where a {@code cache} check connects and as whom: read either from one {@code uri} setting or
 * from {@code host}, {@code port}, {@code username}, {@code password}, {@code database} and {@code
 * tls}, never both.
 *
 * @param username empty for the default user (a password alone is the {@code requirepass} style)
 * @param password empty when the server asks for none
 */
record RedisTarget(
    String host,
    int port,
    Optional<String> username,
    Optional<String> password,
    int database,
    boolean tls) {

  static final int DEFAULT_PORT = 6379;
  // The example writes credentials apart from a URI: the host masks URI passwords in every
  // message, which would turn an example's password into ****.
  private static final String EXPECTED_URI =
      "a Redis URI such as redis://127.0.0.1:6379/0 or rediss://host:6380 (TLS), with"
          + " :password@ or user:password@ before the host when the server needs one";

  /** Reads the target; a bad value fails naming its key. */
  static RedisTarget read(PluginSettings settings) {
    Optional<String> uri = settings.string("uri");
    boolean separate = false;
    for (String key : new String[] {"host", "port", "username", "password", "database", "tls"}) {
      separate |= settings.has(key);
    }
    if (uri.isPresent()) {
      if (separate) {
        throw settings.invalid(
            "uri",
            "either uri or host/port/username/password/database/tls, not both; move the other"
                + " settings into the URI or drop it");
      }
      return fromUri(settings, uri.get());
    }

    String host = settings.string("host", "127.0.0.1").strip();
    if (host.isEmpty()) {
      throw settings.invalid("host", "a host name or address such as 127.0.0.1");
    }
    long port = settings.integer("port", DEFAULT_PORT);
    if (port < 1 || port > 65535) {
      throw settings.invalid("port", "a TCP port from 1 to 65535");
    }
    Optional<String> username = settings.string("username").filter(u -> !u.isEmpty());
    Optional<String> password = settings.string("password").filter(p -> !p.isEmpty());
    long database = settings.integer("database", 0);
    if (database < 0 || database > Integer.MAX_VALUE) {
      throw settings.invalid("database", "a database number of 0 or more");
    }
    if (username.isPresent() && password.isEmpty()) {
      throw settings.invalid("password", "a password for username '" + username.get() + "'");
    }
    boolean tls = settings.bool("tls", false);
    return new RedisTarget(host, (int) port, username, password, (int) database, tls);
  }

  private static RedisTarget fromUri(PluginSettings settings, String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      // The parser's reason quotes the input, password and all: give only the position.
      throw settings.invalid("uri", EXPECTED_URI + " (not a URI at index " + e.getIndex() + ")");
    }
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw settings.invalid("uri", EXPECTED_URI + " (scheme redis or rediss)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw settings.invalid("uri", EXPECTED_URI + " (with a host)");
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();

    Optional<String> username = Optional.empty();
    Optional<String> password = Optional.empty();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        // redis://secret@host is how some clients write a password without a user name.
        password = Optional.of(decode(userInfo));
      } else {
        username = Optional.of(decode(userInfo.substring(0, colon))).filter(u -> !u.isEmpty());
        password = Optional.of(decode(userInfo.substring(colon + 1))).filter(p -> !p.isEmpty());
      }
    }

    int database = 0;
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (!path.isEmpty() && !path.equals("/")) {
      try {
        database = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        database = -1;
      }
      if (database < 0) {
        throw settings.invalid("uri", EXPECTED_URI + " (the path is a database number)");
      }
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw settings.invalid(
          "uri", EXPECTED_URI + " (without query or fragment; use connect-timeout for timeouts)");
    }
    return new RedisTarget(
        uri.getHost(), port, username, password, database, scheme.equals("rediss"));
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The target as messages show it: scheme, host, port and database, never the credentials. */
  String display() {
    String user = username.map(u -> u + "@").orElse("");
    return (tls ? "rediss://" : "redis://") + user + host + ":" + port + "/" + database;
  }

  /** {@code text} with the password masked wherever it appears, and any URI password too. */
  String mask(String text) {
    return password
        .map(p -> SecretMask.redact(text, java.util.List.of(p)))
        .orElse(SecretMask.uris(text));
  }

  @Override
  public String toString() {
    return display();
  }
}
