package nexus.monitoring.distribution;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, to assert that a scrape is
 * well-formed rather than merely containing some expected words.
 *
 * <p>Beyond the format's own rules (names, label syntax and escapes, float syntax, one {@code TYPE}
 * per family before its samples, each family's lines in one group, no duplicate series), it
 * requires what the host promises: every family has both {@code HELP} and {@code TYPE}.
 */
final class PrometheusText {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|NaN|[-+]Inf");
  private static final Pattern TIMESTAMP = Pattern.compile("-?\\d+");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** One metric family: its declarations and its samples, in order. */
  record Family(String name, String type, String help, List<Sample> samples) {}

  /** A scrape that breaks the format; the message names the line. */
  static final class FormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    FormatException(int line, String problem, String text) {
      super("line " + line + ": " + problem + ": " + text);
    }
  }

  private final Map<String, String> types = new LinkedHashMap<>();
  private final Map<String, String> helps = new LinkedHashMap<>();
  private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
  private final Set<String> closed = new HashSet<>();
  private final Set<String> series = new HashSet<>();
  private String current;

  private PrometheusText() {}

  /**
   * Parses a whole scrape.
   *
   * @return the families by name, in the order they appear
   * @throws FormatException at the first line that breaks the format
   */
  static Map<String, Family> parse(String text) {
    PrometheusText parser = new PrometheusText();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new FormatException(0, "the scrape does not end with a line feed", lastLine(text));
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      parser.line(i + 1, lines[i]);
    }
    return parser.families();
  }

  private void line(int number, String line) {
    if (line.isEmpty()) {
      return;
    }
    if (line.indexOf('\r') >= 0) {
      throw new FormatException(number, "carriage return in a line", line);
    }
    if (line.startsWith("#")) {
      comment(number, line);
    } else {
      sample(number, line);
    }
  }

  private void comment(int number, String line) {
    String[] parts = line.split(" ", 4);
    boolean help = parts.length >= 3 && parts[0].equals("#") && parts[1].equals("HELP");
    boolean type = parts.length >= 3 && parts[0].equals("#") && parts[1].equals("TYPE");
    if (!help && !type) {
      return; // any other comment is allowed and means nothing
    }
    String name = parts[2];
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new FormatException(number, "invalid metric name in " + parts[1], line);
    }
    enter(number, name, line);
    if (help) {
      String doc = parts.length == 4 ? parts[3] : "";
      checkHelpEscapes(number, doc, line);
      if (helps.putIfAbsent(name, doc) != null) {
        throw new FormatException(number, "second HELP for " + name, line);
      }
    } else {
      if (parts.length != 4 || !TYPES.contains(parts[3])) {
        throw new FormatException(number, "TYPE must be one of " + TYPES, line);
      }
      if (!samples.getOrDefault(name, List.of()).isEmpty()) {
        throw new FormatException(number, "TYPE after samples of " + name, line);
      }
      if (types.putIfAbsent(name, parts[3]) != null) {
        throw new FormatException(number, "second TYPE for " + name, line);
      }
    }
  }

  private void sample(int number, String line) {
    int at = 0;
    while (at < line.length() && line.charAt(at) != '{' && line.charAt(at) != ' ') {
      at++;
    }
    String name = line.substring(0, at);
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new FormatException(number, "invalid metric name", line);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (at < line.length() && line.charAt(at) == '{') {
      at = labels(number, line, at + 1, labels);
    }
    if (at >= line.length() || line.charAt(at) != ' ') {
      throw new FormatException(number, "expected one space before the value", line);
    }
    String[] rest = line.substring(at + 1).split(" ", -1);
    if (rest.length > 2 || !FLOAT.matcher(rest[0]).matches()) {
      throw new FormatException(number, "expected a value and an optional timestamp", line);
    }
    if (rest.length == 2 && !TIMESTAMP.matcher(rest[1]).matches()) {
      throw new FormatException(number, "invalid timestamp", line);
    }
    double value = parseValue(rest[0]);

    String family = familyOf(name, labels);
    if (family == null) {
      throw new FormatException(number, "sample of a family without TYPE", line);
    }
    enter(number, family, line);
    if (types.get(family).equals("counter") && !(value >= 0) && !Double.isNaN(value)) {
      throw new FormatException(number, "negative counter", line);
    }
    if (!series.add(name + labels)) {
      throw new FormatException(number, "duplicate series", line);
    }
    samples.computeIfAbsent(family, f -> new ArrayList<>()).add(new Sample(name, labels, value));
  }

  /** Reads {@code name="value",...}} from {@code at}; returns the index after the brace. */
  private static int labels(int number, String line, int at, Map<String, String> labels) {
    while (true) {
      if (at < line.length() && line.charAt(at) == '}') {
        if (!labels.isEmpty() && line.charAt(at - 1) == ',') {
          throw new FormatException(number, "trailing comma in labels", line);
        }
        return at + 1;
      }
      int equals = line.indexOf('=', at);
      if (equals < 0) {
        throw new FormatException(number, "label without '='", line);
      }
      String label = line.substring(at, equals);
      if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
        throw new FormatException(number, "invalid label name '" + label + "'", line);
      }
      if (equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
        throw new FormatException(number, "label value is not quoted", line);
      }
      StringBuilder value = new StringBuilder();
      int i = equals + 2;
      while (true) {
        if (i >= line.length()) {
          throw new FormatException(number, "unterminated label value", line);
        }
        char c = line.charAt(i);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          char next = i + 1 < line.length() ? line.charAt(i + 1) : ' ';
          switch (next) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> throw new FormatException(number, "invalid escape \\" + next, line);
          }
          i += 2;
        } else {
          value.append(c);
          i++;
        }
      }
      if (labels.put(label, value.toString()) != null) {
        throw new FormatException(number, "label '" + label + "' twice", line);
      }
      at = i + 1;
      if (at < line.length() && line.charAt(at) == ',') {
        at++;
      } else if (at >= line.length() || line.charAt(at) != '}') {
        throw new FormatException(number, "expected ',' or '}' after a label", line);
      }
    }
  }

  /** The declared family a sample belongs to, allowing histogram and summary suffixes. */
  private String familyOf(String name, Map<String, String> labels) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String type = types.get(base);
        boolean bucket = suffix.equals("_bucket");
        if ("histogram".equals(type) && (!bucket || labels.containsKey("le"))) {
          return base;
        }
        if ("summary".equals(type) && !bucket) {
          return base;
        }
      }
    }
    return null;
  }

  /** Moves to {@code family}; a family whose group was left may not come back. */
  private void enter(int number, String family, String line) {
    if (family.equals(current)) {
      return;
    }
    if (closed.contains(family)) {
      throw new FormatException(number, "lines of " + family + " are not in one group", line);
    }
    if (current != null) {
      closed.add(current);
    }
    current = family;
  }

  /** HELP text may escape only a backslash and a line feed. */
  private static void checkHelpEscapes(int number, String text, String line) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\\') {
        char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        if (next != '\\' && next != 'n') {
          throw new FormatException(number, "invalid escape \\" + next, line);
        }
        i++;
      }
    }
  }

  private static double parseValue(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private Map<String, Family> families() {
    Map<String, Family> result = new LinkedHashMap<>();
    Set<String> names = new LinkedHashSet<>(types.keySet());
    names.addAll(helps.keySet());
    for (String name : names) {
      if (!types.containsKey(name) || !helps.containsKey(name)) {
        throw new FormatException(
            0, "family without " + (types.containsKey(name) ? "HELP" : "TYPE"), name);
      }
      List<Sample> familySamples = List.copyOf(samples.getOrDefault(name, List.of()));
      result.put(name, new Family(name, types.get(name), helps.get(name), familySamples));
    }
    return result;
  }

  private static String lastLine(String text) {
    int newline = text.lastIndexOf('\n');
    return newline < 0 ? text : text.substring(newline + 1);
  }
}
