package nexus.monitoring.plugin.database;

import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginRegistry;

/**
 * Contributes the health check type {@value #DATABASE}: opens a connection to a JDBC URL, validates
 * it, and reports how long both took.
 *
 * <pre>{@code
 * health:
 *   checks:
 *     - name: orders-db
 *       type: database
 *       settings:
 *         url: jdbc:postgresql://127.0.0.1:5432/orders
 *         username: monitor
 *         password: ${ORDERS_DB_PASSWORD}
 *         warning-latency: 250ms
 * }</pre>
 */
public final class DatabaseHealthPlugin implements MonitoringPlugin {
  /** Type name of {@link DatabaseCheck}. */
  static final String DATABASE = "database";

  /** Called by {@link java.util.ServiceLoader}. */
  public DatabaseHealthPlugin() {}

  @Override
  public void register(PluginRegistry registry) {
    registry.healthCheck(DATABASE, DatabaseCheck.class);
  }
}
