package nexus.monitoring.benchmarks.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whole-process benchmark of the Nexus Monitoring host: launches the built distribution as a child
 * process on free loopback ports and measures, from outside, what the issue's acceptance asks for:
 *
 * <ol>
 *   <li>StatsD lines per second with zero loss: lines sent over UDP at increasing rates, each step
 *       compared with the host's {@code statsd_lines_received_total};
 *   <li>HTTP ingest samples per second: concurrent clients pushing JSON batches, every batch
 *       answered 200;
 *   <li>durable samples per second: the HTTP push appends to storage before it answers, so (2) is
 *       durable; the stored count is queried back and compared with what was acknowledged;
 *   <li>P95 query latency over 1,000,000 stored samples of one timing metric, loaded through HTTP
 *       with one timestamp each, queried over the whole range with {@code function=p95}.
 * </ol>
 *
 * <p>Uses the JDK alone. Everything it talks to is the host it started, on 127.0.0.1; every loop is
 * bounded and the host is stopped at the end (and on Ctrl-C). Run from the repository root after
 * {@code ./mvnw -B -q -o install -DskipTests}:
 *
 * <pre>
 * java -cp benchmarks/target/classes nexus.monitoring.benchmarks.process.HostLoad
 * </pre>
 *
 * <p>Settings, as system properties ({@code -Dhostload.statsd.rates=50000,100000}):
 *
 * <ul>
 *   <li>{@code hostload.distribution}: the installation to copy (default {@code
 *       distribution/target/nexus-monitoring});
 *   <li>{@code hostload.step}: the host's {@code NEXUS_METRICS_STEP} (default {@code 1s});
 *   <li>{@code hostload.statsd.rates}: target lines per second, in order (default {@code
 *       50000,100000,200000,400000,600000,800000,1200000,1600000}); the run stops climbing after
 *       the first step with loss;
 *   <li>{@code hostload.statsd.seconds} (5), {@code hostload.statsd.senders} (1), {@code
 *       hostload.statsd.datagram} (bytes per datagram at most, 1400);
 *   <li>{@code hostload.http.clients} (concurrency levels, default {@code 1,4}), {@code
 *       hostload.http.seconds} (10), {@code hostload.http.batch} (samples per batch, 500);
 *   <li>{@code hostload.query.samples} (1000000), {@code hostload.query.clients} (4), {@code
 *       hostload.query.runs} (7 timed queries after one untimed);
 *   <li>{@code hostload.java.opts}: the host's {@code NEXUS_JAVA_OPTS} (default: the JVM's own
 *       defaults, as a user gets them);
 *   <li>{@code hostload.keep}: keep the temporary installation (and its log and data) when true.
 * </ul>
 */
public final class HostLoad {
  private static final String LOOPBACK_TEXT = "127.0.0.1";
  private static final InetAddress LOOPBACK = loopback();

  private static final String STATSD_LINES = "statsd_lines_received_total";
  private static final String STATSD_SAMPLES = "statsd_samples_recorded_total";
  private static final String STATSD_REJECTED = "statsd_lines_rejected_total";
  private static final String FLUSHED = "metrics_flush_aggregates_total";

  private static final String HTTP_TIMING = "hostload.http.duration";
  private static final String HTTP_COUNTER = "hostload.http.requests";
  private static final String QUERY_METRIC = "hostload.query.latency";

  private final List<String[]> table = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private HostLoad() {}

  public static void main(String[] args) throws Exception {
    new HostLoad().run();
  }

