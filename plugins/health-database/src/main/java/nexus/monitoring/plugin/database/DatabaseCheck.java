package nexus.monitoring.plugin.database;

import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executor;
import nexus.monitoring.api.HealthCheckFailedException;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.api.SecretMask;
import nexus.monitoring.api.spi.AbstractHealthCheck;
import nexus.monitoring.api.spi.HealthThreshold;
import nexus.monitoring.api.spi.Observations;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * Health check type {@code database}: opens a fresh connection to a JDBC URL, validates it, and
 * judges how long connecting and validating took.
 *
 * <p>Settings:
 *
 * <ul>
 *   <li>{@code url} — required; any JDBC URL that a driver in the plugin's folder accepts
 *   <li>{@code username}, {@code password} — optional; passed to the driver as {@code user} and
 *       {@code password}, so they may also stay in the URL
 *   <li>{@code query} — optional validation query; without it the driver's own {@link
 *       Connection#isValid} check runs
 *   <li>{@code connect-timeout} — how long connecting may take; default {@code 5s}
 *   <li>{@code query-timeout} — how long validating may take; default {@code 3s}
 *   <li>{@code warning-latency}, {@code critical-latency} — limits on the connect latency and on
 *       the query latency, each judged on its own; none by default
 *   <li>{@code properties} — extra driver properties, a list of {@code name=value}
 * </ul>
 *
 * <p>Each run opens its own connection and closes it: a pool would answer from a connection opened
 * long ago and hide both a slow connect and a server that no longer accepts new sessions. No
 * password, from the URL, the settings or the properties, appears in a message or detail.
 */
final class DatabaseCheck extends AbstractHealthCheck {
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(3);

  /**
   * How long past its own timeout a driver may take to report it before the check gives up on the
   * call: a driver's error says more than "did not finish".
   */
  static final Duration GRACE = Duration.ofSeconds(1);

  /** Close and abort calls run here, off the check's thread, so they never hold it up. */
  private static final Executor BACKGROUND = command -> Thread.ofVirtual().start(command);

  private final String url;
  private final String shownUrl;
  private final Optional<String> query;
  private final Duration connectTimeout;
  private final Duration queryTimeout;
  private final HealthThreshold latency;
  private final Properties connectProperties;
  private final List<String> secrets;
  private final Driver driver;

  @Inject
  DatabaseCheck(PluginSettings settings) {
    this(settings, JdbcDrivers.visible());
  }

  // VisibleForTesting: tests choose the class loader drivers are looked up in.
  DatabaseCheck(PluginSettings settings, JdbcDrivers drivers) {
    this.url = settings.requireString("url").strip();
    Optional<String> username = settings.string("username");
    Optional<String> password = settings.string("password");
    this.query = settings.string("query").map(String::strip);
    this.connectTimeout = positive(settings, "connect-timeout", DEFAULT_CONNECT_TIMEOUT);
    this.queryTimeout = positive(settings, "query-timeout", DEFAULT_QUERY_TIMEOUT);
    this.latency =
        HealthThreshold.durationAbove(settings, "warning-latency", null, "critical-latency", null);
    List<String> propertyEntries = settings.strings("properties");

    List<String> found = new ArrayList<>(SecretMask.secretsIn(url));
    password.filter(p -> !p.isEmpty()).ifPresent(found::add);
    for (String entry : propertyEntries) {
      int equals = entry.indexOf('=');
      if (equals > 0 && SecretMask.isSecretKey(entry.substring(0, equals).strip())) {
        String value = entry.substring(equals + 1).strip();
        if (!value.isEmpty()) {
          found.add(value);
        }
      }
    }
    this.secrets = List.copyOf(found);
    this.shownUrl = SecretMask.redact(url, secrets);

    Map<String, String> properties = properties(settings, propertyEntries);
    if (!url.regionMatches(true, 0, "jdbc:", 0, 5) || url.length() == 5) {
      throw invalid(
          settings,
          "url",
          "a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/orders (it starts with jdbc:)");
    }
    if (query.isPresent() && query.get().isEmpty()) {
      throw settings.invalid(
          "query",
          "a validation query such as SELECT 1, or no query key to use Connection.isValid");
    }
    this.driver =
        drivers
            .accepting(url)
            .orElseThrow(
                () ->
                    invalid(
                        settings,
                        "url",
                        "a URL that a JDBC driver in "
                            + drivers.folder()
                            + " accepts, but no driver there accepts "
                            + JdbcDrivers.scheme(shownUrl)
                            + " URLs (drivers found: "
                            + (drivers.names().isEmpty()
                                ? "none"
                                : String.join(", ", drivers.names()))
                            + "); drop that database's JDBC driver jar into "
                            + drivers.folder()));
    this.connectProperties = connectProperties(url, username, password, properties);
  }

