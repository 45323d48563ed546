package nexus.monitoring.runtime.ingest;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives StatsD and DogStatsD datagrams over UDP, reads them with a {@link StatsdParser} and
 * hands every value to a {@link StatsdSink}.
 *
 * <p>One dedicated thread, {@code statsd-receiver}, receives, parses and delivers, so the sink sees
 * values in arrival order. Nothing that arrives stops it: a malformed line is counted and logged
 * with the sender's address and the reason, and the rest of its datagram is read; an exception from
 * the sink is counted and logged, and the next value is delivered. Both logs are throttled: the
 * first {@value #WARN_FIRST} at WARN, then DEBUG with a WARN summary at most every minute.
 *
 * <p>The socket asks the kernel for a large receive buffer ({@value #DEFAULT_RECEIVE_BUFFER_BYTES}
 * bytes by default) so bursts wait in the kernel rather than being dropped. The kernel may grant
 * less (Linux caps the request at {@code net.core.rmem_max}; a stock Linux kernel then reports
 * twice the capped value, to cover its bookkeeping); {@link #receiveBufferBytes()} tells what it
 * reported, and the start-up line says when that is below the request. Datagrams longer than
 * {@value #MAX_DATAGRAM_BYTES} bytes are cut by the kernel; UDP over IPv4 never carries more.
 *
 * <pre>{@code
 * StatsdListener statsd =
 *     new StatsdListener("127.0.0.1", 8125, StatsdListener.DEFAULT_RECEIVE_BUFFER_BYTES,
 *         new StatsdParser(), new StatsdRecorder("default", tracker::record));
 * statsd.start();
 * ...
 * statsd.close();
 * }</pre>
 */
public final class StatsdListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatsdListener.class);

  /** Loopback: other machines cannot send until the operator chooses an address. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The port StatsD clients send to unless told otherwise. */
  public static final int DEFAULT_PORT = 8125;

  /** Receive buffer asked of the kernel by default: 8 MiB. */
  public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;

  /** Size of the buffer each datagram is read into. */
  public static final int MAX_DATAGRAM_BYTES = 64 * 1024;

  static final int WARN_FIRST = 10;
  static final Duration SUMMARY_PERIOD = Duration.ofMinutes(1);
  private static final long STOP_WAIT_MILLIS = 5_000;

  private final String host;
  private final int port;
  private final int receiveBufferRequested;
  private final StatsdParser parser;
  private final StatsdSink sink;
  private final Clock clock;
  private final ThrottledWarnings rejectedLines;
  private final ThrottledWarnings failedSamples;

  private final AtomicLong packets = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong lines = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong linesRejected = new AtomicLong();
  private final AtomicLong linesDropped = new AtomicLong();
  private final AtomicLong samplesFailed = new AtomicLong();
  private final AtomicLong receiveErrors = new AtomicLong();

  private DatagramChannel channel;
  private Thread receiver;
  private volatile boolean running;
  private boolean closed;
  private int receiveBufferGranted;
  private int boundPort;

  /**
   * @param host the address to listen on; {@value #DEFAULT_HOST} by default
   * @param port the UDP port, 0 for any free one
   * @param receiveBufferBytes the {@code SO_RCVBUF} to ask for; at least 1
   */
  public StatsdListener(
      String host, int port, int receiveBufferBytes, StatsdParser parser, StatsdSink sink) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("StatsD host must not be empty");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("StatsD port " + port + " is not in 0..65535");
    }
    if (receiveBufferBytes < 1) {
      throw new IllegalArgumentException(
          "StatsD receive buffer " + receiveBufferBytes + " bytes is invalid; expected at least 1");
    }
    this.host = host;
    this.port = port;
    this.receiveBufferRequested = receiveBufferBytes;
    this.parser = parser;
    this.sink = sink;
    this.clock = Clock.systemUTC();
    this.rejectedLines =
        new ThrottledWarnings(
            "StatsD lines rejected",
            WARN_FIRST,
            SUMMARY_PERIOD,
            System::nanoTime,
            ThrottledWarnings.Output.of(LOG));
    this.failedSamples =
        new ThrottledWarnings(
            "StatsD values not recorded",
            WARN_FIRST,
            SUMMARY_PERIOD,
            System::nanoTime,
            ThrottledWarnings.Output.of(LOG));
  }

  /**
   * Binds the port and starts the receive thread.
   *
   * @throws BindException naming the address when it cannot be bound
   * @throws IOException when the socket cannot be opened
   * @throws IllegalStateException when started or closed before
   */
  public synchronized void start() throws IOException {
    if (channel != null || closed) {
      throw new IllegalStateException(
          "StatsD listener was already " + (closed ? "closed" : "started") + "; create a new one");
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new BindException(
          "cannot listen for StatsD on udp://" + host + ":" + port + ": unknown host");
    }
    DatagramChannel opened = DatagramChannel.open();
    try {
      opened.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferRequested);
      opened.bind(address);
    } catch (IOException e) {
      opened.close();
      BindException failure =
          new BindException(
              "cannot listen for StatsD on udp://" + host + ":" + port + ": " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
    channel = opened;
    receiveBufferGranted = opened.getOption(StandardSocketOptions.SO_RCVBUF);
    boundPort = ((InetSocketAddress) opened.getLocalAddress()).getPort();
    running = true;
    receiver = Thread.ofPlatform().name("statsd-receiver").daemon(true).start(this::receive);
    if (receiveBufferGranted < receiveBufferRequested) {
      LOG.info(
          "StatsD listening on udp://{}:{}; the kernel granted a receive buffer of {} bytes of the"
              + " {} asked for, so a burst may be dropped; raise net.core.rmem_max (Linux) or"
              + " kern.ipc.maxsockbuf (macOS) to keep bursts",
          host,
          boundPort,
          receiveBufferGranted,
          receiveBufferRequested);
    } else {
      LOG.info(
          "StatsD listening on udp://{}:{}; receive buffer {} bytes",
          host,
          boundPort,
          receiveBufferGranted);
    }
  }

  /** The port actually bound; differs from the configured one when that was 0. */
  public synchronized int port() {
    return boundPort;
  }

  /** The {@code SO_RCVBUF} the kernel reports after the request; 0 before {@link #start()}. */
  public synchronized int receiveBufferBytes() {
    return receiveBufferGranted;
  }

  /** Datagrams received. */
  public long packetsReceived() {
    return packets.get();
  }

  /** Bytes of datagrams received. */
  public long bytesReceived() {
    return bytes.get();
  }

  /** Non-empty lines read, good and rejected. */
  public long linesReceived() {
    return lines.get();
  }

  /** Values the sink accepted; a line with several values counts each. */
  public long samplesRecorded() {
    return samples.get();
  }

  /** Lines rejected as malformed, plus one per datagram that was over the line count limit. */
  public long linesRejected() {
    return linesRejected.get();
  }

  /** Lines not read because their datagram was over the line count limit. */
  public long linesDropped() {
    return linesDropped.get();
  }

  /** Values the sink threw on. */
  public long samplesFailed() {
    return samplesFailed.get();
  }

  /** Datagrams that could not be received or processed for a reason other than their content. */
  public long receiveErrors() {
    return receiveErrors.get();
  }

  /** Stops receiving: closes the socket and waits for the receive thread. Idempotent. */
  @Override
  public void close() {
    DatagramChannel open;
    Thread thread;
    synchronized (this) {
      if (closed || channel == null) {
        closed = true;
        return;
      }
      closed = true;
      running = false;
      open = channel;
      thread = receiver;
    }
    try {
      open.close();
    } catch (IOException e) {
      LOG.warn("StatsD socket did not close cleanly: {}", e.toString());
    }
    try {
      thread.join(STOP_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn(
          "StatsD receive thread is still delivering {} ms after stop; it is a daemon thread and"
              + " ends with the process",
          STOP_WAIT_MILLIS);
    }
    rejectedLines.flush();
    failedSamples.flush();
    LOG.info(
        "StatsD listener on udp://{}:{} stopped after {} datagrams, {} lines, {} values recorded,"
            + " {} lines rejected, {} values not recorded",
        host,
        boundPort,
        packets.get(),
        lines.get(),
        samples.get(),
        linesRejected.get(),
        samplesFailed.get());
  }

  private void receive() {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM_BYTES);
    while (running) {
      buffer.clear();
      SocketAddress source;
      try {
        source = channel.receive(buffer);
      } catch (ClosedChannelException e) {
        break;
      } catch (IOException e) {
        if (!running) {
          break;
        }
        receiveErrors.incrementAndGet();
        failedSamples.report("StatsD receive failed: " + e + "; receiving again");
        pause();
        continue;
      }
      buffer.flip();
      packets.incrementAndGet();
      bytes.addAndGet(buffer.remaining());
      try {
        handle(buffer, source);
      } catch (RuntimeException | LinkageError e) {
        receiveErrors.incrementAndGet();
        failedSamples.report(
            "StatsD datagram from " + source + " could not be processed: " + e + "; it is skipped");
      }
    }
  }

  private void handle(ByteBuffer buffer, SocketAddress source) {
    String text =
        new String(buffer.array(), buffer.position(), buffer.remaining(), StandardCharsets.UTF_8);
    StatsdParser.Result result = parser.parse(text, clock.instant());
    lines.addAndGet(result.lines());
    linesDropped.addAndGet(result.droppedLines());
    for (StatsdParser.Rejection rejection : result.rejections()) {
      linesRejected.incrementAndGet();
      rejectedLines.report(
          "StatsD line "
              + rejection.lineNumber()
              + " from "
              + source
              + " rejected: "
              + rejection.reason()
              + ": '"
              + rejection.line()
              + "'");
    }
    for (StatsdSample sample : result.samples()) {
      try {
        sample.deliverTo(sink);
        samples.incrementAndGet();
      } catch (Exception | LinkageError e) {
        samplesFailed.incrementAndGet();
        failedSamples.report(
            "StatsD "
                + sample.type()
                + " '"
                + sample.name()
                + "' from "
                + source
                + " was not recorded: "
                + e);
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
