package nexus.monitoring.runtime.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.runtime.NexusHost;
import nexus.monitoring.runtime.config.HostConfig;
import nexus.monitoring.runtime.http.HealthDetailsAccess;
import nexus.monitoring.runtime.http.HealthJson;
import nexus.monitoring.runtime.http.HttpEndpoints;
import nexus.monitoring.runtime.logging.SecretRedactor;
import nexus.monitoring.runtime.plugin.LoadedPlugin;
import nexus.monitoring.runtime.plugin.QuarantinedPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: starts the host and serves until SIGTERM or SIGINT. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Start the host: run health checks on their schedules and serve HTTP.")
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Mixin ConfigOptions options;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      description = "HTTP port, overriding server.port (0 picks a free port).")
  Integer port;

  @Override
  public Integer call() {
    HostConfig config;
    NexusHost host;
    try {
      config = options.load();
      if (port != null) {
        if (port < 0 || port > 65535) {
          System.err.println("error: --port " + port + " is not a TCP port (0 to 65535)");
          return ExitCodes.CONFIG_ERROR;
        }
        config = config.withServer(new HostConfig.Server(config.server().host(), port));
      }
      host = NexusHost.assemble(config, Clock.systemUTC());
    } catch (InvalidConfigurationException e) {
      System.err.println("error: " + SecretRedactor.redact(e.getMessage()));
      return ExitCodes.CONFIG_ERROR;
    }

    HttpEndpoints http =
        new HttpEndpoints(
            config.server().host(),
            config.server().port(),
            host.runner()::report,
            host::snapshot,
            host.exporters(),
            new HealthJson(NexusHost.VERSION),
            host.pipeline(),
            config.ingest().httpEnabled(),
            new HealthDetailsAccess(config.health().details(), config.health().detailsToken()));
    try {
      http.start();
    } catch (Exception e) {
      http.close();
      host.close();
      System.err.println(
          "error: cannot listen on "
              + config.server().host()
              + ":"
              + config.server().port()
              + " ("
              + e.getMessage()
              + "). Check that no other process uses the port and that the address belongs to"
              + " this machine; set server.host and server.port in "
              + config.file()
              + ", or pass --port");
      return ExitCodes.START_FAILED;
    }
    try {
      host.pipeline().start();
    } catch (java.io.IOException e) {
      http.close();
      host.close();
      System.err.println(
          "error: cannot start the StatsD listener on "
              + config.ingest().statsdHost()
              + ":"
              + config.ingest().statsdPort()
              + "/udp ("
              + e.getMessage()
              + "). Set ingest.statsd.port in "
              + config.file()
              + ", or ingest.statsd.enabled: false");
      return ExitCodes.START_FAILED;
    }
    host.runner().start();
    warnIfDetailsArePublic(config);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Stopping Nexus Monitoring");
                  http.close();
                  host.close();
                  LOG.info("Nexus Monitoring stopped");
                  stopped.countDown();
                },
                "shutdown"));

    LOG.info(
        "Nexus Monitoring {} listening on http://{}:{}{} (config {}; plugins from {}: {} loaded"
            + " [{}], {} quarantined{}; {} health checks; storage {})",
        NexusHost.VERSION,
        config.server().host(),
        http.port(),
        host.pipeline().statsdPort() < 0
            ? ""
            : " and statsd "
                + config.ingest().statsdHost()
                + ":"
                + host.pipeline().statsdPort()
                + "/udp",
        config.file(),
        config.pluginsDirectory(),
        host.catalog().loaded().size(),
        host.catalog().loaded().stream().map(LoadedPlugin::id).collect(Collectors.joining(", ")),
        host.catalog().quarantined().size(),
        host.catalog().quarantined().isEmpty()
            ? ""
            : " ["
                + host.catalog().quarantined().stream()
                    .map(QuarantinedPlugin::id)
                    .collect(Collectors.joining(", "))
                + "]",
        config.health().checks().size(),
        host.pipeline().storageName());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  /**
   * Details name hosts, ports, queues and file systems; on a port other machines reach they should
   * not be public, and the default only fits the default loopback address.
   */
  private static void warnIfDetailsArePublic(HostConfig config) {
    String host = config.server().host();
    boolean loopback = host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    if (!loopback && config.health().details() == HostConfig.DetailsVisibility.ALWAYS) {
      LOG.warn(
          "health.details is always while server.host is {}: anyone who reaches port {} sees"
              + " every check's messages and observed values in /health. Set health.details to"
              + " authorized (with health.details-token) or never in {}",
          host,
          config.server().port(),
          config.file());
    }
  }
}