  @Override
  public Optional<Duration> timeout() {
    return Optional.of(connectTimeout.plus(queryTimeout).plus(GRACE).plus(GRACE));
  }

  @Override
  protected HealthCheckResult probe(Observations observed) throws Exception {
    observed.put("url", shownUrl);
    observed.put("driver", JdbcDrivers.describe(driver));

    Session session;
    try {
      session =
          observed.time(
              "connect.seconds",
              () ->
                  JdbcStep.within(
                      "connecting",
                      "connect-timeout",
                      connectTimeout.plus(GRACE),
                      this::connect,
                      late -> closeQuietly(late.connection())));
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw failure(observed, "cannot connect to " + shownUrl, e);
    }
    session.product().ifPresent(product -> observed.put("database.product", product));
    session.version().ifPresent(version -> observed.put("database.version", version));

    Connection connection = session.connection();
    boolean abandoned = false;
    try {
      observed.time(
          "query.seconds",
          () ->
              JdbcStep.within(
                  query.isPresent() ? "the validation query" : "the connection validation",
                  "query-timeout",
                  queryTimeout.plus(GRACE),
                  () -> validate(connection),
                  ignored -> {}));
    } catch (InterruptedException e) {
      abandoned = true;
      throw e;
    } catch (Exception e) {
      abandoned = e instanceof JdbcStep.Abandoned;
      boolean timedOut = (double) observed.get("query.seconds") >= seconds(queryTimeout);
      String what = query.isPresent() ? "validation query" : "connection check";
      throw failure(
          observed,
          timedOut
              ? what + " on " + shownUrl + " outlived query-timeout " + format(queryTimeout)
              : what + " failed on " + shownUrl,
          e);
    } finally {
      release(connection, abandoned);
    }

    return verdict(observed);
  }

  /** The probe's own failures are worded and masked already, with the driver's cause left out. */
  @Override
  protected String describe(Exception e) {
    if (e instanceof HealthCheckFailedException) {
      return e.getMessage();
    }
    return SecretMask.redact(super.describe(e), secrets);
  }

  /** An open connection and what its metadata says about the server. */
  private record Session(
      Connection connection, Optional<String> product, Optional<String> version) {}

  /**
   * Connects, then reads the product name and version, which most drivers know from the handshake;
   * some ask the server, so this runs within the connect limit too. Missing metadata is no reason
   * to fail the check: the database was reached.
   */
  private Session connect() throws SQLException {
    Connection connection = driver.connect(url, connectProperties);
    if (connection == null) {
      throw new SQLException(
          JdbcDrivers.describe(driver) + " accepted the URL at start but declined to connect");
    }
    try {
      DatabaseMetaData metadata = connection.getMetaData();
      return new Session(
          connection,
          Optional.ofNullable(metadata.getDatabaseProductName()),
          Optional.ofNullable(metadata.getDatabaseProductVersion()));
    } catch (SQLException | RuntimeException e) {
      return new Session(connection, Optional.empty(), Optional.empty());
    }
  }

