/**
 * Health check of a database over JDBC: type {@code database}, for any JDBC URL.
 *
 * <p>The plugin ships as a folder, {@code plugins/health-database/}, holding this module's jar and
 * the PostgreSQL driver. Other drivers (H2, SQLite, MariaDB, ...) are added by dropping their jars
 * into the same folder: the host makes each jar a module of this plugin's layer, and the check
 * finds every {@link java.sql.Driver} there through {@link java.util.ServiceLoader}, never through
 * {@link java.sql.DriverManager}, which cannot see drivers in a plugin layer. That is why this
 * module names no driver module: it {@code uses} the service instead.
 */
module nexus.monitoring.plugin.database {
  requires nexus.monitoring.api;
  requires java.sql;

  uses java.sql.Driver;

  provides nexus.monitoring.api.spi.MonitoringPlugin with
      nexus.monitoring.plugin.database.DatabaseHealthPlugin;
}
