package nexus.monitoring.plugin.network;

import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginRegistry;

/**
 * Contributes the health check types {@value #HTTP} and {@value #TCP}.
 *
 * <pre>{@code
 * health:
 *   checks:
 *     - name: shop-api
 *       type: http
 *       settings: { url: "https://shop.example/health", warning-latency: 500ms }
 *     - name: postgres-port
 *       type: tcp
 *       settings: { address: "127.0.0.1:5432" }
 * }</pre>
 */
public final class NetworkHealthPlugin implements MonitoringPlugin {
  /** Type name of {@link HttpCheck}. */
  static final String HTTP = "http";

  /** Type name of {@link TcpCheck}. */
  static final String TCP = "tcp";

  /** Called by {@link java.util.ServiceLoader}. */
  public NetworkHealthPlugin() {}

  @Override
  public void register(PluginRegistry registry) {
    registry.healthCheck(HTTP, HttpCheck.class).healthCheck(TCP, TcpCheck.class);
  }
}
