package nexus.monitoring.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import nexus.monitoring.api.ApiVersion;
import nexus.monitoring.runtime.cli.Main;
import nexus.monitoring.runtime.config.ConfigLoader;
import nexus.monitoring.runtime.http.HealthJson;
import nexus.monitoring.runtime.http.HttpEndpoints;
import nexus.monitoring.runtime.testkit.SamplePlugins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test: a password in a JDBC URL or a Redis URI never appears in logs,
 * {@code /health}, {@code check} output or {@code plugins} output, even from a check that repeats
 * its settings everywhere it can.
 */
final class SecretMaskingTest {
  private static final String JDBC_PASSWORD = "S3cretPw";
  private static final String REDIS_PASSWORD = "R3disPw";
  private static final String PLAIN_PASSWORD = "Pl4inPassw0rd";
  private static final List<String> SECRETS =
      List.of(JDBC_PASSWORD, REDIS_PASSWORD, PLAIN_PASSWORD);

  @TempDir Path home;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private Path config;
  private Path plugins;

  @BeforeEach
  void setUp() throws Exception {
    // Logback's console appender writes to whatever System.err is at the moment of each line, so
    // this captures what the host's own logback.xml renders.
    originalErr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    SamplePlugins samples =
        new SamplePlugins(
            Path.of(ApiVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
            Path.of(
                jakarta.inject.Inject.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI()));
    plugins = Files.createDirectories(home.resolve("plugins"));
    samples.echoingCheck(plugins.resolve("echo.jar"), "com.echo", "echo");
    config = home.resolve("monitoring.yaml");
    write(false);
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
  }

  private void write(boolean reject) throws IOException {
    String settings =
        "url: jdbc:postgresql://app:"
            + JDBC_PASSWORD
            + "@127.0.0.1:1/db, cache: 'redis://:"
            + REDIS_PASSWORD
            + "@127.0.0.1:1', password: "
            + PLAIN_PASSWORD;
    Files.writeString(
        config,
        "storage: {type: memory}\n"
            + "health:\n"
            + "  checks:\n"
            + "    - {name: db, type: echo, settings: {"
            + settings
            + (reject ? ", reject: true" : "")
            + "}}\n"
            + "    - {name: db-throws, type: echo, settings: {"
            + settings
            + ", throw: true}}\n");
  }

  private String command(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] full = new String[args.length + 4];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--config";
    full[args.length + 1] = config.toString();
    full[args.length + 2] = "--plugins-dir";
    full[args.length + 3] = plugins.toString();
    Main.execute(full, new PrintWriter(out, true), new PrintWriter(err, true));
    return out + "\n" + err;
  }

  private static void assertNoSecret(String what, String text) {
    for (String secret : SECRETS) {
      assertThat(text).as(what + " leaks " + secret + ":\n" + text).doesNotContain(secret);
    }
  }

  @Test
  void passwordsInSettings_appearNowhere() throws Exception {
    String table = command("check");
    String json = command("check", "--format", "json");
    String listing = command("plugins");
    String health = health();
    write(true);
    String rejected = command("validate");
    String rejectedListing = command("plugins");
    System.err.flush();
    String logs = log.toString(StandardCharsets.UTF_8);

    assertNoSecret("check table", table);
    assertNoSecret("check json", json);
    assertNoSecret("plugins", listing);
    assertNoSecret("/health", health);
    assertNoSecret("validate with a rejected value", rejected);
    assertNoSecret("plugins with a rejected value", rejectedListing);
    assertNoSecret("logs", logs);
    // The masked text is still there, so the assertions above looked at real output.
    assertThat(table).contains("echo cannot reach jdbc:postgresql://app:****@127.0.0.1:1/db");
    assertThat(table).contains("echo refused by jdbc:postgresql://app:****@127.0.0.1:1/db");
    assertThat(json).contains("redis://:****@127.0.0.1:1****");
    assertThat(health).contains("\"url\" : \"jdbc:postgresql://app:****@127.0.0.1:1/db\"");
    assertThat(rejected).contains("health.checks[0].settings.url: expected a URL this check");
    assertThat(logs).contains("echo connecting to jdbc:postgresql://app:****@127.0.0.1:1/db");
    assertThat(logs).contains("IllegalStateException: echo cannot open");
  }

  private String health() throws Exception {
    NexusHost host =
        NexusHost.assemble(new ConfigLoader(Map.of(), home).load(config), Clock.systemUTC());
    try (host;
        HttpEndpoints http =
            new HttpEndpoints(
                "127.0.0.1",
                0,
                host.runner()::report,
                host::snapshot,
                List.of(),
                new HealthJson("1.0.0"))) {
      host.runner().runOnce();
      http.start();
      var connection =
          (java.net.HttpURLConnection)
              URI.create("http://127.0.0.1:" + http.port() + "/health").toURL().openConnection();
      // The echo check is CRITICAL, so the document comes with a 503.
      assertThat(connection.getResponseCode()).isEqualTo(503);
      try (var in = connection.getErrorStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }
}
