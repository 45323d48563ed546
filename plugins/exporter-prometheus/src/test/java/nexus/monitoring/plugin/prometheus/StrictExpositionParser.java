package nexus.monitoring.plugin.prometheus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A deliberately strict reader of the Prometheus text format 0.0.4, written for these tests.
 *
 * <p>Beyond the format's own rules it rejects what a well-behaved exporter never writes: blank
 * lines, timestamps, a family declared without {@code # TYPE}, a {@code # TYPE} without samples,
 * and a family whose lines are not contiguous. Every violation throws {@link
 * IllegalArgumentException} naming the line number and the line.
 */
final class StrictExpositionParser {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "summary", "histogram", "untyped");

  /** A parsed exposition: families in order of appearance, and free comments. */
  record Exposition(List<Family> families, List<String> comments) {
    Family family(String name) {
      return families.stream()
          .filter(f -> f.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no family " + name + " in " + families));
    }
  }

  /** One family; {@code help} is unescaped, null when absent. */
  record Family(String name, String type, String help, List<Sample> samples) {}

  /** One sample with unescaped label values, in the order written. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Family> families = new ArrayList<>();
  private final List<String> comments = new ArrayList<>();
  private final Set<String> closedFamilies = new HashSet<>();
  private final Map<String, String> sampleNameOwners = new HashMap<>();
  private final Set<String> seriesSeen = new HashSet<>();
  private String current;
  private String currentType;
  private String currentHelp;
  private List<Sample> currentSamples;
  private int lineNumber;
  private String line;

  private StrictExpositionParser() {}

  static Exposition parse(String text) {
    StrictExpositionParser parser = new StrictExpositionParser();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("exposition does not end with a line feed");
    }
    String[] lines =
        text.isEmpty() ? new String[0] : text.substring(0, text.length() - 1).split("\n", -1);
    for (String line : lines) {
      parser.lineNumber++;
      parser.line = line;
      parser.parseLine();
    }
    parser.closeFamily();
    return new Exposition(List.copyOf(parser.families), List.copyOf(parser.comments));
  }

  private void parseLine() {
    if (line.isEmpty()) {
      throw error("blank line");
    }
    if (line.startsWith("# HELP ")) {
      parseHelp(line.substring("# HELP ".length()));
    } else if (line.startsWith("# TYPE ")) {
      parseType(line.substring("# TYPE ".length()));
    } else if (line.startsWith("#")) {
      comments.add(line);
    } else {
      parseSample();
    }
  }

  private void parseHelp(String rest) {
    int space = rest.indexOf(' ');
    String name = space < 0 ? rest : rest.substring(0, space);
    String docstring = space < 0 ? "" : rest.substring(space + 1);
    requireMetricName(name);
    enterFamily(name);
    if (currentHelp != null) {
      throw error("second HELP for " + name);
    }
    currentHelp = unescape(docstring, false);
  }

  private void parseType(String rest) {
    String[] parts = rest.split(" ", -1);
    if (parts.length != 2) {
      throw error("TYPE needs exactly a name and a type");
    }
    requireMetricName(parts[0]);
    if (!TYPES.contains(parts[1])) {
      throw error("unknown type " + parts[1]);
    }
    enterFamily(parts[0]);
    if (currentType != null) {
      throw error("second TYPE for " + parts[0]);
    }
    currentType = parts[1];
    List<String> sampleNames =
        switch (currentType) {
          case "summary" -> List.of(current, current + "_sum", current + "_count");
          case "histogram" -> List.of(current + "_bucket", current + "_sum", current + "_count");
          default -> List.of(current);
        };
    for (String sampleName : sampleNames) {
      String owner = sampleNameOwners.putIfAbsent(sampleName, current);
      if (owner != null) {
        throw error("sample name " + sampleName + " already belongs to family " + owner);
      }
    }
  }

  private void enterFamily(String name) {
    if (name.equals(current)) {
      if (!currentSamples.isEmpty()) {
        throw error("HELP or TYPE after samples of " + name);
      }
      return;
    }
    closeFamily();
    if (!closedFamilies.add(name)) {
      throw error("family " + name + " appears in two places");
    }
    current = name;
    currentType = null;
    currentHelp = null;
    currentSamples = new ArrayList<>();
  }

  private void closeFamily() {
    if (current == null) {
      return;
    }
    if (currentType == null) {
      throw error("family " + current + " has no TYPE");
    }
    if (currentSamples.isEmpty()) {
      throw error("family " + current + " has no samples");
    }
    families.add(new Family(current, currentType, currentHelp, List.copyOf(currentSamples)));
    current = null;
  }

  private void parseSample() {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    requireMetricName(name);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = parseLabels(i + 1, labels);
    }
    if (i >= line.length() || line.charAt(i) != ' ') {
      throw error("expected a space before the value");
    }
    String value = line.substring(i + 1);
    if (value.contains(" ")) {
      throw error("timestamps or extra tokens are not expected: '" + value + "'");
    }
    requireMembership(name, labels);
    if (!seriesSeen.add(name + new TreeMap<>(labels))) {
      throw error("duplicate series " + name + labels);
    }
    currentSamples.add(new Sample(name, Map.copyOf(labels), parseValue(value)));
  }

  private void requireMembership(String name, Map<String, String> labels) {
    if (current == null || currentType == null) {
      throw error("sample " + name + " outside a family declared with TYPE");
    }
    boolean quantileSample = currentType.equals("summary") && name.equals(current);
    boolean member =
        switch (currentType) {
          case "summary" ->
              name.equals(current)
                  || name.equals(current + "_sum")
                  || name.equals(current + "_count");
          case "histogram" ->
              name.equals(current + "_bucket")
                  || name.equals(current + "_sum")
                  || name.equals(current + "_count");
          default -> name.equals(current);
        };
    if (!member) {
      throw error("sample " + name + " does not belong to " + currentType + " family " + current);
    }
    if (quantileSample != labels.containsKey("quantile")) {
      throw error("quantile label must be on exactly the quantile samples of a summary");
    }
  }

  private int parseLabels(int start, Map<String, String> labels) {
    int i = start;
    while (true) {
      if (i >= line.length()) {
        throw error("unterminated label set");
      }
      if (line.charAt(i) == '}') {
        return i + 1;
      }
      int equals = line.indexOf('=', i);
      if (equals < 0) {
        throw error("label without '='");
      }
      String labelName = line.substring(i, equals);
      if (!LABEL_NAME.matcher(labelName).matches() || labelName.startsWith("__")) {
        throw error("invalid label name '" + labelName + "'");
      }
      if (equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
        throw error("label value of " + labelName + " is not quoted");
      }
      StringBuilder raw = new StringBuilder();
      int j = equals + 2;
      while (true) {
        if (j >= line.length()) {
          throw error("unterminated label value of " + labelName);
        }
        char c = line.charAt(j);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          if (j + 1 >= line.length()) {
            throw error("dangling backslash in label value");
          }
          raw.append(c).append(line.charAt(j + 1));
          j += 2;
        } else {
          raw.append(c);
          j++;
        }
      }
      if (labels.put(labelName, unescape(raw.toString(), true)) != null) {
        throw error("label " + labelName + " appears twice");
      }
      i = j + 1;
      if (i < line.length() && line.charAt(i) == ',') {
        i++;
      }
    }
  }

  private double parseValue(String value) {
    return switch (value) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        if (!FLOAT.matcher(value).matches()) {
          throw error("invalid value '" + value + "'");
        }
        yield Double.parseDouble(value);
      }
    };
  }

  private String unescape(String text, boolean quoteAllowed) {
    StringBuilder result = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        result.append(c);
        continue;
      }
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      switch (next) {
        case '\\' -> result.append('\\');
        case 'n' -> result.append('\n');
        case '"' -> {
          if (!quoteAllowed) {
            throw error("escaped quote in HELP");
          }
          result.append('"');
        }
        default -> throw error("invalid escape '\\" + next + "'");
      }
      i++;
    }
    return result.toString();
  }

  private void requireMetricName(String name) {
    if (!METRIC_NAME.matcher(name).matches()) {
      throw error("invalid metric name '" + name + "'");
    }
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException("line " + lineNumber + ": " + problem + ": " + line);
  }
}
