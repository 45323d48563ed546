package nexus.monitoring.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private copy of the built distribution ({@code target/nexus-monitoring}), so that a test may
 * change its {@code conf/} and {@code plugins/} freely, and launch its {@code bin/nexus-monitoring}
 * as a user does.
 *
 * <p>Every launch gets a clean environment as far as the host is concerned: no inherited {@code
 * NEXUS_*} variable, {@code NEXUS_JAVA_HOME} set to the JDK running the tests, {@code NEXUS_HOST}
 * set to the loopback address. Standard output and error go to files next to the copy.
 */
final class Distribution {
  /** How long a launched host may take to answer {@code /healthz}. */
  static final Duration START_LIMIT = Duration.ofSeconds(30);

  private final Path home;
  private final Path outputs;
  private final AtomicInteger launches = new AtomicInteger();

  private Distribution(Path home, Path outputs) {
    this.home = home;
    this.outputs = outputs;
  }

  /** The distribution the build laid out, as failsafe passes it. */
  static Path built() {
    String location = System.getProperty("nexus.distribution");
    assertThat(location)
        .as("system property nexus.distribution (set by failsafe to target/nexus-monitoring)")
        .isNotBlank();
    Path path = Path.of(location);
    assertThat(path.resolve("bin/nexus-monitoring"))
        .as("launcher of the built distribution; run `mvn package` first")
        .isExecutable();
    return path;
  }

  /** Copies the built distribution to {@code directory/nexus-monitoring}, keeping file modes. */
  static Distribution copyTo(Path directory) throws IOException {
    Path source = built();
    Path home = directory.resolve("nexus-monitoring");
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path from : walk.toList()) {
        Path to = home.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    assertThat(home.resolve("bin/nexus-monitoring")).as("copied launcher").isExecutable();
    Path outputs = Files.createDirectories(directory.resolve("outputs"));
    // The launcher resolves its home with `cd -P`; compare paths in messages with the real one.
    return new Distribution(home.toRealPath(), outputs);
  }

  Path home() {
    return home;
  }

  Path plugins() {
    return home.resolve("plugins");
  }

  Path config() {
    return home.resolve("conf/monitoring.yaml");
  }

  /** The one jar of {@code artifact} in {@code lib/}, such as {@code monitoring-api}. */
  Path libJar(String artifact) throws IOException {
    Pattern name = Pattern.compile(Pattern.quote(artifact) + "-\\d[^/]*\\.jar");
    try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
      List<Path> matches =
          jars.filter(p -> name.matcher(p.getFileName().toString()).matches()).toList();
      assertThat(matches).as("jars of %s in %s", artifact, home.resolve("lib")).hasSize(1);
      return matches.get(0);
    }
  }

  /** Rewrites {@code conf/monitoring.yaml}. */
  void editConfig(UnaryOperator<String> edit) throws IOException {
    String before = Files.readString(config(), StandardCharsets.UTF_8);
    String after = edit.apply(before);
    assertThat(after).as("edited configuration").isNotEqualTo(before);
    Files.writeString(config(), after, StandardCharsets.UTF_8);
  }

  /**
   * Appends entries to {@code health.checks} of {@code conf/monitoring.yaml}, which the default
   * file ends with. Each line of {@code checks} is indented as a list item of that key.
   */
  void addChecks(String checks) throws IOException {
    editConfig(text -> withChecks(text, checks));
  }

  /** {@code configuration} with {@code checks} appended to its trailing {@code health.checks}. */
  static String withChecks(String configuration, String checks) {
    StringBuilder out = new StringBuilder(configuration);
    if (!configuration.endsWith("\n")) {
      out.append('\n');
    }
    checks.lines().forEach(line -> out.append("    ").append(line).append('\n'));
    return out.toString();
  }

  /** Writes another configuration file under {@code conf/}, for {@code --config}. */
  Path writeConfig(String fileName, String content) throws IOException {
    return Files.writeString(home.resolve("conf").resolve(fileName), content);
  }

  /** Starts {@code bin/nexus-monitoring run} on a free loopback port and waits until it serves. */
  LaunchedHost start(String... extraArgs) throws IOException, InterruptedException {
    return start(Map.of(), extraArgs);
  }

  /** {@link #start(String...)} with extra environment variables. */
  LaunchedHost start(Map<String, String> environment, String... extraArgs)
      throws IOException, InterruptedException {
    int port = freeLoopbackPort();
    String[] args = Stream.concat(Stream.of("run"), Stream.of(extraArgs)).toArray(String[]::new);
    int launch = launches.incrementAndGet();
    Path stdout = outputs.resolve("launch-" + launch + ".stdout");
    Path stderr = outputs.resolve("launch-" + launch + ".stderr");
    Map<String, String> env = new java.util.HashMap<>(environment);
    env.put("NEXUS_PORT", Integer.toString(port));
    ProcessBuilder builder = command(env, args);
    builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    LaunchedHost host = new LaunchedHost(builder.start(), port, stdout, stderr);
    try {
      host.awaitServing(START_LIMIT);
    } catch (AssertionError | IOException | InterruptedException | RuntimeException e) {
      host.close();
      throw e;
    }
    return host;
  }

  /**
   * Runs {@code bin/nexus-monitoring args...} to completion.
   *
   * @param limit how long it may take; past it the process is killed and the test fails
   */
  CommandResult execute(Duration limit, String... args) throws IOException, InterruptedException {
    return execute(limit, Map.of(), args);
  }

  /** {@link #execute(Duration, String...)} with extra environment variables. */
  CommandResult execute(Duration limit, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    int launch = launches.incrementAndGet();
    Path stdout = outputs.resolve("command-" + launch + ".stdout");
    Path stderr = outputs.resolve("command-" + launch + ".stderr");
    ProcessBuilder builder = command(environment, args);
    builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    long started = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      fail(
          "bin/nexus-monitoring %s did not finish within %s%nstdout:%n%s%nstderr:%n%s",
          String.join(" ", args), limit, read(stdout), read(stderr));
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return new CommandResult(
        List.of(args), process.exitValue(), read(stdout), read(stderr), elapsed);
  }

  private ProcessBuilder command(Map<String, String> environment, String... args) {
    List<String> command =
        Stream.concat(Stream.of(home.resolve("bin/nexus-monitoring").toString()), Stream.of(args))
            .toList();
    ProcessBuilder builder = new ProcessBuilder(command);
    // Not the home: the launcher must find its files wherever it is started from.
    builder.directory(outputs.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("NEXUS_"));
    env.put("NEXUS_JAVA_HOME", System.getProperty("java.home"));
    env.put("NEXUS_HOST", "127.0.0.1");
    // Any free UDP port, so launched hosts never contend for StatsD's 8125.
    env.put("NEXUS_STATSD_PORT", "0");
    env.putAll(environment);
    return builder;
  }

  /** A UDP port that was free on 127.0.0.1 a moment ago. */
  static int freeLoopbackUdpPort() throws IOException {
    try (java.net.DatagramSocket socket =
        new java.net.DatagramSocket(0, InetAddress.getByName(LaunchedHost.LOOPBACK))) {
      return socket.getLocalPort();
    }
  }

  /** A port that was free on 127.0.0.1 a moment ago. */
  static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket =
        new ServerSocket(0, 1, InetAddress.getByName(LaunchedHost.LOOPBACK))) {
      return socket.getLocalPort();
    }
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
