package nexus.monitoring.plugin.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.DefaultExceptionHandler;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.spi.AbstractHealthCheck;
import nexus.monitoring.api.spi.Observations;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * Health check type {@code queue}: a RabbitMQ broker accepts an AMQP connection, and each queue
 * named in {@code queues} exists, holds no more ready messages than its depth thresholds and has at
 * least its minimum of consumers. Depth and consumers come from a passive queue declare, which
 * needs no management plugin and changes nothing on the broker.
 *
 * <p>Settings, all optional (see {@code docs/checks/health-rabbitmq.md}):
 *
 * <ul>
 *   <li>{@code uri}, or {@code host}/{@code port}/{@code username}/{@code password}/{@code
 *       virtual-host}/{@code tls} — where to connect; default {@code amqp://guest:guest@127.0.0.1:
 *       5672/%2F}
 *   <li>{@code connect-timeout} — bounds the connect, the handshake and each queue query; default
 *       {@code 5s}
 *   <li>{@code queues} — the queues to watch; default none (the broker alone is checked)
 *   <li>{@code warning-depth}, {@code critical-depth} — ready messages; no default
 *   <li>{@code warning-consumers}, {@code min-consumers} — WARNING, CRITICAL below; no default
 *   <li>{@code queue.<name>.<setting>} — one of the four above for one queue
 * </ul>
 */
final class RabbitCheck extends AbstractHealthCheck {
  static final String CONNECTION_NAME = "nexus-monitoring health check ";

  /**
   * When the broker refuses a login it drops the socket, and the client's reader thread would log a
   * WARN about the reset on every run; the check reports the refusal itself.
   */
  private static final DefaultExceptionHandler QUIET_DRIVER =
      new DefaultExceptionHandler() {
        @Override
        public void handleUnexpectedConnectionDriverException(Connection conn, Throwable e) {}
      };

  private final BrokerTarget target;
  private final Duration connectTimeout;
  private final List<QueueLimits> queues;
  private final String connectionName;

  @Inject
  RabbitCheck(PluginSettings settings) {
    this.target = BrokerTarget.read(settings);
    this.connectTimeout = settings.duration("connect-timeout", Duration.ofSeconds(5));
    if (connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
      throw settings.invalid("connect-timeout", "a duration above zero such as 5s");
    }
    this.queues = List.copyOf(QueueLimits.read(settings));
    this.connectionName = CONNECTION_NAME + settings.instanceName();
  }

  @Override
  protected HealthCheckResult probe(Observations observed) throws Exception {
    ConnectionFactory factory = factory();
    Connection connection =
        observed.time("connect.seconds", () -> factory.newConnection(connectionName));
    try {
      Map<String, Object> server = connection.getServerProperties();
      String product = String.valueOf(server.getOrDefault("product", "AMQP broker"));
      observed.put("broker.product", product);
      Object version = server.get("version");
      if (version != null) {
        observed.put("broker.version", String.valueOf(version));
      }

      HealthStatus status = HealthStatus.HEALTHY;
      List<String> parts = new ArrayList<>(queues.size());
      for (QueueLimits queue : queues) {
        QueueReading reading = read(connection, queue.name());
        if (reading.problem() != null) {
          status = HealthStatus.CRITICAL;
          parts.add(reading.problem());
          continue;
        }
        String key = "queue." + queue.name() + ".";
        observed.put(key + "messages", reading.messages());
        observed.put(key + "consumers", reading.consumers());
        String what = "queue '" + queue.name() + "'";
        status = status.worst(queue.depth().status(reading.messages()));
        status = status.worst(queue.consumers().status(reading.consumers()));
        parts.add(
            queue.depth().describe(what + " depth", reading.messages())
                + ", "
                + queue.consumers().describe("consumers", reading.consumers()));
      }

      String summary =
          target.display() + " (" + product + (version == null ? "" : " " + version) + ")";
      return HealthCheckResult.of(
          status,
          parts.isEmpty()
              ? summary + " accepts connections"
              : summary + ": " + String.join("; ", parts));
    } finally {
      connection.abort((int) connectTimeout.toMillis());
    }
  }