  private void run() throws Exception {
    Path distribution =
        Path.of(System.getProperty("hostload.distribution", "distribution/target/nexus-monitoring"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isExecutable(distribution.resolve("bin/nexus-monitoring"))) {
      System.err.println(
          "HostLoad: no installation at "
              + distribution
              + " (bin/nexus-monitoring missing); build it first with"
              + " ./mvnw -B -q -o install -DskipTests, or set -Dhostload.distribution=PATH");
      System.exit(2);
    }
    String step = System.getProperty("hostload.step", "1s");
    boolean keep = Boolean.getBoolean("hostload.keep");

    System.out.printf(
        Locale.ROOT,
        "HostLoad: %d cores, %s %s, load generator on Java %s; load average before: %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        Runtime.version(),
        loadAverage());

    Path home = Files.createTempDirectory("hostload-");
    Path installation = home.resolve("nexus-monitoring");
    copyTree(distribution, installation);
    System.out.println("HostLoad: installation copied to " + installation);

    Host host = new Host(installation, step);
    Thread stopper = new Thread(host::stop, "hostload-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      host.start();
      System.out.printf(
          Locale.ROOT,
          "HostLoad: host pid %d on http://%s:%d and udp://%s:%d, step %s, java %s%n",
          host.pid(),
          LOOPBACK_TEXT,
          host.httpPort,
          LOOPBACK_TEXT,
          host.statsdPort,
          step,
          host.command());

      System.out.println("host after start: " + host.state(false));
      statsd(host);
      System.out.println("host after StatsD: " + host.state(true));
      http(host);
      System.out.println("host after HTTP ingest: " + host.state(true));
      query(host);
      System.out.println("host after the query stage: " + host.state(true));

      notes.add(
          String.format(
              Locale.ROOT,
              "host peak RSS %s MiB, store on disk %,d MiB while running (with its write-ahead"
                  + " log), host CPU %.1f s in all",
              host.peakRssMib(),
              directorySize(installation.resolve("data")) >> 20,
              host.cpuSeconds()));
    } finally {
      int exit = host.stop();
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException e) {
        // shutting down already
      }
      notes.add(
          String.format(
              Locale.ROOT,
              "host stopped with SIGTERM, exit code %d (143 is the documented clean stop);"
                  + " store on disk after the stop %,d MiB",
              exit,
              directorySize(installation.resolve("data")) >> 20));
      List<String> problems = host.logProblems(15);
      if (!problems.isEmpty()) {
        notes.add("WARN/ERROR lines in the host log (first " + problems.size() + "):");
        problems.forEach(p -> notes.add("    " + p));
      }
      printResults();
      if (keep) {
        System.out.println("HostLoad: kept " + home + " (host log: " + host.log + ")");
      } else {
        deleteTree(home);
      }
    }
  }

  // ---------------------------------------------------------------------------------- StatsD

  private void statsd(Host host) throws Exception {
    long[] rates =
        longs(
            System.getProperty(
                "hostload.statsd.rates",
                "50000,100000,200000,400000,600000,800000,1200000,1600000"));
    int seconds = Integer.getInteger("hostload.statsd.seconds", 5);
    int senders = Integer.getInteger("hostload.statsd.senders", 1);
    int datagramBytes = Integer.getInteger("hostload.statsd.datagram", 1400);
    Datagrams datagrams = Datagrams.build(datagramBytes);
    System.out.printf(
        Locale.ROOT,
        "%nStatsD: %d sender thread(s), %.1f lines per datagram of at most %d bytes, %d s per"
            + " step%n",
        senders,
        datagrams.linesPerDatagram(),
        datagramBytes,
        seconds);
    System.out.printf(
        Locale.ROOT,
        "  %10s %12s %12s %12s %10s %10s %9s %9s %8s%n",
        "target/s",
        "sent",
        "received",
        "lost",
        "sent/s",
        "rcv'd/s*",
        "drain ms",
        "kern.drop",
        "host CPU");

    double bestZeroLoss = 0;
    double worstLossRate = Double.NaN;
    for (long rate : rates) {
      Map<String, Double> before = host.metrics();
      long dropsBefore = host.udpDrops();
      double cpuBefore = host.cpuSeconds();
      long started = System.nanoTime();
      long sendEnd = started + Duration.ofSeconds(seconds).toNanos();
      List<Thread> threads = new ArrayList<>();
      AtomicLong sentLines = new AtomicLong();
      AtomicLong sendErrors = new AtomicLong();
      for (int s = 0; s < senders; s++) {
        int offset = s * 101;
        double threadRate = (double) rate / senders;
        Thread t =
            new Thread(
                () ->
                    sendPaced(
                        host.statsdPort,
                        datagrams,
                        offset,
                        threadRate,
                        started,
                        sendEnd,
                        sentLines,
                        sendErrors),
                "statsd-sender-" + s);
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join();
      }
      long sendNanos = System.nanoTime() - started;
      long sent = sentLines.get();
      long errors = sendErrors.get();
      double atSendEnd = host.metric(STATSD_LINES) - before.get(STATSD_LINES);
      long drainStarted = System.nanoTime();
      // Wait until the listener has read everything it is going to read: the count reaches what
      // was sent, or stops moving for 2 s (bounded by 30 s).
      double received = atSendEnd;
      long lastChange = drainStarted;
      while (System.nanoTime() - drainStarted < Duration.ofSeconds(30).toNanos()) {
        if (received >= sent) {
          break;
        }
        Thread.sleep(200);
        double now = host.metric(STATSD_LINES) - before.get(STATSD_LINES);
        if (now != received) {
          received = now;
          lastChange = System.nanoTime();
        } else if (System.nanoTime() - lastChange > Duration.ofSeconds(2).toNanos()) {
          break;
        }
      }
      long drainMillis = received > atSendEnd ? (lastChange - drainStarted) / 1_000_000 : 0;
      Map<String, Double> after = host.metrics();
      double hostCpu = host.cpuSeconds() - cpuBefore;
      long drops = host.udpDrops() - dropsBefore;
      double rejected = after.get(STATSD_REJECTED) - before.get(STATSD_REJECTED);
      double samples = after.get(STATSD_SAMPLES) - before.get(STATSD_SAMPLES);
      long lost = sent - (long) received;
      double sentPerSecond = sent / (sendNanos / 1e9);
      System.out.printf(
          Locale.ROOT,
          "  %,10d %,12d %,12.0f %,12d %,10.0f %,10.0f %9d %9s %7.1fs%n",
          rate,
          sent,
          received,
          lost,
          sentPerSecond,
          atSendEnd / (sendNanos / 1e9),
          drainMillis,
          drops < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", drops),
          hostCpu);
      if (rejected != 0 || errors != 0 || samples < received) {
        notes.add(
            String.format(
                Locale.ROOT,
                "StatsD step %,d/s: %,.0f lines rejected, %,d send errors, %,.0f samples recorded"
                    + " of %,.0f lines received",
                rate,
                rejected,
                errors,
                samples,
                received));
      }
      if (sentPerSecond < rate * 0.95) {
        notes.add(
            String.format(
                Locale.ROOT,
                "StatsD step %,d/s: the sender reached only %,.0f lines/s (load generator bound)",
                rate,
                sentPerSecond));
      }
      if (lost == 0) {
        bestZeroLoss = Math.max(bestZeroLoss, sentPerSecond);
      } else {
        worstLossRate = sentPerSecond;
        notes.add(
            String.format(
                Locale.ROOT,
                "StatsD step %,d/s lost %,d of %,d lines (%.2f%%); climbing stops here",
                rate,
                lost,
                sent,
                100.0 * lost / sent));
        break;
      }
      Thread.sleep(2_000);
    }
    System.out.println(
        "  * rcv'd/s: lines the host had read when sending stopped, per second of sending");
    row(
        "StatsD lines/s, zero loss (highest step)",
        String.format(Locale.ROOT, "%,.0f", bestZeroLoss),
        String.format(
            Locale.ROOT,
            "%d s steps, %d sender(s), ~%.0f lines/datagram%s",
            seconds,
            senders,
            datagrams.linesPerDatagram(),
            Double.isNaN(worstLossRate)
                ? "; no step lost lines"
                : String.format(Locale.ROOT, "; loss first at %,.0f lines/s", worstLossRate)));
  }

