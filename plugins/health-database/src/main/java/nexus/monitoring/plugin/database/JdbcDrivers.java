package nexus.monitoring.plugin.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The JDBC drivers this plugin can see: those in the jars of its own folder, found as {@link
 * Driver} services.
 *
 * <p>{@link java.sql.DriverManager} is of no use in a plugin layer: it loads drivers through the
 * system class loader and hands a driver only to callers whose class loader can see it, so drivers
 * in {@code plugins/health-database/} would stay invisible. Loading the service through this
 * module's class loader instead finds the providers of every module in the plugin's layer, whether
 * a jar declares its driver in a module descriptor or, as an automatic module, in {@code
 * META-INF/services}; and it finds class-path drivers when the plugin runs on the class path.
 */
final class JdbcDrivers {
  private static final System.Logger LOG = System.getLogger(JdbcDrivers.class.getName());

  /** Where the plugin's jar lives when it cannot be told (classes not in a jar). */
  static final String DEFAULT_FOLDER = "plugins/health-database/";

  private final List<Driver> drivers;
  private final String folder;

  private JdbcDrivers(List<Driver> drivers, String folder) {
    this.drivers = List.copyOf(drivers);
    this.folder = folder;
  }

  /** The drivers visible to this plugin's class loader. */
  static JdbcDrivers visible() {
    return of(JdbcDrivers.class.getClassLoader());
  }

  /** The drivers {@code loader} provides, in the order the service loader yields them. */
  static JdbcDrivers of(ClassLoader loader) {
    List<Driver> found = new ArrayList<>();
    var providers = ServiceLoader.load(Driver.class, loader).stream().iterator();
    while (true) {
      ServiceLoader.Provider<Driver> provider;
      try {
        if (!providers.hasNext()) {
          break;
        }
        provider = providers.next();
      } catch (ServiceConfigurationError e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "A JDBC driver jar in {0} declares a driver that cannot be loaded, so it is skipped: "
                + "{1}. Replace the jar with a complete one.",
            pluginFolder(),
            e.getMessage());
        continue;
      }
      try {
        found.add(provider.get());
      } catch (ServiceConfigurationError | LinkageError e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "JDBC driver {0} in {1} cannot be created, so it is skipped: {2}. Its jar may need "
                + "another jar beside it.",
            provider.type().getName(),
            pluginFolder(),
            e.getMessage());
      }
    }
    return new JdbcDrivers(found, pluginFolder());
  }

  /** The first driver that says it accepts {@code url}. */
  Optional<Driver> accepting(String url) {
    for (Driver driver : drivers) {
      try {
        if (driver.acceptsURL(url)) {
          return Optional.of(driver);
        }
      } catch (SQLException | RuntimeException e) {
        // A driver that cannot even parse the URL does not accept it; another one may.
      }
    }
    return Optional.empty();
  }

  /** Every driver found, as {@link #describe} names it. */
  List<String> names() {
    return drivers.stream().map(JdbcDrivers::describe).toList();
  }

  /** The folder drivers are expected in, as operators know it. */
  String folder() {
    return folder;
  }

  /** A driver as details and messages name it: its class and version. */
  static String describe(Driver driver) {
    return driver.getClass().getName()
        + " "
        + driver.getMajorVersion()
        + "."
        + driver.getMinorVersion();
  }

  /**
   * The part of a JDBC URL that picks its driver, such as {@code jdbc:mysql:}; never past the
   * second colon, so no host, user or password.
   */
  static String scheme(String url) {
    int second = url.indexOf(':', "jdbc:".length());
    return second < 0 ? "jdbc:" : url.substring(0, second + 1);
  }

  /**
   * The folder holding this plugin's jar, so that the advice to drop a driver there names the real
   * place; {@value #DEFAULT_FOLDER} when the classes are not in a jar.
   */
  private static String pluginFolder() {
    try {
      CodeSource source = JdbcDrivers.class.getProtectionDomain().getCodeSource();
      if (source != null && source.getLocation() != null) {
        Path location = Path.of(source.getLocation().toURI());
        if (Files.isRegularFile(location) && location.getParent() != null) {
          return location.getParent() + "/";
        }
      }
    } catch (RuntimeException | java.net.URISyntaxException e) {
      // An unusual code source (not a file URL) says nothing useful about the folder.
    }
    return DEFAULT_FOLDER;
  }
}