  private Void validate(Connection connection) throws SQLException {
    int seconds = wholeSeconds(queryTimeout);
    try {
      connection.setNetworkTimeout(BACKGROUND, (int) Math.min(Integer.MAX_VALUE, millis()));
    } catch (SQLFeatureNotSupportedException | AbstractMethodError e) {
      // Embedded engines have no network; the step's own limit still applies.
    }
    if (query.isEmpty()) {
      if (!connection.isValid(seconds)) {
        throw new SQLException(
            "the driver's Connection.isValid check failed within " + format(queryTimeout));
      }
      return null;
    }
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(seconds);
      if (statement.execute(query.get())) {
        try (ResultSet rows = statement.getResultSet()) {
          rows.next();
        }
      }
    }
    return null;
  }

  private long millis() {
    return queryTimeout.plus(GRACE).toMillis();
  }

  private HealthCheckResult verdict(Observations observed) {
    double connect = (double) observed.get("connect.seconds");
    double validate = (double) observed.get("query.seconds");
    HealthStatus status = latency.status(connect).worst(latency.status(validate));
    Object product = observed.get("database.product");
    Object version = observed.get("database.version");
    String server = product == null ? "database" : product + (version == null ? "" : " " + version);
    return HealthCheckResult.of(
        status,
        server
            + " at "
            + shownUrl
            + ": "
            + latency.describe("connect latency", connect)
            + ", "
            + latency.describe("query latency", validate));
  }

  /**
   * A failure worded for the result: what failed, the driver's reason with every secret masked, and
   * the SQL state among the observations. The driver's exception is not kept as the cause: its
   * message may quote the URL with its password.
   */
  private HealthCheckFailedException failure(Observations observed, String what, Exception e) {
    if (e instanceof SQLException sql && sql.getSQLState() != null) {
      observed.put("sql.state", sql.getSQLState());
    }
    observed.put("error.type", e.getClass().getName());
    return new HealthCheckFailedException(what + ": " + SecretMask.redact(reason(e), secrets));
  }

  /**
   * The exception's message, then its root cause's when that adds something, on one line: drivers
   * put the statement or the error position on lines of their own.
   */
  private static String reason(Throwable e) {
    return reasonLines(e).replaceAll("\\s*\\R\\s*", " ");
  }

  private static String reasonLines(Throwable e) {
    String message = messageOf(e);
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootMessage = messageOf(root);
    return root == e || message.contains(rootMessage)
        ? message
        : message + " (" + rootMessage + ")";
  }

  private static String messageOf(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message.strip();
  }

  /**
   * Closes the connection: at once when it is idle; off the check's thread, aborting it first, when
   * an abandoned call may still be using it.
   */
  private static void release(Connection connection, boolean abandoned) {
    if (!abandoned) {
      closeQuietly(connection);
      return;
    }
    BACKGROUND.execute(
        () -> {
          try {
            connection.abort(BACKGROUND);
          } catch (SQLException | RuntimeException | AbstractMethodError e) {
            // Not every driver can abort; closing below is the fallback.
          }
          closeQuietly(connection);
        });
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      // The check is over; a connection that fails to close cleanly has nothing left to report.
    }
  }

  /**
   * The properties handed to the driver: credentials, a login timeout in the driver's own terms
   * when the plugin knows it, then the user's properties, which win.
   */
  private Properties connectProperties(
      String url,
      Optional<String> username,
      Optional<String> password,
      Map<String, String> properties) {
    Properties connect = new Properties();
    username.ifPresent(u -> connect.setProperty("user", u));
    password.ifPresent(p -> connect.setProperty("password", p));
    String scheme = JdbcDrivers.scheme(url).toLowerCase(Locale.ROOT);
    String seconds = Integer.toString(wholeSeconds(connectTimeout));
    switch (scheme) {
      case "jdbc:postgresql:" -> {
        connect.setProperty("connectTimeout", seconds);
        connect.setProperty("loginTimeout", seconds);
      }
      case "jdbc:mysql:", "jdbc:mariadb:" ->
          connect.setProperty("connectTimeout", Long.toString(connectTimeout.toMillis()));
      case "jdbc:sqlserver:" -> connect.setProperty("loginTimeout", seconds);
      default -> {}
    }
    properties.forEach(connect::setProperty);
    return connect;
  }

  /**
   * A settings error as the host words it, with every secret of this check masked: the host quotes
   * the value it found, and a URL or a property list may carry a password.
   */
  private InvalidConfigurationException invalid(
      PluginSettings settings, String key, String expected) {
    InvalidConfigurationException error = settings.invalid(key, expected);
    String masked = SecretMask.redact(error.getMessage(), secrets);
    return masked.equals(error.getMessage()) ? error : new InvalidConfigurationException(masked);
  }

  private Map<String, String> properties(PluginSettings settings, List<String> entries) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        throw invalid(
            settings,
            "properties",
            "a list of driver properties written name=value, such as sslmode=require; "
                + "one entry has no name= part");
      }
      properties.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
    }
    return properties;
  }

  private static Duration positive(PluginSettings settings, String key, Duration defaultValue) {
    Duration value = settings.duration(key, defaultValue);
    if (value.isZero() || value.compareTo(Duration.ofHours(1)) > 0) {
      throw settings.invalid(key, "a duration above 0 and at most 1h, such as 5s");
    }
    return value;
  }

  /** JDBC counts its timeouts in whole seconds, where 0 means none: round up, at least 1. */
  private static int wholeSeconds(Duration duration) {
    long seconds = (duration.toMillis() + 999) / 1000;
    return (int) Math.max(1, seconds);
  }

  private static double seconds(Duration duration) {
    return Observations.seconds(duration);
  }

  /** A duration as settings write it: {@code 5s}, {@code 250ms}. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
