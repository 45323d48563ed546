package nexus.monitoring.plugin.command;

import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import nexus.monitoring.api.HealthCheckFailedException;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.SecretMask;
import nexus.monitoring.api.spi.AbstractHealthCheck;
import nexus.monitoring.api.spi.Observations;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * Health check type {@code command}: runs a Nagios-compatible check program and reads its verdict
 * from the exit code and its standard output, as the Monitoring Plugins guidelines define them.
 *
 * <p>Settings:
 *
 * <ul>
 *   <li>{@code command} — required; the program and its arguments as a list, run directly with no
 *       shell, so {@code ;}, {@code *} and {@code $} in an argument reach the program as written
 *   <li>{@code shell} — {@code true} to run {@code command}, then a single string, through {@code
 *       /bin/sh -c}; default {@code false}
 *   <li>{@code working-directory} — where the program runs; default the host's working directory
 *   <li>{@code environment} — a list of {@code NAME=value} added to the host's environment
 *   <li>{@code max-output} — how much standard output to keep; the rest is read and dropped;
 *       default {@code 64KiB}
 * </ul>
 *
 * <p>Exit code 0 is HEALTHY, 1 WARNING, 2 CRITICAL and 3 (UNKNOWN: the program could not tell)
 * OFFLINE; any other code is CRITICAL, saying so. The first line's text is the message; long text
 * goes to the detail {@code output.long}; performance data becomes {@code perf.*} details (see
 * {@link PerformanceData}). When the run is interrupted, which the runner does on timeout, the
 * program and every process it started are killed.
 */
final class CommandCheck extends AbstractHealthCheck {
  /** Nagios plugins written for a C locale misread or print decimal commas under others. */
  private static final String NUMERIC_LOCALE = "LC_NUMERIC";

  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final int STDERR_KEPT = 8 * 1024;
  private static final long READER_GRACE_MILLIS = 2_000;

  private final List<String> argv;
  private final String program;
  private final Optional<Path> workingDirectory;
  private final Map<String, String> environment;
  private final int maxOutput;
  private final Set<String> secrets;

  @Inject
  CommandCheck(PluginSettings settings) {
    boolean shell = settings.bool("shell", false);
    List<String> command = settings.strings("command");
    this.argv = shell ? shellCommand(settings, command) : directCommand(settings, command);
    this.program = shell ? "/bin/sh" : Path.of(command.get(0)).getFileName().toString();
    this.workingDirectory = workingDirectory(settings);
    this.environment = environment(settings);
    long maxOutput = settings.bytes("max-output", 64 * 1024);
    if (maxOutput < 1 || maxOutput > 16 * 1024 * 1024) {
      throw settings.invalid("max-output", "a size from 1B to 16MiB");
    }
    this.maxOutput = (int) maxOutput;

    // Arguments and environment values may carry passwords the program echoes back.
    Set<String> secrets = new LinkedHashSet<>();
    for (String argument : argv) {
      secrets.addAll(SecretMask.secretsIn(argument));
    }
    environment.forEach(
        (name, value) -> {
          if (SecretMask.isSecretKey(name) && !value.isEmpty()) {
            secrets.add(value);
          }
        });
    this.secrets = Set.copyOf(secrets);
  }

