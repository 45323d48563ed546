package nexus.monitoring.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the JSON results of a benchmark run ({@code -rf json}) into the Markdown tables of
 * docs/performance.md: per scenario, each library's time and allocation per operation, and its
 * ratio to the fastest peer and to the floor. Times are the median of the measurement iterations,
 * with the fastest and slowest iteration after them.
 *
 * <p>Usage: {@code java -cp benchmarks.jar nexus.monitoring.benchmarks.PerformanceTables
 * results.json}. "Peer" means Micrometer, the Prometheus client, Dropwizard and OpenTelemetry: the
 * fastest peer of a row never includes Nexus or the floor.
 */
public final class PerformanceTables {
  private static final String PACKAGE = "nexus.monitoring.benchmarks.";
  private static final List<String> PEERS =
      List.of("micrometer", "prometheus", "dropwizard", "openTelemetry");
  private static final Map<String, String> LIBRARY_NAMES = new LinkedHashMap<>();

  static {
    LIBRARY_NAMES.put("nexus", "**Nexus**");
    LIBRARY_NAMES.put("micrometer", "Micrometer");
    LIBRARY_NAMES.put("prometheus", "Prometheus client");
    LIBRARY_NAMES.put("dropwizard", "Dropwizard");
    LIBRARY_NAMES.put("openTelemetry", "OpenTelemetry SDK");
    LIBRARY_NAMES.put("floor", "floor");
  }

  private final Map<String, Result> results = new LinkedHashMap<>();

  private PerformanceTables(JsonNode run) {
    for (JsonNode benchmark : run) {
      Result result = Result.of(benchmark);
      results.put(result.key(), result);
    }
  }

