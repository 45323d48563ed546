package nexus.monitoring.plugin.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.testkit.MapPluginSettings;
import nexus.monitoring.testkit.RequiredServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The {@code cache} check against the real Redis at 127.0.0.1:6379. */
final class RedisCheckTest {
  static final String REDIS_HOST = "127.0.0.1";
  static final int REDIS_PORT = 6379;
  private static final String SERVER = "redis://" + REDIS_HOST + ":" + REDIS_PORT;

  private Jedis admin;

  @BeforeEach
  void connect() {
    RequiredServers.require("Redis", REDIS_HOST, REDIS_PORT);
    admin = new Jedis(REDIS_HOST, REDIS_PORT);
  }

  @AfterEach
  void disconnect() {
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void whenServerAnswers_reportsHealthyWithWhatItObserved() throws Exception {
    HealthCheckResult result = run("uri", SERVER);

    assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.message()).startsWith("redis://127.0.0.1:6379/0: PING ");
    Map<String, Object> details = result.details();
    assertThat(details)
        .containsKeys("connect.seconds", "ping.seconds", "memory.used.bytes", "clients.connected");
    assertThat((double) details.get("ping.seconds")).isPositive();
    assertThat((long) details.get("clients.connected")).isPositive();
    assertThat(details.get("redis.version"))
        .isEqualTo(RedisCheck.parseInfo(admin.info("server")).get("redis_version"));
    long maxmemory = Long.parseLong(admin.configGet("maxmemory").get("maxmemory"));
    if (maxmemory == 0) {
      assertThat(details).doesNotContainKey("memory.used.ratio");
      assertThat(result.message()).contains("no maxmemory set");
    } else {
      assertThat(details).containsEntry("memory.max.bytes", maxmemory);
    }
  }

  @Test
  void whenPortIsClosed_reportsCriticalNamingTheTarget() throws Exception {
    int port = RequiredServers.closedPort();

    HealthCheckResult result = run("port", String.valueOf(port), "connect-timeout", "1s");

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .startsWith("cannot reach Redis at redis://127.0.0.1:" + port + "/0: ")
        .endsWith(": Connection refused");
    assertThat(result.details()).containsKey("connect.seconds");
  }

  @Test
  void whenPasswordIsWrong_reportsCriticalWithoutThePassword() throws Exception {
    String user = "nexus-test-" + UUID.randomUUID();
    String password = "right-" + UUID.randomUUID();
    String wrong = "wrong-" + UUID.randomUUID();
    admin.aclSetUser(user, "on", ">" + password, "~*", "+@all");
    try {
      HealthCheckResult right = run("uri", "redis://" + user + ":" + password + "@127.0.0.1:6379");
      HealthCheckResult refused = run("uri", "redis://" + user + ":" + wrong + "@127.0.0.1:6379");

      assertThat(right.status()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(refused.status()).isEqualTo(HealthStatus.CRITICAL);
      assertThat(refused.message())
          .startsWith("Redis at redis://" + user + "@127.0.0.1:6379/0 refused the credentials: ")
          .contains("WRONGPASS");
      assertThat(refused.toString()).doesNotContain(wrong).doesNotContain(password);
      assertThat(right.toString()).doesNotContain(password);
    } finally {
      admin.aclDelUser(user);
    }
  }

  @Test
  void whenPasswordIsSentToAServerWithoutOne_reportsCriticalWithoutThePassword() throws Exception {
    Assumptions.assumeTrue(
        admin.aclGetUser("default").getFlags().contains("nopass"),
        "the default user of this Redis has a password, so sending one is no error here");
    String password = "unneeded-" + UUID.randomUUID();

    HealthCheckResult result = run("uri", "redis://:" + password + "@127.0.0.1:6379");

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .startsWith("Redis at redis://127.0.0.1:6379/0 refused the credentials: ERR AUTH")
        .doesNotContain(password);
  }

  @Test
  void whenClientsPassWarningThreshold_reportsWarning() throws Exception {
    HealthCheckResult result = run("uri", SERVER, "warning-clients", "0");

    assertThat(result.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(result.message())
        .contains(
            "connected clients "
                + result.details().get("clients.connected")
                + " is above the warning threshold 0");
  }

  @Test
  void whenMemoryPassesShareOfMaxmemory_reportsWarning() throws Exception {
    String original = admin.configGet("maxmemory").get("maxmemory");
    long maxmemory = 512L * 1024 * 1024;
    admin.configSet("maxmemory", String.valueOf(maxmemory));
    try {
      HealthCheckResult result =
          run("uri", SERVER, "warning-memory", "0.001%", "critical-memory", "99%");

      assertThat(result.status()).isEqualTo(HealthStatus.WARNING);
      assertThat(result.details()).containsEntry("memory.max.bytes", maxmemory);
      double ratio = (double) result.details().get("memory.used.ratio");
      assertThat(ratio)
          .isEqualTo((long) result.details().get("memory.used.bytes") / (double) maxmemory);
      assertThat(result.message()).contains("of maxmemory 512 MiB), warning at 0.001%");
    } finally {
      admin.configSet("maxmemory", original);
    }
  }

  @Test
  void roundTrip_writesReadsAndDeletesAScratchKey() throws Exception {
    String prefix = "nexus-test:" + UUID.randomUUID() + ":";

    HealthCheckResult result = run("uri", SERVER, "round-trip", "true", "scratch-key", prefix);

    assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.message()).endsWith("scratch key round trip ok");
    assertThat(result.details()).containsKey("round-trip.seconds");
    assertThat(admin.keys(prefix + "*")).isEmpty();
  }

  @Test
  void roundTrip_whenUserMayNotWrite_reportsCritical() throws Exception {
    String user = "nexus-test-" + UUID.randomUUID();
    String password = "pw-" + UUID.randomUUID();
    admin.aclSetUser(user, "on", ">" + password, "~*", "+@all", "-@write");
    try {
      HealthCheckResult result =
          run("uri", "redis://" + user + ":" + password + "@127.0.0.1:6379", "round-trip", "true");

      assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
      assertThat(result.message())
          .startsWith(
              "Redis at redis://" + user + "@127.0.0.1:6379/0 denied a command to this user: ")
          .contains("NOPERM", "'set'")
          .doesNotContain(password);
      assertThat(result.details()).containsKeys("ping.seconds", "round-trip.seconds");
    } finally {
      admin.aclDelUser(user);
    }
  }

  private static HealthCheckResult run(String... settings) throws Exception {
    MapPluginSettings values = MapPluginSettings.of(settings);
    RedisCheck check = new RedisCheck(values);
    assertThat(values.unreadKeys()).isEmpty();
    return check.check();
  }
}