  private static void sendPaced(
      int port,
      Datagrams datagrams,
      int offset,
      double linesPerSecond,
      long started,
      long end,
      AtomicLong sentLines,
      AtomicLong sendErrors) {
    // At most 10 ms worth of lines may be sent back to back to catch up after a stall; a longer
    // stall is given up rather than turned into a burst, so the achieved rate is reported honestly.
    double maxBacklog = Math.max(linesPerSecond * 0.010, 64);
    try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
      channel.bind(new InetSocketAddress(LOOPBACK, 0));
      channel.connect(new InetSocketAddress(LOOPBACK, port));
      ByteBuffer[] buffers = datagrams.buffers();
      int[] lines = datagrams.lines();
      int next = offset % buffers.length;
      double credit = 0;
      long last = started;
      long sent = 0;
      while (true) {
        long now = System.nanoTime();
        if (now >= end) {
          break;
        }
        credit = Math.min(credit + (now - last) * linesPerSecond / 1e9, maxBacklog);
        last = now;
        if (credit < lines[next]) {
          LockSupport.parkNanos(20_000);
          continue;
        }
        while (credit >= lines[next]) {
          ByteBuffer b = buffers[next].duplicate();
          try {
            channel.write(b);
            sent += lines[next];
          } catch (IOException e) {
            sendErrors.incrementAndGet();
          }
          credit -= lines[next];
          next = (next + 1) % buffers.length;
        }
      }
      sentLines.addAndGet(sent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Datagrams built once, each several StatsD lines of the four common types, with tags. */
  private record Datagrams(ByteBuffer[] buffers, int[] lines) {
    static Datagrams build(int maxBytes) {
      SplittableRandom random = new SplittableRandom(7);
      List<ByteBuffer> buffers = new ArrayList<>();
      List<Integer> counts = new ArrayList<>();
      for (int d = 0; d < 1024; d++) {
        StringBuilder text = new StringBuilder();
        int count = 0;
        while (true) {
          String line = line(random);
          int extra = (text.isEmpty() ? 0 : 1) + line.length();
          if (text.length() + extra > maxBytes) {
            break;
          }
          if (!text.isEmpty()) {
            text.append('\n');
          }
          text.append(line);
          count++;
        }
        if (count == 0) {
          throw new IllegalArgumentException("hostload.statsd.datagram is too small for a line");
        }
        buffers.add(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
        counts.add(count);
      }
      return new Datagrams(
          buffers.toArray(ByteBuffer[]::new), counts.stream().mapToInt(i -> i).toArray());
    }

    private static String line(SplittableRandom random) {
      int route = random.nextInt(20);
      return switch (random.nextInt(4)) {
        case 0 -> "hostload.statsd.requests:1|c|#route:/r" + route + ",method:GET";
        case 1 -> "hostload.statsd.latency:" + (1 + random.nextInt(900)) + "|ms|#route:/r" + route;
        case 2 -> "hostload.statsd.queue:" + random.nextInt(1000) + "|g";
        default -> "hostload.statsd.size:" + random.nextInt(65536) + "|h|#route:/r" + route;
      };
    }

    double linesPerDatagram() {
      return Arrays.stream(lines).average().orElse(0);
    }
  }

  // ---------------------------------------------------------------------------------- HTTP

  private void http(Host host) throws Exception {
    int[] levels =
        Arrays.stream(longs(System.getProperty("hostload.http.clients", "1,4")))
            .mapToInt(l -> (int) l)
            .toArray();
    int seconds = Integer.getInteger("hostload.http.seconds", 10);
    int batch = Integer.getInteger("hostload.http.batch", 500);
    System.out.printf(
        Locale.ROOT,
        "%nHTTP ingest: batches of %d samples (half timings, half counters, 2 tags, no"
            + " timestamp), %d s per level%n",
        batch,
        seconds);
    System.out.printf(
        Locale.ROOT,
        "  %7s %9s %12s %12s %10s %10s %10s %9s %9s%n",
        "clients",
        "batches",
        "samples",
        "samples/s",
        "p50 ms",
        "p99 ms",
        "non-200",
        "host CPU",
        "own CPU");
    Instant from = Instant.now().minusSeconds(60);
    long acknowledgedTimings = 0;
    long acknowledgedCounters = 0;
    double best = 0;
    String bestAt = "";
    for (int clients : levels) {
      double cpuBefore = host.cpuSeconds();
      double ownBefore = ownCpuSeconds();
      long started = System.nanoTime();
      long end = started + Duration.ofSeconds(seconds).toNanos();
      List<Pusher> pushers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        List<String> bodies = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(100 + c);
        for (int b = 0; b < 8; b++) {
          bodies.add(pushBody(random, c, batch));
        }
        Pusher p = new Pusher(host, bodies, end);
        pushers.add(p);
        p.thread.start();
      }
      long batches = 0;
      long samples = 0;
      long failures = 0;
      List<Long> latencies = new ArrayList<>();
      for (Pusher p : pushers) {
        p.thread.join();
        batches += p.batches;
        samples += p.accepted;
        failures += p.failures;
        latencies.addAll(p.latencies);
        if (p.firstFailure != null) {
          notes.add("HTTP ingest, " + clients + " client(s): first failure: " + p.firstFailure);
        }
      }
      double elapsed = (System.nanoTime() - started) / 1e9;
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      double rate = samples / elapsed;
      System.out.printf(
          Locale.ROOT,
          "  %7d %,9d %,12d %,12.0f %10.1f %10.1f %10d %8.1fs %8.1fs%n",
          clients,
          batches,
          samples,
          rate,
          percentile(sorted, 0.50) / 1e6,
          percentile(sorted, 0.99) / 1e6,
          failures,
          host.cpuSeconds() - cpuBefore,
          ownCpuSeconds() - ownBefore);
      // Half of every body is timings, in the order timing, counter, timing, ...
      acknowledgedTimings += samples - samples / 2;
      acknowledgedCounters += samples / 2;
      row(
          "HTTP ingest samples/s, " + clients + " client(s)",
          String.format(Locale.ROOT, "%,.0f", rate),
          String.format(
              Locale.ROOT,
              "%d-sample batches for %d s; batch p50 %.1f ms, p99 %.1f ms; %d non-200",
              batch,
              seconds,
              percentile(sorted, 0.50) / 1e6,
              percentile(sorted, 0.99) / 1e6,
              failures));
      if (rate > best) {
        best = rate;
        bestAt = clients + " client(s)";
      }
      Thread.sleep(1_000);
    }
    // Durability: every acknowledged sample was appended to storage before its 200; count them
    // back from storage.
    Instant to = Instant.now().plusSeconds(60);
    double storedTimings =
        host.queryTotal(HTTP_TIMING, "count", from.toEpochMilli(), to.toEpochMilli()).value;
    double storedCounters =
        host.queryTotal(HTTP_COUNTER, "sum", from.toEpochMilli(), to.toEpochMilli()).value;
    System.out.printf(
        Locale.ROOT,
        "  stored back: %,.0f of %,d acknowledged timings, %,.0f of %,d acknowledged counter"
            + " increments%n",
        storedTimings,
        acknowledgedTimings,
        storedCounters,
        acknowledgedCounters);
    boolean exact = storedTimings == acknowledgedTimings && storedCounters == acknowledgedCounters;
    row(
        "Durable samples/s into embedded storage (HTTP, stored before 200)",
        String.format(Locale.ROOT, "%,.0f", best),
        String.format(
            Locale.ROOT,
            "best level (%s); queried back %s: %,.0f + %,.0f stored of %,d + %,d acknowledged",
            bestAt,
            exact ? "exactly" : "with a MISMATCH",
            storedTimings,
            storedCounters,
            acknowledgedTimings,
            acknowledgedCounters));
    if (!exact) {
      notes.add(
          "HTTP ingest: the stored counts differ from the acknowledged ones (see the row above)");
    }
  }

  private static String pushBody(SplittableRandom random, int client, int batch) {
    StringBuilder json = new StringBuilder(batch * 110).append('[');
    for (int i = 0; i < batch; i++) {
      if (i > 0) {
        json.append(',');
      }
      String tags = "{\"client\":\"c" + client + "\",\"route\":\"/r" + random.nextInt(50) + "\"}";
      if (i % 2 == 0) {
        json.append("{\"name\":\"" + HTTP_TIMING + "\",\"type\":\"timing\",\"value\":")
            .append(0.001 + random.nextDouble() * 0.5)
            .append(",\"tags\":")
            .append(tags)
            .append('}');
      } else {
        json.append("{\"name\":\"" + HTTP_COUNTER + "\",\"type\":\"counter\",\"value\":1,\"tags\":")
            .append(tags)
            .append('}');
      }
    }
    return json.append(']').toString();
  }

  /** One HTTP client pushing its bodies in a loop until {@code end}. */
  private static final class Pusher {
    final Thread thread;
    long batches;
    long accepted;
    long failures;
    String firstFailure;
    final List<Long> latencies = new ArrayList<>();

    Pusher(Host host, List<String> bodies, long end) {
      thread =
          new Thread(
              () -> {
                HttpClient client = host.newClient();
                int i = 0;
                while (System.nanoTime() < end) {
                  long started = System.nanoTime();
                  HttpResponse<String> response;
                  try {
                    response = host.push(client, bodies.get(i++ % bodies.size()));
                  } catch (IOException e) {
                    failures++;
                    if (firstFailure == null) {
                      firstFailure = e.toString();
                    }
                    continue;
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  latencies.add(System.nanoTime() - started);
                  batches++;
                  if (response.statusCode() == 200) {
                    accepted += acceptedOf(response.body());
                  } else {
                    failures++;
                    if (firstFailure == null) {
                      firstFailure = response.statusCode() + " " + cut(response.body());
                    }
                  }
                }
              },
              "http-pusher");
    }
  }

  // ---------------------------------------------------------------------------------- query

  private void query(Host host) throws Exception {
    int total = Integer.getInteger("hostload.query.samples", 1_000_000);
    int clients = Integer.getInteger("hostload.query.clients", 4);
    int batch = Integer.getInteger("hostload.http.batch", 500);
    int runs = Integer.getInteger("hostload.query.runs", 7);
    // One timestamp per sample, 100 ms apart, ending ten minutes ago: 1,000,000 samples span
    // 27.8 hours, inside the default retention's 2 days before downsampling.
    long spacing = 100;
    long last = (Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli() / 1000) * 1000;
    long first = last - (long) (total - 1) * spacing;
    // Latencies in seconds, lognormal around 50 ms with a long tail, from a fixed seed.
    double[] values = new double[total];
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < total; i++) {
      values[i] = Math.exp(Math.log(0.050) + 0.8 * gaussian(random));
    }
    double[] sortedValues = values.clone();
    Arrays.sort(sortedValues);
    double exactP95 = sortedValues[(int) Math.ceil(0.95 * total) - 1];

    System.out.printf(
        Locale.ROOT,
        "%nQuery: loading %,d samples of %s (one series, one timestamp each, %s to %s) in"
            + " batches of %d from %d clients%n",
        total,
        QUERY_METRIC,
        Instant.ofEpochMilli(first),
        Instant.ofEpochMilli(last),
        batch,
        clients);
    AtomicLong nextBatch = new AtomicLong();
    AtomicLong accepted = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    List<String> failureTexts = new ArrayList<>();
    int batches = (total + batch - 1) / batch;
    double cpuBefore = host.cpuSeconds();
    double ownBefore = ownCpuSeconds();
    long started = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread t =
          new Thread(
              () -> {
                HttpClient client = host.newClient();
                for (long b = nextBatch.getAndIncrement();
                    b < batches;
                    b = nextBatch.getAndIncrement()) {
                  int from = (int) b * batch;
                  int to = Math.min(total, from + batch);
                  StringBuilder json = new StringBuilder((to - from) * 90).append('[');
                  for (int i = from; i < to; i++) {
                    if (i > from) {
                      json.append(',');
                    }
                    json.append("{\"name\":\"" + QUERY_METRIC + "\",\"type\":\"timing\",\"value\":")
                        .append(values[i])
                        .append(",\"timestamp\":")
                        .append(first + i * spacing)
                        .append('}');
                  }
                  String body = json.append(']').toString();
                  // A batch is retried (at most 3 times) only when the host did not answer 200.
                  for (int attempt = 0; attempt < 3; attempt++) {
                    try {
                      HttpResponse<String> response = host.push(client, body);
                      if (response.statusCode() == 200) {
                        accepted.addAndGet(acceptedOf(response.body()));
                        break;
                      }
                      failures.incrementAndGet();
                      synchronized (failureTexts) {
                        if (failureTexts.isEmpty()) {
                          failureTexts.add(response.statusCode() + " " + cut(response.body()));
                        }
                      }
                    } catch (IOException e) {
                      failures.incrementAndGet();
                      synchronized (failureTexts) {
                        if (failureTexts.isEmpty()) {
                          failureTexts.add(e.toString());
                        }
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                  }
                }
              },
              "query-loader-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double loadSeconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "  loaded %,d samples in %.1f s: %,.0f samples/s (host CPU %.1f s, load generator CPU"
            + " %.1f s), %d non-200%n",
        accepted.get(),
        loadSeconds,
        accepted.get() / loadSeconds,
        host.cpuSeconds() - cpuBefore,
        ownCpuSeconds() - ownBefore,
        failures.get());
    if (!failureTexts.isEmpty()) {
      notes.add("Query load: first failure: " + failureTexts.get(0));
    }
    row(
        "HTTP ingest samples/s, timestamped, one series (the 1M load)",
        String.format(Locale.ROOT, "%,.0f", accepted.get() / loadSeconds),
        String.format(
            Locale.ROOT,
            "%,d samples, %d-sample batches, %d clients, %.1f s; %d non-200",
            accepted.get(),
            batch,
            clients,
            loadSeconds,
            failures.get()));

    long queryFrom = first;
    long queryTo = last + 1_000;
    QueryAnswer count = host.queryTotal(QUERY_METRIC, "count", queryFrom, queryTo);
    System.out.printf(
        Locale.ROOT,
        "  stored: count over the range = %,.0f (%.0f ms)%n",
        count.value,
        count.nanos / 1e6);

    QueryAnswer firstRun = host.queryTotal(QUERY_METRIC, "p95", queryFrom, queryTo);
    long[] nanos = new long[runs];
    double p95 = Double.NaN;
    double cpuQueries = host.cpuSeconds();
    for (int r = 0; r < runs; r++) {
      QueryAnswer a = host.queryTotal(QUERY_METRIC, "p95", queryFrom, queryTo);
      nanos[r] = a.nanos;
      p95 = a.value;
    }
    cpuQueries = (host.cpuSeconds() - cpuQueries) / runs;
    Arrays.sort(nanos);
    double error = (p95 - exactP95) / exactP95;
    System.out.printf(
        Locale.ROOT,
        "  p95 over the whole range: first %.0f ms; then %d runs: median %.0f ms, min %.0f ms,"
            + " max %.0f ms, host CPU %.2f s per query; answer %.6f s, exact %.6f s (%+.3f%%)%n",
        firstRun.nanos / 1e6,
        runs,
        nanos[runs / 2] / 1e6,
        nanos[0] / 1e6,
        nanos[runs - 1] / 1e6,
        cpuQueries,
        p95,
        exactP95,
        error * 100);
    row(
        String.format(Locale.ROOT, "P95 query latency over %,.0f stored samples", count.value),
        String.format(
            Locale.ROOT,
            "median %.0f ms, max %.0f ms",
            nanos[runs / 2] / 1e6,
            nanos[runs - 1] / 1e6),
        String.format(
            Locale.ROOT,
            "GET /api/v1/query function=p95 over %.1f h, %d runs after a first of %.0f ms; answer"
                + " %+.2f%% from the exact P95",
            (queryTo - queryFrom) / 3.6e6,
            runs,
            firstRun.nanos / 1e6,
            error * 100));
    if (count.value != total) {
      notes.add(
          String.format(
              Locale.ROOT,
              "Query: %,.0f samples stored of %,d sent (%,d acknowledged)",
              count.value,
              total,
              accepted.get()));
    }
  }

  /** A standard normal deviate (Box-Muller), so the data does not depend on a library. */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  // ---------------------------------------------------------------------------------- host

  /** The host under test: a child process of this one, on loopback ports chosen here. */
  private static final class Host {
    private static final Pattern POINT_VALUE = Pattern.compile("\"v\":(-?[0-9.eE+-]+)");

    final Path installation;
    final Path log;
    final String step;
    final int httpPort;
    final int statsdPort;
    private Process process;
    private final HttpClient client;

    Host(Path installation, String step) throws IOException {
      this.installation = installation;
      this.log = installation.resolve("host.log");
      this.step = step;
      this.httpPort = freeTcpPort();
      this.statsdPort = freeUdpPort();
      this.client = newClient();
    }

    HttpClient newClient() {
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
    }

    void start() throws Exception {
      ProcessBuilder builder =
          new ProcessBuilder(installation.resolve("bin/nexus-monitoring").toString(), "run")
              .directory(installation.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.put("NEXUS_HOST", LOOPBACK_TEXT);
      env.put("NEXUS_PORT", Integer.toString(httpPort));
      env.put("NEXUS_STATSD_HOST", LOOPBACK_TEXT);
      env.put("NEXUS_STATSD_PORT", Integer.toString(statsdPort));
      env.put("NEXUS_METRICS_STEP", step);
      String javaOpts = System.getProperty("hostload.java.opts");
      if (javaOpts != null) {
        env.put("NEXUS_JAVA_OPTS", javaOpts);
      }
      process = builder.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the host exited with " + process.exitValue() + " while starting; log:\n" + tail());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the host did not get ready in 90 s; log:\n" + tail());
        }
        try {
          Map<String, Double> m = metrics();
          if (m.containsKey(STATSD_LINES)) {
            return;
          }
        } catch (IOException | RuntimeException e) {
          // not listening yet
        }
        Thread.sleep(250);
      }
    }

    long pid() {
      return process.pid();
    }

    String command() {
      return process.info().command().orElse("?");
    }

    HttpResponse<String> push(HttpClient c, String body) throws IOException, InterruptedException {
      HttpRequest request =
          HttpRequest.newBuilder(uri("/api/v1/metrics"))
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      return c.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Every series of {@code /metrics}: by name (summed over labels) and, for labelled series, also
     * by the series as written ({@code name{labels}}).
     */
    Map<String, Double> metrics() throws IOException, InterruptedException {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(uri("/metrics")).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("/metrics answered " + response.statusCode());
      }
      Map<String, Double> values = new LinkedHashMap<>();
      for (String line : response.body().split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int space = line.lastIndexOf(' ');
        if (space <= 0) {
          continue;
        }
        String series = line.substring(0, space).trim();
        int brace = series.indexOf('{');
        String name = brace < 0 ? series : series.substring(0, brace);
        try {
          double value = Double.parseDouble(line.substring(space + 1));
          values.merge(name, value, Double::sum);
          if (brace >= 0) {
            values.put(series, value);
          }
        } catch (NumberFormatException e) {
          // a timestamp or an exemplar; not needed here
        }
      }
      return values;
    }

    /**
     * RSS, heap in use, series held by the tracker and aggregates flushed, for the log. With {@code
     * collect}, first asks the host for a full GC through {@code jcmd} (of the JDK the host runs
     * on), between stages only, so that the heap figure is what the host keeps, not garbage.
     */
    String state(boolean collect) {
      try {
        String gc = "";
        if (collect) {
          gc = fullGc() ? "after a full GC, " : "no jcmd for a full GC, ";
        }
        Map<String, Double> m = metrics();
        double heap =
            m.entrySet().stream()
                .filter(e -> e.getKey().startsWith("jvm_memory_used"))
                .filter(e -> e.getKey().contains("area=\"heap\""))
                .mapToDouble(Map.Entry::getValue)
                .findFirst()
                .orElse(Double.NaN);
        return String.format(
            Locale.ROOT,
            "RSS %s MiB (peak %s), %sheap in use %,.0f MiB, series in memory %,.0f, aggregates"
                + " flushed %,.0f",
            rssMib("VmRSS:"),
            peakRssMib(),
            gc,
            heap / (1 << 20),
            m.getOrDefault("metrics_series_active", Double.NaN),
            m.getOrDefault(FLUSHED, Double.NaN));
      } catch (IOException | InterruptedException | RuntimeException e) {
        return "(state unavailable: " + e + ")";
      }
    }

    private boolean fullGc() throws IOException, InterruptedException {
      Path launcher = Path.of(command());
      Path jcmd = launcher.getParent() == null ? null : launcher.getParent().resolve("jcmd");
      if (jcmd == null || !Files.isExecutable(jcmd)) {
        return false;
      }
      Process p =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    }

    double metric(String name) throws IOException, InterruptedException {
      Double v = metrics().get(name);
      if (v == null) {
        throw new IllegalStateException("/metrics has no " + name);
      }
      return v;
    }

    /** One query of the whole range as one bucket; its value summed over series. */
    QueryAnswer queryTotal(String metric, String function, long fromMillis, long toMillis)
        throws IOException, InterruptedException {
      URI uri =
          uri(
              "/api/v1/query?metric="
                  + metric
                  + "&function="
                  + function
                  + "&from="
                  + fromMillis
                  + "&to="
                  + toMillis);
      long started = System.nanoTime();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      long nanos = System.nanoTime() - started;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "query " + uri + " answered " + response.statusCode() + ": " + cut(response.body()));
      }
      Matcher m = POINT_VALUE.matcher(response.body());
      double total = 0;
      int points = 0;
      while (m.find()) {
        total += Double.parseDouble(m.group(1));
        points++;
      }
      if (points == 0) {
        total = Double.NaN;
      }
      return new QueryAnswer(total, nanos);
    }

    URI uri(String pathAndQuery) {
      return URI.create("http://" + LOOPBACK_TEXT + ":" + httpPort + pathAndQuery);
    }

    /** CPU time the host process has used, in seconds (0 when the OS does not tell). */
    double cpuSeconds() {
      return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    String peakRssMib() {
      return rssMib("VmHWM:");
    }

    private String rssMib(String field) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
          if (line.startsWith(field)) {
            long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
            return Long.toString(kib >> 10);
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux
      }
      return "?";
    }

    /**
     * Datagrams the kernel dropped at the host's StatsD socket (Linux {@code /proc/net/udp*},
     * {@code drops} column), or -1 when unknown.
     */
    long udpDrops() {
      String port = String.format(Locale.ROOT, ":%04X", statsdPort);
      long drops = -1;
      for (String file : List.of("/proc/net/udp", "/proc/net/udp6")) {
        try {
          for (String line : Files.readAllLines(Path.of(file))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 12 && f[1].endsWith(port)) {
              drops = Math.max(drops, 0) + Long.parseLong(f[f.length - 1]);
            }
          }
        } catch (IOException | RuntimeException e) {
          // not Linux
        }
      }
      return drops;
    }

    /** Stops the host with SIGTERM, then SIGKILL after 30 s; returns its exit code. */
    synchronized int stop() {
      if (process == null) {
        return -1;
      }
      try {
        if (process.isAlive()) {
          process.destroy();
          if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
          }
        }
        return process.isAlive() ? -1 : process.exitValue();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    List<String> logProblems(int max) {
      try (Stream<String> lines = Files.lines(log)) {
        return lines
            .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception"))
            .limit(max)
            .map(HostLoad::cut)
            .toList();
      } catch (IOException | UncheckedIOException e) {
        return List.of("(host log unreadable: " + e + ")");
      }
    }

    String tail() {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
      } catch (IOException e) {
        return "(no log: " + e + ")";
      }
    }
  }

  private record QueryAnswer(double value, long nanos) {}

  // ---------------------------------------------------------------------------------- helpers

  private void row(String what, String result, String how) {
    table.add(new String[] {what, result, how});
  }

  private void printResults() {
    System.out.printf(Locale.ROOT, "%nResults (load average after: %s)%n%n", loadAverage());
    System.out.println("| Measure | Result | How |");
    System.out.println("|---|---:|---|");
    for (String[] r : table) {
      System.out.println("| " + r[0] + " | " + r[1] + " | " + r[2] + " |");
    }
    if (!notes.isEmpty()) {
      System.out.println();
      notes.forEach(n -> System.out.println("- " + n));
    }
  }

  private static long acceptedOf(String body) {
    Matcher m = Pattern.compile("\"accepted\":(\\d+)").matcher(body);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static long[] longs(String list) {
    return Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .mapToLong(Long::parseLong)
        .toArray();
  }

  private static String cut(String text) {
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
  }

  private static double ownCpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(0.0);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return String.format(
          Locale.ROOT,
          "%.2f",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      return socket.getLocalPort();
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
      channel.bind(new InetSocketAddress(LOOPBACK, 0));
      return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.startsWith(from.resolve("data"))) {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static long directorySize(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return 0;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