  /** Prints the tables of the results file named by the only argument to standard output. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: PerformanceTables <results.json written by -rf json>");
      System.exit(2);
    }
    JsonNode run = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    new PerformanceTables(run).print(out);
  }

  private void print(PrintStream out) {
    recording(out, "Counter increment, handle", "CounterHandle", "", "floorLongAdder");
    recording(out, "Counter increment by name, 2 tags", "CounterByName", "2Tags", "floorLongAdder");
    recording(out, "Counter increment by name, 5 tags", "CounterByName", "5Tags", "floorLongAdder");
    recording(out, "Timer record, handle", "TimerHandle", "", "floorRecorder");
    recording(out, "Timer record by name, 2 tags", "TimerByName", "2Tags", "floorRecorder");
    recording(out, "Timer record by name, 5 tags", "TimerByName", "5Tags", "floorRecorder");
    recording(out, "Histogram record, handle", "HistogramHandle", "", "floorRecorder");
    scrape(out);
  }

  /**
   * One table: a row per library, for one and four threads its ns/op, B/op and the two ratios. By
   * name scenarios have no floor of their own: their floor column is the handle floor.
   */
  private void recording(
      PrintStream out, String title, String scenario, String suffix, String floorMethod) {
    String floorScenario = scenario.replace("ByName", "Handle");
    boolean ownFloor = floorScenario.equals(scenario);
    out.println("#### " + title);
    out.println();
    out.println(
        "| library | 1 thread: ns/op | B/op | × fastest peer | × floor"
            + " | 4 threads: ns/op | B/op | × fastest peer | × floor |");
    out.println("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
    List<String> libraries = new ArrayList<>(List.of("nexus"));
    libraries.addAll(PEERS);
    if (ownFloor) {
      libraries.add("floor");
    }
    for (String library : libraries) {
      StringBuilder row = new StringBuilder("| " + LIBRARY_NAMES.get(library));
      for (String threads : List.of("OneThread", "FourThreads")) {
        String method = library.equals("floor") ? floorMethod : library + suffix;
        Result result = results.get(scenario + "." + threads + "." + method);
        Result fastest = fastestPeer(scenario, threads, suffix);
        Result floor = results.get(floorScenario + "." + threads + "." + floorMethod);
        row.append(cells(result, fastest, floor));
      }
      out.println(row.append(" |"));
    }
    if (!ownFloor) {
      out.println();
      out.println("The floor here is the handle floor: a by-name call has none of its own.");
    }
    out.println();
  }

  private void scrape(PrintStream out) {
    out.println("#### Rendering Prometheus text");
    out.println();
    out.println(
        "| library | 10,000 series: ms/op | MB/op | × fastest peer"
            + " | 100,000 series: ms/op | MB/op | × fastest peer |");
    out.println("|---|--:|--:|--:|--:|--:|--:|");
    List<String> rows =
        List.of(
            "nexusWriter",
            "prometheusWriter",
            "nexusScrape",
            "prometheusScrape",
            "micrometerScrape");
    for (String method : rows) {
      String library = method.replace("Writer", "").replace("Scrape", "");
      String kind = method.endsWith("Writer") ? "writer only" : "snapshot + writer";
      StringBuilder row = new StringBuilder("| " + LIBRARY_NAMES.get(library) + ", " + kind);
      for (String series : List.of("10000", "100000")) {
        Result result = results.get("Scrape." + method + "@" + series);
        String peerKind = method.endsWith("Writer") ? "Writer" : "Scrape";
        Result fastest = fastestScrape(peerKind, series);
        if (result == null) {
          row.append(" | – | – | –");
        } else {
          row.append(" | ")
              .append(timing(result))
              .append(" | ")
              .append(number(result.bytesPerOp() / 1e6))
              .append(" | ")
              .append(ratio(result, fastest));
        }
      }
      out.println(row.append(" |"));
    }
    out.println();
  }

  private Result fastestPeer(String scenario, String threads, String suffix) {
    Result fastest = null;
    for (String peer : PEERS) {
      Result result = results.get(scenario + "." + threads + "." + peer + suffix);
      if (result != null && (fastest == null || result.score() < fastest.score())) {
        fastest = result;
      }
    }
    return fastest;
  }

  private Result fastestScrape(String kind, String series) {
    Result fastest = null;
    for (String peer : List.of("prometheus", "micrometer")) {
      Result result = results.get("Scrape." + peer + kind + "@" + series);
      if (result != null && (fastest == null || result.score() < fastest.score())) {
        fastest = result;
      }
    }
    return fastest;
  }

  private static String cells(Result result, Result fastest, Result floor) {
    if (result == null) {
      return " | – | – | – | –";
    }
    return " | "
        + timing(result)
        + " | "
        + bytes(result.bytesPerOp())
        + " | "
        + ratio(result, fastest)
        + " | "
        + ratio(result, floor);
  }

  /** The median, then the fastest and slowest iteration: {@code 12.1 (11.8–14.0)}. */
  private static String timing(Result result) {
    return number(result.score())
        + " <sub>("
        + number(result.low())
        + "–"
        + number(result.high())
        + ")</sub>";
  }

  private static String ratio(Result result, Result base) {
    if (base == null || base.score() <= 0) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.2f", result.score() / base.score());
  }

  /** Bytes per operation to the byte; JMH reports allocation-free code as a few 10^-4 B/op. */
  private static String bytes(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.0f", value);
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    double magnitude = Math.abs(value);
    String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, pattern, value);
  }

  /**
   * One benchmark's outcome: the median and the range of its measurement iterations, and bytes
   * allocated per operation ({@code gc.alloc.rate.norm} of {@code -prof gc}, NaN without it). The
   * median rather than JMH's mean, because on a shared two-core machine an iteration that another
   * process interrupted is slower, never faster; the range shows how much that happened.
   */
  private record Result(String key, double score, double low, double high, double bytesPerOp) {
    static Result of(JsonNode benchmark) {
      String name = benchmark.get("benchmark").asText();
      String key = name.startsWith(PACKAGE) ? name.substring(PACKAGE.length()) : name;
      JsonNode series = benchmark.path("params").path("series");
      if (!series.isMissingNode()) {
        key += "@" + series.asText();
      }
      List<Double> iterations = new ArrayList<>();
      for (JsonNode fork : benchmark.get("primaryMetric").get("rawData")) {
        fork.forEach(iteration -> iterations.add(iteration.asDouble()));
      }
      iterations.sort(null);
      int n = iterations.size();
      double median =
          n % 2 == 1
              ? iterations.get(n / 2)
              : (iterations.get(n / 2 - 1) + iterations.get(n / 2)) / 2;
      JsonNode allocation = benchmark.path("secondaryMetrics").path("gc.alloc.rate.norm");
      double bytes = allocation.isMissingNode() ? Double.NaN : allocation.get("score").asDouble();
      return new Result(key, median, iterations.get(0), iterations.get(n - 1), bytes);
    }
  }
}
