package nexus.monitoring.plugin.redis;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.spi.AbstractHealthCheck;
import nexus.monitoring.api.spi.HealthThreshold;
import nexus.monitoring.api.spi.Observations;
import nexus.monitoring.api.spi.PluginSettings;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * Health check type {@code cache}: a Redis server answers PING in time, its memory use against
 * {@code maxmemory} and its connected clients stay under their limits, and, when asked, a scratch
 * key can be written, read back and deleted.
 *
 * <p>Settings, all optional (see {@code docs/checks/health-redis.md}):
 *
 * <ul>
 *   <li>{@code uri}, or {@code host}/{@code port}/{@code username}/{@code password}/{@code
 *       database}/{@code tls} — where to connect; default {@code 127.0.0.1:6379}, database 0
 *   <li>{@code connect-timeout} — bounds the connect and every reply; default {@code 2s}
 *   <li>{@code warning-latency}, {@code critical-latency} — on the PING reply; default {@code
 *       200ms}, {@code 1s}
 *   <li>{@code warning-memory}, {@code critical-memory} — used share of {@code maxmemory}; default
 *       {@code 80%}, {@code 95%}; not judged when {@code maxmemory} is 0 (unlimited)
 *   <li>{@code warning-clients}, {@code critical-clients} — connected clients; no default
 *   <li>{@code round-trip} — write, read and delete a scratch key; default {@code false}
 *   <li>{@code scratch-key} — prefix of the scratch key's name; default {@code
 *       nexus-monitoring:health:}
 * </ul>
 *
 * <p>Each run opens one connection and closes it: a pooled connection would hide exactly the
 * failures this check is for (a refused connect, a changed password, a full {@code maxclients}).
 */
final class RedisCheck extends AbstractHealthCheck {
  /** How long a scratch key lives if the run dies between writing and deleting it. */
  static final Duration SCRATCH_TTL = Duration.ofSeconds(30);

  static final String CLIENT_NAME = "nexus-monitoring-health";

  private final RedisTarget target;
  private final Duration connectTimeout;
  private final HealthThreshold latency;
  private final double warningMemory;
  private final double criticalMemory;
  private final HealthThreshold clients;
  private final boolean roundTrip;
  private final String scratchKey;

  @Inject
  RedisCheck(PluginSettings settings) {
    this.target = RedisTarget.read(settings);
    this.connectTimeout = settings.duration("connect-timeout", Duration.ofSeconds(2));
    if (connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
      throw settings.invalid("connect-timeout", "a duration above zero such as 2s");
    }
    this.latency =
        HealthThreshold.durationAbove(
            settings,
            "warning-latency",
            Duration.ofMillis(200),
            "critical-latency",
            Duration.ofSeconds(1));
    this.warningMemory = settings.percent("warning-memory", 0.80);
    this.criticalMemory = settings.percent("critical-memory", 0.95);
    if (warningMemory > criticalMemory) {
      throw settings.has("warning-memory")
          ? settings.invalid(
              "warning-memory",
              "a share at or below critical-memory (" + Sizes.threshold(criticalMemory) + ")")
          : settings.invalid(
              "critical-memory",
              "a share at or above warning-memory ("
                  + Sizes.threshold(warningMemory)
                  + ", the default)");
    }
    this.clients =
        HealthThreshold.above(
            settings, "warning-clients", Double.NaN, "critical-clients", Double.NaN);
    this.roundTrip = settings.bool("round-trip", false);
    this.scratchKey = settings.string("scratch-key", "nexus-monitoring:health:");
    if (scratchKey.isBlank()) {
      throw settings.invalid("scratch-key", "a key prefix such as nexus-monitoring:health:");
    }
  }

  @Override
  protected HealthCheckResult probe(Observations observed) throws Exception {
    try (Jedis jedis = observed.time("connect.seconds", this::connect)) {
      observed.time("ping.seconds", jedis::ping);
      Map<String, String> info = parseInfo(jedis.info());

      List<String> parts = new ArrayList<>(4);
      HealthStatus status = HealthStatus.HEALTHY;

      double ping = (double) observed.get("ping.seconds");
      status = status.worst(latency.status(ping));
      parts.add(latency.describe("PING", ping));

      String version = info.get("redis_version");
      if (version != null) {
        observed.put("redis.version", version);
      }
      MemoryUse memory = memory(info, observed);
      if (memory != null) {
        status = status.worst(memory.status());
        parts.add(memory.message());
      }
      Long connected = number(info, "connected_clients");
      if (connected != null) {
        observed.put("clients.connected", connected);
        status = status.worst(clients.status(connected));
        parts.add(clients.describe("connected clients", connected));
      }

      if (roundTrip) {
        String problem = observed.time("round-trip.seconds", () -> roundTrip(jedis));
        if (problem != null) {
          status = HealthStatus.CRITICAL;
          parts.add(problem);
        } else {
          parts.add("scratch key round trip ok");
        }
      }
      return HealthCheckResult.of(status, target.display() + ": " + String.join("; ", parts));
    }
  }