  @Override
  protected HealthCheckResult probe(Observations observed) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(argv);
    workingDirectory.ifPresent(directory -> builder.directory(directory.toFile()));
    builder.environment().put(NUMERIC_LOCALE, "C");
    builder.environment().putAll(environment);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));

    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new HealthCheckFailedException(
          "cannot start " + mask(argv.get(0)) + ": " + rootMessage(e), e);
    }
    CappedReader stdout = CappedReader.start(process.getInputStream(), maxOutput);
    CappedReader stderr = CappedReader.start(process.getErrorStream(), STDERR_KEPT);
    int exitCode;
    try {
      exitCode = process.waitFor();
    } catch (InterruptedException e) {
      killTree(process);
      throw e;
    }
    // A program that leaves a child holding its output open would keep the readers waiting.
    stdout.await(READER_GRACE_MILLIS);
    stderr.await(READER_GRACE_MILLIS);

    observed.put("exit.code", exitCode);
    if (stdout.truncated()) {
      observed.put("output.truncated", true);
    }
    return verdict(exitCode, stdout.text(), stderr.text());
  }

  private HealthCheckResult verdict(int exitCode, String stdout, String stderr) {
    PluginOutput output = PluginOutput.parse(stdout);
    String text = mask(output.text());
    if (text.isEmpty()) {
      String firstErrorLine = stderr.strip().lines().findFirst().orElse("").strip();
      text =
          firstErrorLine.isEmpty()
              ? program + " printed nothing"
              : program
                  + " printed nothing on standard output; on error output: "
                  + mask(firstErrorLine);
    }
    HealthStatus status;
    String message;
    switch (exitCode) {
      case 0 -> {
        status = HealthStatus.HEALTHY;
        message = text;
      }
      case 1 -> {
        status = HealthStatus.WARNING;
        message = text;
      }
      case 2 -> {
        status = HealthStatus.CRITICAL;
        message = text;
      }
      case 3 -> {
        status = HealthStatus.OFFLINE;
        message = text;
      }
      default -> {
        status = HealthStatus.CRITICAL;
        message =
            program
                + " exited with "
                + exitCode
                + ", which is no Nagios status (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN): "
                + text;
      }
    }

    HealthCheckResult result = HealthCheckResult.of(status, message);
    if (!output.longText().isEmpty()) {
      result = result.withDetail("output.long", mask(output.longText()));
    }
    for (Map.Entry<String, Object> detail :
        PerformanceData.details(output.performanceData()).entrySet()) {
      Object value = detail.getValue();
      result = result.withDetail(detail.getKey(), value instanceof String s ? mask(s) : value);
    }
    return result;
  }

  @Override
  protected String describe(Exception e) {
    return mask(super.describe(e));
  }

  private String mask(String text) {
    return SecretMask.redact(text, secrets);
  }

  /**
   * Kills the program and its descendants. Descendants are listed while the program still runs,
   * since once it dies they are re-parented and no longer found through it.
   */
  static void killTree(Process process) {
    for (int round = 0; round < 3; round++) {
      List<ProcessHandle> descendants = process.descendants().toList();
      process.destroyForcibly();
      descendants.forEach(ProcessHandle::destroyForcibly);
      if (descendants.isEmpty()) {
        break;
      }
    }
    try {
      process.waitFor(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<String> directCommand(PluginSettings settings, List<String> command) {
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw settings.invalid(
          "command",
          "the program and its arguments as a list, such as"
              + " [/usr/lib/nagios/plugins/check_disk, -w, 10%, -p, /]");
    }
    if (command.size() == 1 && command.get(0).strip().contains(" ")) {
      throw settings.invalid(
          "command",
          "the program and its arguments as separate list items (no shell runs them), or"
              + " shell: true to run one string through /bin/sh -c");
    }
    return List.copyOf(command);
  }

  private static List<String> shellCommand(PluginSettings settings, List<String> command) {
    if (command.size() != 1 || command.get(0).isBlank()) {
      throw settings.invalid("command", "one string for /bin/sh -c, since shell is true");
    }
    return List.of("/bin/sh", "-c", command.get(0));
  }

  private static Optional<Path> workingDirectory(PluginSettings settings) {
    if (!settings.has("working-directory")) {
      return Optional.empty();
    }
    Path directory = settings.path("working-directory", ".");
    if (!Files.isDirectory(directory)) {
      throw settings.invalid("working-directory", "an existing directory");
    }
    return Optional.of(directory);
  }

  private static Map<String, String> environment(PluginSettings settings) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String entry : settings.strings("environment")) {
      int equals = entry.indexOf('=');
      String name = equals < 0 ? entry : entry.substring(0, equals);
      if (equals < 0 || !ENVIRONMENT_NAME.matcher(name).matches()) {
        throw settings.invalid(
            "environment", "a list of NAME=value entries, such as [LANG=C, CHECK_MODE=fast]");
      }
      environment.put(name, entry.substring(equals + 1));
    }
    return environment;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  /**
   * Reads one output stream of the program on its own virtual thread, keeping the first bytes up to
   * a cap and dropping the rest, so that a talkative program never blocks on a full pipe and the
   * check thread stays free to react to interruption.
   */
  private static final class CappedReader implements Runnable {
    private final InputStream stream;
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean truncated;
    private Thread thread;

    private CappedReader(InputStream stream, int cap) {
      this.stream = stream;
      this.cap = cap;
    }

    static CappedReader start(InputStream stream, int cap) {
      CappedReader reader = new CappedReader(stream, cap);
      reader.thread = Thread.ofVirtual().name("command-check-output").start(reader);
      return reader;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (stream) {
        int read;
        while ((read = stream.read(buffer)) >= 0) {
          synchronized (kept) {
            int room = cap - kept.size();
            if (room > 0) {
              kept.write(buffer, 0, Math.min(room, read));
            }
            if (read > room) {
              truncated = true;
            }
          }
        }
      } catch (IOException e) {
        // The stream closes under us when the process is killed; what was read stands.
      }
    }

    void await(long millis) throws InterruptedException {
      thread.join(millis);
    }

    boolean truncated() {
      return truncated;
    }

    String text() {
      synchronized (kept) {
        return kept.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
