package nexus.monitoring.plugin.redis;

import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginRegistry;

/**
 * Contributes the health check type {@value #CACHE}: a Redis server answers PING, its memory and
 * client count stay within limits, and optionally a scratch key can be written and read back.
 *
 * <pre>{@code
 * health:
 *   checks:
 *     - name: session-cache
 *       type: cache
 *       settings:
 *         uri: redis://:${REDIS_PASSWORD}@127.0.0.1:6379/0
 *         warning-memory: 80%
 *         round-trip: true
 * }</pre>
 */
public final class RedisHealthPlugin implements MonitoringPlugin {
  /** Type name of {@link RedisCheck}. */
  static final String CACHE = "cache";

  /** Called by {@link java.util.ServiceLoader}. */
  public RedisHealthPlugin() {}

  @Override
  public void register(PluginRegistry registry) {
    registry.healthCheck(CACHE, RedisCheck.class);
  }
}