  private Jedis connect() {
    JedisClientConfig config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis((int) connectTimeout.toMillis())
            .socketTimeoutMillis((int) connectTimeout.toMillis())
            .user(target.username().orElse(null))
            .password(target.password().orElse(null))
            .database(target.database())
            .ssl(target.tls())
            .clientName(CLIENT_NAME)
            // RESP2 outright: Jedis would otherwise try RESP3, fall back and log a warning per run.
            .autoNegotiateProtocol(false)
            .build();
    Jedis jedis = new Jedis(new HostAndPort(target.host(), target.port()), config);
    try {
      // Jedis may defer the handshake to the first command; make connect mean connected.
      jedis.getConnection().connect();
      return jedis;
    } catch (RuntimeException e) {
      jedis.close();
      throw e;
    }
  }

  /**
   * Null when the key was written, read back unchanged and deleted; otherwise what went wrong. A
   * failed step leaves the key to its TTL rather than risk a second error hiding the first.
   */
  private String roundTrip(Jedis jedis) {
    String key = scratchKey + UUID.randomUUID();
    String value = "written at " + System.currentTimeMillis();
    jedis.set(key, value, SetParams.setParams().px(SCRATCH_TTL.toMillis()));
    String read = jedis.get(key);
    jedis.del(key);
    if (!value.equals(read)) {
      return "scratch key "
          + key
          + " read back "
          + (read == null ? "nothing" : "a different value")
          + " right after it was written";
    }
    return null;
  }

  private MemoryUse memory(Map<String, String> info, Observations observed) {
    Long used = number(info, "used_memory");
    if (used == null) {
      return null;
    }
    observed.put("memory.used.bytes", used);
    Long max = number(info, "maxmemory");
    if (max == null || max <= 0) {
      if (max != null) {
        observed.put("memory.max.bytes", max);
      }
      return new MemoryUse(
          HealthStatus.HEALTHY, "memory " + Sizes.bytes(used) + " used, no maxmemory set");
    }
    double ratio = (double) used / max;
    observed.put("memory.max.bytes", max);
    observed.put("memory.used.ratio", ratio);
    String shown =
        "memory "
            + Sizes.percent(ratio)
            + " used ("
            + Sizes.bytes(used)
            + " of maxmemory "
            + Sizes.bytes(max)
            + ")";
    if (ratio >= criticalMemory) {
      return new MemoryUse(
          HealthStatus.CRITICAL, shown + ", critical at " + Sizes.threshold(criticalMemory));
    }
    if (ratio >= warningMemory) {
      return new MemoryUse(
          HealthStatus.WARNING, shown + ", warning at " + Sizes.threshold(warningMemory));
    }
    return new MemoryUse(HealthStatus.HEALTHY, shown);
  }

  private record MemoryUse(HealthStatus status, String message) {}

  /** The {@code field:value} lines of an INFO reply; section headers and blank lines skipped. */
  static Map<String, String> parseInfo(String reply) {
    Map<String, String> fields = new HashMap<>();
    for (String line : reply.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    return fields;
  }

  private static Long number(Map<String, String> info, String field) {
    String value = info.get(field);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  protected String describe(Exception e) {
    String reason = withoutFinalPeriod(super.describe(e));
    String hidden = suppressedReason(e);
    if (hidden != null && !reason.contains(hidden)) {
      reason = reason + ": " + hidden;
    }
    String what;
    // ERR AUTH: a password was sent to a server that has none set for the user.
    if (startsWithAny(e, "WRONGPASS", "NOAUTH", "ERR AUTH")) {
      what = "Redis at " + target.display() + " refused the credentials";
    } else if (startsWithAny(e, "NOPERM")) {
      what = "Redis at " + target.display() + " denied a command to this user";
    } else if (causedBy(e, java.net.SocketTimeoutException.class)) {
      what = "Redis at " + target.display() + " did not answer within " + shown(connectTimeout);
    } else if (e instanceof JedisConnectionException) {
      what = "cannot reach Redis at " + target.display();
    } else if (e instanceof JedisDataException) {
      what = "Redis at " + target.display() + " answered with an error";
    } else {
      what = "Redis at " + target.display();
    }
    return what + ": " + target.mask(reason);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** {@code 2s}, {@code 1500ms}: a timeout as the configuration would write it. */
  static String shown(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static String withoutFinalPeriod(String text) {
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  /**
   * Jedis tries each address of a host and keeps why each failed as a suppressed exception, not as
   * the cause; "Connection refused" lives there.
   */
  private static String suppressedReason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Throwable suppressed : t.getSuppressed()) {
        Throwable root = suppressed;
        while (root.getCause() != null && root.getCause() != root) {
          root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank()
            ? root.getClass().getSimpleName()
            : withoutFinalPeriod(message.strip());
      }
    }
    return null;
  }

  /** Whether a Redis error code such as {@code WRONGPASS} opens the message of e or a cause. */
  private static boolean startsWithAny(Throwable e, String... codes) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      for (String code : codes) {
        if (message.startsWith(code)) {
          return true;
        }
      }
    }
    return false;
  }
}
