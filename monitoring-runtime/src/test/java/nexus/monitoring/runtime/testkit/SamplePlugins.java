package nexus.monitoring.runtime.testkit;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Ready-made plugin jars for tests: a working health check plugin, and one for each way a plugin
 * can be broken. Each is compiled against {@code modulePath} (the API and jakarta.inject jars).
 */
public final class SamplePlugins {
  private final Path[] modulePath;

  public SamplePlugins(Path... modulePath) {
    this.modulePath = modulePath;
  }

  /**
   * A plugin with one health check type whose check returns {@code status} with {@code message};
   * the message may be overridden per instance by the setting {@code message}.
   */
  public Path healthCheck(Path jar, String module, String type, String status, String message)
      throws IOException {
    String pkg = module;
    return base(module)
        .source(
            pkg + ".SamplePlugin",
            "package "
                + pkg
                + ";\n"
                + "public final class SamplePlugin implements"
                + " nexus.monitoring.api.spi.MonitoringPlugin {\n"
                + "  public void register(nexus.monitoring.api.spi.PluginRegistry registry) {\n"
                + "    registry.healthCheck(\""
                + type
                + "\", SampleCheck.class);\n"
                + "  }\n"
                + "}\n")
        .source(
            pkg + ".SampleCheck",
            "package "
                + pkg
                + ";\n"
                + "import nexus.monitoring.api.*;\n"
                + "import nexus.monitoring.api.spi.*;\n"
                + "final class SampleCheck implements HealthCheck {\n"
                + "  private final String message;\n"
                + "  @jakarta.inject.Inject\n"
                + "  SampleCheck(PluginSettings settings) {\n"
                + "    this.message = settings.string(\"message\", \""
                + message
                + "\");\n"
                + "  }\n"
                + "  public HealthCheckResult check() {\n"
                + "    return HealthCheckResult.of(HealthStatus."
                + status
                + ", message)"
                + ".withDetail(\"sample\", 42);\n"
                + "  }\n"
                + "}\n")
        .build(jar);
  }

  /**
   * A plugin whose check repeats its settings {@code url}, {@code cache} and {@code password}
   * (appended to {@code cache}) everywhere a careless check could: it logs them (with an exception
   * quoting them), and its run returns them in the message and details of a CRITICAL result, or
   * throws an exception quoting them when the setting {@code throw} is true. With {@code reject:
   * true} its constructor rejects {@code url} as invalid, so the configuration error quotes the
   * value. For tests of secret masking.
   */
  public Path echoingCheck(Path jar, String module, String type) throws IOException {
    return withCheckBody(
            module,
            type,
            "  private static final System.Logger LOG = System.getLogger(\"echo\");\n"
                + "  private final String url;\n"
                + "  private final String cache;\n"
                + "  private final boolean fail;\n"
                + "  @jakarta.inject.Inject SampleCheck(PluginSettings settings) {\n"
                + "    url = settings.requireString(\"url\");\n"
                + "    cache = settings.string(\"cache\", \"\") + settings.string(\"password\", \"\");\n"
                + "    fail = settings.bool(\"throw\", false);\n"
                + "    if (settings.bool(\"reject\", false)) {\n"
                + "      throw settings.invalid(\"url\", \"a URL this check accepts\");\n"
                + "    }\n"
                + "    LOG.log(System.Logger.Level.WARNING, \"echo connecting to \" + url + \" and \""
                + " + cache,\n"
                + "        new IllegalStateException(\"echo cannot open \" + url + \" \" + cache));\n"
                + "  }\n"
                + "  public HealthCheckResult check() {\n"
                + "    if (fail) { throw new IllegalStateException(\"echo refused by \" + url"
                + " + \" and \" + cache); }\n"
                + "    return HealthCheckResult.critical(\"echo cannot reach \" + url + \" or \""
                + " + cache)\n"
                + "        .withDetail(\"url\", url).withDetail(\"cache\", cache)"
                + ".withDetail(\"echo.seconds\", 0.5);\n"
                + "  }\n")
        .build(jar);
  }

  /** A plugin whose check's constructor throws {@code IllegalStateException("boom")}. */
  public Path throwingConstructor(Path jar, String module, String type) throws IOException {
    return withCheckBody(
            module,
            type,
            "  @jakarta.inject.Inject SampleCheck() { throw new IllegalStateException(\"boom\"); }\n"
                + "  public HealthCheckResult check() { return HealthCheckResult.healthy(\"\"); }\n")
        .build(jar);
  }

  /** A plugin whose check sleeps forever, ignoring interruption. */
  public Path hangingCheck(Path jar, String module, String type) throws IOException {
    return withCheckBody(
            module,
            type,
            "  public HealthCheckResult check() {\n"
                + "    while (true) { try { Thread.sleep(60_000); } catch (InterruptedException e) {} }\n"
                + "  }\n")
        .build(jar);
  }

  /** A plugin that requires a module nobody provides. */
  public Path missingDependency(Path jar, Path dependencyJar, String module, String type)
      throws IOException {
    new PluginJarBuilder("com.example.absent")
        .moduleInfo("module com.example.absent { exports com.example.absent; }")
        .source("com.example.absent.Thing", "package com.example.absent; public class Thing {}")
        .build(dependencyJar);
    PluginJarBuilder builder =
        withCheckBody(
            module,
            type,
            "  public HealthCheckResult check() { return HealthCheckResult.healthy(\"\"); }\n");
    builder.modulePath(dependencyJar);
    builder.moduleInfo(
        "module "
            + module
            + " { requires nexus.monitoring.api; requires com.example.absent;"
            + " provides nexus.monitoring.api.spi.MonitoringPlugin with "
            + module
            + ".SamplePlugin; }");
    return builder.build(jar);
  }

  /** The start of a plugin module that provides {@code module.SamplePlugin}. */
  public PluginJarBuilder base(String module) {
    return new PluginJarBuilder(module)
        .modulePath(modulePath)
        .moduleInfo(
            "module "
                + module
                + " {\n"
                + "  requires nexus.monitoring.api;\n"
                + "  provides nexus.monitoring.api.spi.MonitoringPlugin with "
                + module
                + ".SamplePlugin;\n"
                + "}\n");
  }

  /** A plugin registering {@code type} with a {@code SampleCheck} whose body is given. */
  public PluginJarBuilder withCheckBody(String module, String type, String body) {
    return base(module)
        .source(
            module + ".SamplePlugin",
            "package "
                + module
                + ";\n"
                + "public final class SamplePlugin implements"
                + " nexus.monitoring.api.spi.MonitoringPlugin {\n"
                + "  public void register(nexus.monitoring.api.spi.PluginRegistry registry) {\n"
                + "    registry.healthCheck(\""
                + type
                + "\", SampleCheck.class);\n"
                + "  }\n"
                + "}\n")
        .source(
            module + ".SampleCheck",
            "package "
                + module
                + ";\n"
                + "import nexus.monitoring.api.*;\n"
                + "import nexus.monitoring.api.spi.*;\n"
                + "final class SampleCheck implements HealthCheck {\n"
                + body
                + "}\n");
  }
}
