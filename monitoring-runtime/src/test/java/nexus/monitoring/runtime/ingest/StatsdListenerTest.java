package nexus.monitoring.runtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import nexus.monitoring.api.Metric;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real datagrams over loopback to a listener on an ephemeral port. */
final class StatsdListenerTest {
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final List<StatsdListener> listeners = new ArrayList<>();
  private final List<DatagramChannel> senders = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    listeners.forEach(StatsdListener::close);
    for (DatagramChannel sender : senders) {
      sender.close();
    }
  }

  private StatsdListener start(StatsdSink sink) throws IOException {
    StatsdListener listener =
        new StatsdListener(
            LOOPBACK, 0, StatsdListener.DEFAULT_RECEIVE_BUFFER_BYTES, new StatsdParser(), sink);
    listeners.add(listener);
    listener.start();
    return listener;
  }

  private void send(StatsdListener listener, String datagram) throws IOException {
    if (senders.isEmpty()) {
      senders.add(DatagramChannel.open());
    }
    senders
        .get(0)
        .send(
            ByteBuffer.wrap(datagram.getBytes(StandardCharsets.UTF_8)),
            new InetSocketAddress(LOOPBACK, listener.port()));
  }

  /** Waits until {@code condition} holds; fails after {@link #PATIENCE}, naming {@code what}. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up after " + PATIENCE + " waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  /** Writes each call as one line of text. */
  private static final class RecordingSink implements StatsdSink {
    final Queue<String> calls = new ConcurrentLinkedQueue<>();

    @Override
    public void counter(String name, List<MetricTag> tags, double count, Instant timestamp) {
      calls.add("counter " + name + " " + tags + " " + count);
    }

    @Override
    public void gauge(String name, List<MetricTag> tags, double value, Instant timestamp) {
      calls.add("gauge " + name + " " + tags + " " + value);
    }

    @Override
    public void gaugeDelta(String name, List<MetricTag> tags, double delta, Instant timestamp) {
      calls.add("gaugeDelta " + name + " " + tags + " " + delta);
    }

    @Override
    public void timing(
        String name, List<MetricTag> tags, double seconds, double sampleRate, Instant timestamp) {
      calls.add("timing " + name + " " + tags + " " + seconds + " @" + sampleRate);
    }

    @Override
    public void histogram(
        String name, List<MetricTag> tags, double value, double sampleRate, Instant timestamp) {
      calls.add("histogram " + name + " " + tags + " " + value + " @" + sampleRate);
    }

    @Override
    public void set(String name, List<MetricTag> tags, String member, Instant timestamp) {
      calls.add("set " + name + " " + tags + " " + member);
    }
  }

  @Test
  void datagramOfEveryForm_reachesSinkInOrder() throws Exception {
    RecordingSink sink = new RecordingSink();
    StatsdListener listener = start(sink);

    send(
        listener,
        "hits:1|c|@0.5|#env:prod\n"
            + "fuel:7|g\n"
            + "pool:-2|g\n"
            + "db.query:250|ms\n"
            + "song.length:240|h|@0.5\n"
            + "payload:3:4|d\n"
            + "users:alice|s\n");
    await("8 values", () -> sink.calls.size() == 8);

    assertThat(sink.calls)
        .containsExactly(
            "counter hits [MetricTag[key=env, value=prod]] 2.0",
            "gauge fuel [] 7.0",
            "gaugeDelta pool [] -2.0",
            "timing db.query [] 0.25 @1.0",
            "histogram song.length [] 240.0 @0.5",
            "histogram payload [] 3.0 @1.0",
            "histogram payload [] 4.0 @1.0",
            "set users [] alice");
    assertThat(listener.packetsReceived()).isEqualTo(1);
    assertThat(listener.linesReceived()).isEqualTo(7);
    assertThat(listener.samplesRecorded()).isEqualTo(8);
    assertThat(listener.linesRejected()).isZero();
  }

  @Test
  void malformedLine_isCountedAndRestOfPacketIsRead() throws Exception {
    RecordingSink sink = new RecordingSink();
    StatsdListener listener = start(sink);

    send(listener, "first:1|c\nsecond:oops|c\nthird:3|c");
    await("two values", () -> sink.calls.size() == 2);
    await("the rejection counted", () -> listener.linesRejected() == 1);

    assertThat(sink.calls).containsExactly("counter first [] 1.0", "counter third [] 3.0");
    assertThat(listener.linesReceived()).isEqualTo(3);
  }

  @Test
  void whenSinkThrows_failureIsCountedAndListenerGoesOn() throws Exception {
    RecordingSink delegate = new RecordingSink();
    StatsdSink throwing =
        new StatsdSink() {
          @Override
          public void counter(String name, List<MetricTag> tags, double count, Instant at) {
            if (name.equals("boom")) {
              throw new IllegalStateException("sink broke on purpose");
            }
            delegate.counter(name, tags, count, at);
          }

          @Override
          public void gauge(String name, List<MetricTag> tags, double value, Instant at) {
            throw new NoSuchMethodError("linkage fault on purpose");
          }

          @Override
          public void gaugeDelta(String name, List<MetricTag> tags, double delta, Instant at) {}

          @Override
          public void timing(
              String name, List<MetricTag> tags, double seconds, double rate, Instant at) {}

          @Override
          public void histogram(
              String name, List<MetricTag> tags, double value, double rate, Instant at) {}

          @Override
          public void set(String name, List<MetricTag> tags, String member, Instant at) {}
        };
    StatsdListener listener = start(throwing);

    send(listener, "boom:1|c\nlevel:3|g\nafter:1|c");
    send(listener, "next.packet:1|c");
    await("both good counters", () -> delegate.calls.size() == 2);

    assertThat(delegate.calls)
        .containsExactly("counter after [] 1.0", "counter next.packet [] 1.0");
    assertThat(listener.samplesFailed()).isEqualTo(2);
    assertThat(listener.samplesRecorded()).isEqualTo(2);
  }

  @Test
  void burstOfTenThousandLines_isCountedExactly() throws Exception {
    RecordingSink sink = new RecordingSink();
    StatsdListener listener = start(sink);
    int datagrams = 200;
    int linesEach = 50;

    for (int d = 0; d < datagrams; d++) {
      StringBuilder datagram = new StringBuilder();
      for (int l = 0; l < linesEach; l++) {
        datagram.append("burst.count:1|c|#worker:w").append(l % 5).append('\n');
      }
      send(listener, datagram.toString());
      int sent = d + 1;
      // Keeps at most 32 datagrams in flight, far below any kernel buffer, so none is dropped.
      await("datagram " + (sent - 32), () -> listener.packetsReceived() >= sent - 32);
    }
    await("10000 values", () -> sink.calls.size() == datagrams * linesEach);

    assertThat(listener.packetsReceived()).isEqualTo(datagrams);
    assertThat(listener.linesReceived()).isEqualTo(datagrams * linesEach);
    assertThat(listener.samplesRecorded()).isEqualTo(datagrams * linesEach);
  }

  @Test
  void withRecorder_udpLinesBecomeMetricsOfTenant() throws Exception {
    List<Metric> metrics = new CopyOnWriteArrayList<>();
    StatsdListener listener = start(new StatsdRecorder("acme", metrics::add));

    send(listener, "api-gw.requests:1|c|#route:/users\nqueue.depth:5|g\nqueue.depth:+2|g\n");
    await("three metrics", () -> metrics.size() == 3);

    assertThat(metrics)
        .extracting(Metric::name, Metric::type, Metric::value, Metric::tenant)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("api_gw.requests", MetricType.COUNTER, 1.0, "acme"),
            org.assertj.core.groups.Tuple.tuple("queue.depth", MetricType.GAUGE, 5.0, "acme"),
            org.assertj.core.groups.Tuple.tuple("queue.depth", MetricType.GAUGE, 7.0, "acme"));
    assertThat(metrics.get(0).tags()).containsExactly(MetricTag.of("route", "/users"));
  }

  @Test
  void start_reportsPortAndGrantedBuffer() throws Exception {
    StatsdListener listener = start(new RecordingSink());

    assertThat(listener.port()).isPositive();
    assertThat(listener.receiveBufferBytes()).isPositive();
  }

  @Test
  void start_onPortInUse_failsNamingAddress() throws Exception {
    DatagramChannel occupant = DatagramChannel.open();
    senders.add(occupant);
    occupant.bind(new InetSocketAddress(LOOPBACK, 0));
    int taken = ((InetSocketAddress) occupant.getLocalAddress()).getPort();
    StatsdListener listener =
        new StatsdListener(LOOPBACK, taken, 1024, new StatsdParser(), new RecordingSink());
    listeners.add(listener);

    assertThatThrownBy(listener::start)
        .isInstanceOf(BindException.class)
        .hasMessageStartingWith("cannot listen for StatsD on udp://127.0.0.1:" + taken + ": ");
  }

  @Test
  void start_twice_isRefused() throws Exception {
    StatsdListener listener = start(new RecordingSink());

    assertThatThrownBy(listener::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("StatsD listener was already started; create a new one");
  }

  @Test
  void close_stopsThreadAndFreesPort() throws Exception {
    StatsdListener listener = start(new RecordingSink());
    int port = listener.port();

    listener.close();
    listener.close();

    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().equals("statsd-receiver") && thread.isAlive());
    try (DatagramChannel again = DatagramChannel.open()) {
      again.bind(new InetSocketAddress(LOOPBACK, port));
    }
  }

  @Test
  void close_beforeStart_isHarmless() {
    StatsdListener listener =
        new StatsdListener(LOOPBACK, 0, 1024, new StatsdParser(), new RecordingSink());

    listener.close();

    assertThatThrownBy(listener::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("StatsD listener was already closed; create a new one");
  }

  @Test
  void constructor_refusesBadSettings() {
    StatsdParser parser = new StatsdParser();
    RecordingSink sink = new RecordingSink();

    assertThatThrownBy(() -> new StatsdListener(LOOPBACK, 70_000, 1024, parser, sink))
        .hasMessage("StatsD port 70000 is not in 0..65535");
    assertThatThrownBy(() -> new StatsdListener(LOOPBACK, 0, 0, parser, sink))
        .hasMessage("StatsD receive buffer 0 bytes is invalid; expected at least 1");
    assertThatThrownBy(() -> new StatsdListener(" ", 0, 1024, parser, sink))
        .hasMessage("StatsD host must not be empty");
  }
}