  /** Messages ready and consumers of a queue, or why they could not be read. */
  private record QueueReading(long messages, long consumers, String problem) {}

  /**
   * A passive declare fails by closing its channel, so each queue gets a channel of its own and one
   * missing queue does not hide the others.
   */
  private QueueReading read(Connection connection, String queue) throws IOException {
    Channel channel = connection.createChannel();
    try {
      AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue);
      return new QueueReading(ok.getMessageCount(), ok.getConsumerCount(), null);
    } catch (IOException e) {
      AMQP.Channel.Close close = channelClose(e);
      if (close == null) {
        throw e;
      }
      String problem =
          close.getReplyCode() == AMQP.NOT_FOUND
              ? "queue '"
                  + queue
                  + "' does not exist in virtual host '"
                  + target.virtualHost()
                  + "'"
              : "queue '" + queue + "' cannot be read: " + close.getReplyText();
      return new QueueReading(0, 0, problem);
    } finally {
      if (channel.isOpen()) {
        try {
          channel.close();
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
          // The reading is taken; the connection's abort below releases the channel anyway.
        }
      }
    }
  }

  private static AMQP.Channel.Close channelClose(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ShutdownSignalException signal
          && signal.getReason() instanceof AMQP.Channel.Close close) {
        return close;
      }
    }
    return null;
  }

  private ConnectionFactory factory() throws NoSuchAlgorithmException {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(target.host());
    factory.setPort(target.port());
    factory.setUsername(target.username());
    factory.setPassword(target.password());
    factory.setVirtualHost(target.virtualHost());
    int millis = (int) connectTimeout.toMillis();
    factory.setConnectionTimeout(millis);
    factory.setHandshakeTimeout(millis);
    factory.setShutdownTimeout(millis);
    factory.setChannelRpcTimeout(millis);
    // One connection per run: recovery would only retry behind the check's back.
    factory.setAutomaticRecoveryEnabled(false);
    factory.setTopologyRecoveryEnabled(false);
    factory.setExceptionHandler(QUIET_DRIVER);
    if (target.tls()) {
      // The JDK's trust store and host name verification, not the client's trust-all default.
      factory.useSslProtocol(SSLContext.getDefault());
      factory.enableHostnameVerification();
    }
    return factory;
  }

  @Override
  protected String describe(Exception e) {
    String reason = super.describe(e);
    String closeText = replyText(e);
    if (closeText != null) {
      reason = closeText;
    }
    String what;
    if (e instanceof AuthenticationFailureException
        || e instanceof PossibleAuthenticationFailureException) {
      what = "RabbitMQ at " + target.display() + " refused the credentials";
    } else if (e instanceof ConnectException
        || e instanceof SocketTimeoutException
        || e instanceof UnknownHostException) {
      what = "cannot reach RabbitMQ at " + target.display();
    } else if (e instanceof TimeoutException) {
      String silent = "RabbitMQ at " + target.display() + " did not answer within " + shown();
      return e.getMessage() == null ? silent : silent + ": " + target.mask(reason);
    } else {
      what = "RabbitMQ at " + target.display();
    }
    return what + ": " + target.mask(reason);
  }

  /** {@code 5s}, {@code 1500ms}: the timeout as the configuration would write it. */
  private String shown() {
    long millis = connectTimeout.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  /**
   * The broker's own words when it closed the connection or channel ("NOT_ALLOWED - vhost ...").
   */
  private static String replyText(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ShutdownSignalException signal) {
        if (signal.getReason() instanceof AMQP.Connection.Close close) {
          return close.getReplyText();
        }
        if (signal.getReason() instanceof AMQP.Channel.Close close) {
          return close.getReplyText();
        }
      }
    }
    return null;
  }
}
