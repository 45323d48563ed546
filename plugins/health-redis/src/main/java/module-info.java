/**
 * Health checks of Redis caches: health check type {@code cache}.
 *
 * <p>Talks to Redis through Jedis ({@code redis.clients.jedis}, an automatic module), which ships
 * beside this plugin's jar together with its own libraries (Apache Commons Pool, Gson, org.json,
 * the Redis authentication core). SLF4J, which Jedis logs through, comes from the host.
 */
module nexus.monitoring.plugin.redis {
  requires nexus.monitoring.api;
  requires redis.clients.jedis;

  provides nexus.monitoring.api.spi.MonitoringPlugin with
      nexus.monitoring.plugin.redis.RedisHealthPlugin;
}
