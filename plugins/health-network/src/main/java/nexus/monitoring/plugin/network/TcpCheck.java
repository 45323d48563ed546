package nexus.monitoring.plugin.network;

import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.spi.AbstractHealthCheck;
import nexus.monitoring.api.spi.HealthThreshold;
import nexus.monitoring.api.spi.Observations;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * Health check type {@code tcp}: connects to a host and port and judges how long that took;
 * optionally sends a line and expects some text back.
 *
 * <p>Settings:
 *
 * <ul>
 *   <li>{@code host} and {@code port}, or {@code address} as {@code host:port} ({@code [::1]:5432}
 *       for IPv6) — required
 *   <li>{@code connect-timeout} — default {@code 3s}
 *   <li>{@code warning-latency}, {@code critical-latency} — limits on the connect time
 *   <li>{@code send} — text to send once connected; {@code \n}, {@code \r}, {@code \t} and {@code
 *       \\} are escapes
 *   <li>{@code expect} — text the answer must contain; read until found, the server closes, 8 KiB
 *       have arrived, or {@code read-timeout} (default {@code 5s}) passes
 * </ul>
 *
 * <p>A refused or timed-out connection is CRITICAL; so is an answer without {@code expect}.
 * Details: {@code connect.seconds}, and {@code response.seconds} when {@code expect} is set.
 */
final class TcpCheck extends AbstractHealthCheck {
  private static final int MAX_ANSWER = 8 * 1024;

  private final String host;
  private final int port;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final HealthThreshold latency;
  private final Optional<String> send;
  private final Optional<String> expect;

  @Inject
  TcpCheck(PluginSettings settings) {
    boolean hasAddress = settings.has("address");
    boolean hasHost = settings.has("host");
    boolean hasPort = settings.has("port");
    if (!hasAddress && !hasHost) {
      throw settings.invalid("address", "host:port, or the keys host and port");
    }
    if (hasAddress && (hasHost || hasPort)) {
      throw settings.invalid("address", "either address or host and port, not both");
    }
    if (hasAddress) {
      String address = settings.requireString("address").strip();
      int colon = address.lastIndexOf(':');
      String name = colon > 0 ? address.substring(0, colon) : "";
      if (name.startsWith("[") && name.endsWith("]")) {
        name = name.substring(1, name.length() - 1);
      }
      int number = colon > 0 ? parsePort(address.substring(colon + 1)) : -1;
      if (name.isEmpty() || number < 0) {
        throw settings.invalid("address", "host:port with a port from 1 to 65535, such as db:5432");
      }
      this.host = name;
      this.port = number;
    } else {
      this.host = settings.requireString("host").strip();
      long number = settings.integer("port", -1);
      if (!hasPort || number < 1 || number > 65535) {
        throw settings.invalid("port", "a port from 1 to 65535");
      }
      this.port = (int) number;
    }
    this.connectTimeout = positive(settings, "connect-timeout", Duration.ofSeconds(3));
    this.readTimeout = positive(settings, "read-timeout", Duration.ofSeconds(5));
    this.latency =
        HealthThreshold.durationAbove(settings, "warning-latency", null, "critical-latency", null);
    this.send = settings.string("send").map(TcpCheck::unescape);
    this.expect = settings.string("expect").map(TcpCheck::unescape);
    if (expect.isPresent() && expect.get().isEmpty()) {
      throw settings.invalid("expect", "some text the answer must contain");
    }
  }

  @Override
  protected HealthCheckResult probe(Observations observed) throws Exception {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new UnknownHostException(host);
    }
    // A socket over a channel, so that interrupting the run closes it rather than waiting.
    try (SocketChannel channel = SocketChannel.open()) {
      Socket socket = channel.socket();
      observed.time(
          "connect.seconds",
          () -> {
            socket.connect(address, (int) connectTimeout.toMillis());
            return null;
          });
      double seconds = (double) observed.get("connect.seconds");
      HealthCheckResult verdict = latency.judge(shown() + " connect time", seconds);
      if (send.isEmpty() && expect.isEmpty()) {
        return verdict;
      }
      String answer = observed.time("response.seconds", () -> converse(socket));
      if (expect.isPresent() && !answer.contains(expect.get())) {
        return HealthCheckResult.critical(
            shown()
                + " answered without '"
                + expect.get()
                + "'"
                + (answer.isEmpty() ? " (nothing)" : ": " + firstLine(answer)));
      }
      return verdict;
    } catch (ClosedByInterruptException e) {
      throw new InterruptedException("tcp check of " + shown() + " interrupted");
    }
  }

  private String converse(Socket socket) throws IOException {
    if (send.isPresent()) {
      socket.getOutputStream().write(send.get().getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
    }
    if (expect.isEmpty()) {
      return "";
    }
    socket.setSoTimeout((int) readTimeout.toMillis());
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[1024];
    try {
      int read;
      while (answer.size() < MAX_ANSWER && (read = in.read(buffer)) >= 0) {
        answer.write(buffer, 0, read);
        if (answer.toString(StandardCharsets.UTF_8).contains(expect.get())) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      // Judged on what arrived before read-timeout.
    }
    return answer.toString(StandardCharsets.UTF_8);
  }

  @Override
  protected String describe(Exception e) {
    String reason;
    if (e instanceof SocketTimeoutException) {
      reason = "no connection within connect-timeout (" + connectTimeout.toMillis() + "ms)";
    } else if (e instanceof UnknownHostException) {
      reason = "unknown host " + host;
    } else if (e instanceof ConnectException) {
      reason =
          e.getMessage() == null ? "connection refused" : e.getMessage().toLowerCase(Locale.ROOT);
    } else {
      reason = super.describe(e);
    }
    return "cannot connect to " + shown() + ": " + reason;
  }

  private String shown() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static String firstLine(String answer) {
    String line = answer.strip().lines().findFirst().orElse("");
    return line.length() > 80 ? line.substring(0, 80) + "..." : line;
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      return port >= 1 && port <= 65535 ? port : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Duration positive(PluginSettings settings, String key, Duration defaultValue) {
    Duration value = settings.duration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      throw settings.invalid(key, "a duration above zero, such as 5s");
    }
    return value;
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        switch (next) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case '\\' -> out.append('\\');
          default -> out.append(c).append(next);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
