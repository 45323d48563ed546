package nexus.monitoring.runtime.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.MetricNames;
import nexus.monitoring.api.MetricTag;

/**
 * Reads StatsD and DogStatsD datagrams: one metric line per {@code \n}, each of the form
 *
 * <pre>{@code
 * name:value[:value...]|type[|@rate][|#key:value,key2:value2][|T<unix seconds>][|c:<container id>]
 * }</pre>
 *
 * <p>A line is read on its own: a malformed line becomes a {@link Rejection} naming its line number
 * and the reason, and the lines around it are read as usual. A trailing {@code \r} is removed from
 * every line; empty lines are skipped. The parser is stateless and thread-safe.
 *
 * <h2>Types</h2>
 *
 * <ul>
 *   <li>{@code c} counter: the value divided by the sample rate, so {@code hits:1|c|@0.1} counts
 *       10. A negative counter value is rejected: our counters only go up; send a gauge delta
 *       instead.
 *   <li>{@code g} gauge: an unsigned value sets the gauge; a value with a leading {@code +} or
 *       {@code -} changes it by that amount ({@link StatsdType#GAUGE_DELTA}). StatsD has no way to
 *       send a negative absolute value: {@code temp:-5|g} subtracts 5. To set -5, send {@code
 *       temp:0|g} and then {@code temp:-5|g}.
 *   <li>{@code ms} timer: milliseconds, converted to seconds.
 *   <li>{@code h} histogram and {@code d} distribution: one observation each; both become
 *       histograms.
 *   <li>{@code s} set: the whole text after the first {@code :} is one member, which may itself
 *       contain {@code :}.
 * </ul>
 *
 * <p>Timers, histograms and distributions must not be negative. Every type but sets takes several
 * values separated by {@code :} (DogStatsD 1.1), each becoming its own sample with the line's type,
 * rate and tags; one bad value rejects the whole line.
 *
 * <h2>Fields after the type</h2>
 *
 * <ul>
 *   <li>{@code @rate}: a number greater than 0 and at most 1. It scales counters and is passed on
 *       with timers, histograms and distributions; on gauges and sets it is read and ignored.
 *   <li>{@code #tags}: comma-separated {@code key:value} pairs; a tag without {@code :} has the
 *       empty value, and the value runs from the first {@code :} to the comma, so it may contain
 *       {@code :}. Keys follow the name rule below; values are kept as sent (at most {@value
 *       MetricTag#MAX_VALUE_LENGTH} characters). An empty tag, an empty key or a key given twice
 *       rejects the line.
 *   <li>{@code T<seconds>}: DogStatsD 1.3 timestamp, in Unix seconds; it replaces the receive time.
 *   <li>{@code c:<id>}: DogStatsD 1.2 container id; accepted and ignored (a tag per container would
 *       make unbounded series).
 *   <li>Any other field that starts with lowercase letters and {@code :} is taken for a newer
 *       DogStatsD extension and ignored. Anything else, an empty field, or a field given twice
 *       rejects the line.
 * </ul>
 *
 * <p>DogStatsD events ({@code _e{...}}) and service checks ({@code _sc|...}) are rejected with a
 * reason saying so.
 *
 * <h2>Name rule</h2>
 *
 * <p>StatsD names are dotted paths, and metric names here may contain dots, so dots stay. Every
 * other character that {@link MetricNames} does not allow (anything but ASCII letters, digits,
 * {@code _} and {@code .}) becomes one {@code _} per code point: {@code api-gw.req/s} becomes
 * {@code api_gw.req_s}. After that, a name that is empty, does not start with an ASCII letter (such
 * as {@code 5xx.count} or {@code .hits}) or is longer than {@value MetricNames#MAX_LENGTH}
 * characters is rejected, never renamed further. Tag keys follow the same rule. Two names that map
 * to the same text ({@code a-b} and {@code a_b}) are the same metric.
 *
 * <h2>Limits</h2>
 *
 * <p>A line longer than the line limit (default {@value #DEFAULT_MAX_LINE_LENGTH} characters) is
 * rejected. A datagram with more lines than the line count limit (default {@value
 * #DEFAULT_MAX_LINES}) has its first lines read and the rest reported by one rejection, at the
 * first line not read; {@link Result#droppedLines()} counts them.
 */
public final class StatsdParser {
  /** Longest line read by default, in characters. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 8192;

  /** Most lines read from one datagram by default. */
  public static final int DEFAULT_MAX_LINES = 10_000;

  /** Longest excerpt of a rejected line kept in its {@link Rejection}. */
  static final int QUOTED_LINE_LENGTH = 200;

  /** Longest excerpt of a value quoted in a rejection reason. */
  private static final int QUOTED_VALUE_LENGTH = 64;

  private final int maxLineLength;
  private final int maxLines;

  /** A parser with the default limits. */
  public StatsdParser() {
    this(DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_LINES);
  }

  /**
   * @param maxLineLength longest line read, in characters; at least 1
   * @param maxLines most lines read from one datagram; at least 1
   */
  public StatsdParser(int maxLineLength, int maxLines) {
    if (maxLineLength < 1 || maxLines < 1) {
      throw new IllegalArgumentException(
          "StatsD limits must be at least 1; got max line length "
              + maxLineLength
              + " and max lines "
              + maxLines);
    }
    this.maxLineLength = maxLineLength;
    this.maxLines = maxLines;
  }

  /**
   * Everything read from one datagram.
   *
   * @param samples the values of the good lines, in datagram order
   * @param rejections one per malformed line, in datagram order, plus one for the lines over the
   *     line count limit
   * @param lines the non-empty lines read, good and malformed
   * @param droppedLines non-empty lines not read because the datagram was over the line count limit
   */
  public record Result(
      List<StatsdSample> samples, List<Rejection> rejections, int lines, int droppedLines) {
    public Result {
      samples = List.copyOf(samples);
      rejections = List.copyOf(rejections);
    }
  }

  /**
   * A line that was not read.
   *
   * @param lineNumber 1-based, counting every line of the datagram including empty ones
   * @param line the line, cut to {@value #QUOTED_LINE_LENGTH} characters with control characters
   *     escaped, fit for a log
   * @param reason what is wrong, quoting the offending part
   */
  public record Rejection(int lineNumber, String line, String reason) {}

  /**
   * Reads every line of {@code datagram}.
   *
   * @param receivedAt the timestamp of samples whose line has no {@code T} field
   */
  public Result parse(String datagram, Instant receivedAt) {
    List<StatsdSample> samples = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>(0);
    int lines = 0;
    int lineNumber = 0;
    int start = 0;
    int length = datagram.length();
    while (start < length) {
      int newline = datagram.indexOf('\n', start);
      int end = newline < 0 ? length : newline;
      int next = end + 1;
      lineNumber++;
      if (end > start && datagram.charAt(end - 1) == '\r') {
        end--;
      }
      if (end > start) {
        if (lines == maxLines) {
          int dropped = countNonEmptyLines(datagram, start);
          rejections.add(
              new Rejection(
                  lineNumber,
                  quoteLine(datagram, start, end),
                  "datagram has more than "
                      + maxLines
                      + " lines; this line and the "
                      + (dropped - 1)
                      + " non-empty lines after it were not read"));
          return new Result(samples, rejections, lines, dropped);
        }
        lines++;
        readLine(datagram, start, end, lineNumber, receivedAt, samples, rejections);
      }
      start = next;
    }
    return new Result(samples, rejections, lines, 0);
  }

  private void readLine(
      String datagram,
      int start,
      int end,
      int lineNumber,
      Instant receivedAt,
      List<StatsdSample> samples,
      List<Rejection> rejections) {
    if (end - start > maxLineLength) {
      rejections.add(
          new Rejection(
              lineNumber,
              quoteLine(datagram, start, end),
              "line has "
                  + (end - start)
                  + " characters; at most "
                  + maxLineLength
                  + " are accepted"));
      return;
    }
    String line = datagram.substring(start, end);
    int before = samples.size();
    try {
      parseLine(line, receivedAt, samples);
    } catch (MalformedLine e) {
      samples.subList(before, samples.size()).clear();
      rejections.add(new Rejection(lineNumber, quoteLine(line, 0, line.length()), e.getMessage()));
    }
  }

  private static void parseLine(String line, Instant receivedAt, List<StatsdSample> out) {
    if (line.startsWith("_e{")) {
      throw new MalformedLine("DogStatsD events (_e) are not accepted; only metric lines are");
    }
    if (line.startsWith("_sc|")) {
      throw new MalformedLine(
          "DogStatsD service checks (_sc) are not accepted; only metric lines are");
    }
    int pipe = line.indexOf('|');
    if (pipe < 0) {
      throw new MalformedLine("missing '|' and type; expected name:value|type");
    }
    int colon = line.indexOf(':');
    if (colon < 0 || colon > pipe) {
      throw new MalformedLine("missing ':' between name and value; expected name:value|type");
    }
    String name = mapName("metric name", line.substring(0, colon));
    String values = line.substring(colon + 1, pipe);
    List<String> fields = split(line, pipe + 1, '|');
    String code = fields.get(0);
    StatsdType type =
        switch (code) {
          case "c" -> StatsdType.COUNTER;
          case "g" -> StatsdType.GAUGE;
          case "ms" -> StatsdType.TIMING;
          case "h" -> StatsdType.HISTOGRAM;
          case "d" -> StatsdType.DISTRIBUTION;
          case "s" -> StatsdType.SET;
          case "" ->
              throw new MalformedLine("missing type after '|'; expected c, g, ms, h, d or s");
          default ->
              throw new MalformedLine(
                  "unknown type '" + quote(code) + "'; expected c, g, ms, h, d or s");
        };

    double rate = 1.0;
    List<MetricTag> tags = List.of();
    Instant timestamp = receivedAt;
    boolean rateSeen = false;
    boolean tagsSeen = false;
    boolean timestampSeen = false;
    boolean containerSeen = false;
    for (int i = 1; i < fields.size(); i++) {
      String field = fields.get(i);
      if (field.isEmpty()) {
        throw new MalformedLine(
            "field " + i + " after the type is empty; remove the doubled or trailing '|'");
      }
      char first = field.charAt(0);
      if (first == '@') {
        rateSeen = once(rateSeen, "sample rate '@'");
        rate = parseRate(field.substring(1));
      } else if (first == '#') {
        tagsSeen = once(tagsSeen, "tags '#'");
        tags = parseTags(field.substring(1));
      } else if (first == 'T') {
        timestampSeen = once(timestampSeen, "timestamp 'T'");
        timestamp = parseTimestamp(field.substring(1));
      } else if (field.startsWith("c:")) {
        containerSeen = once(containerSeen, "container id 'c:'");
      } else if (!isExtensionField(field)) {
        throw new MalformedLine(
            "unknown field '"
                + quote(field)
                + "'; expected @<rate>, #<tags>, T<unix seconds> or c:<container id>");
      }
    }

    if (type == StatsdType.SET) {
      if (values.isEmpty()) {
        throw new MalformedLine("set member is empty; expected name:member|s");
      }
      out.add(new StatsdSample(type, name, tags, 0, values, rate, timestamp));
      return;
    }
    for (String text : split(values, 0, ':')) {
      out.add(sample(type, name, tags, text, rate, timestamp));
    }
  }

  private static StatsdSample sample(
      StatsdType type,
      String name,
      List<MetricTag> tags,
      String text,
      double rate,
      Instant timestamp) {
    double value = parseNumber("value", text);
    boolean signed = text.charAt(0) == '+' || text.charAt(0) == '-';
    switch (type) {
      case COUNTER -> {
        if (value < 0) {
          throw new MalformedLine(
              "counter value '"
                  + quote(text)
                  + "' is negative; counters only go up here (send a gauge delta for a value that"
                  + " goes down)");
        }
        value = finite(text, value / rate);
      }
      case GAUGE -> {
        if (signed) {
          type = StatsdType.GAUGE_DELTA;
        }
      }
      case TIMING -> {
        requireNotNegative("timer", text, value);
        value = value / 1000.0;
      }
      case HISTOGRAM -> requireNotNegative("histogram", text, value);
      case DISTRIBUTION -> requireNotNegative("distribution", text, value);
      default -> throw new IllegalStateException("no value rule for " + type);
    }
    return new StatsdSample(type, name, tags, value, null, rate, timestamp);
  }

  private static void requireNotNegative(String kind, String text, double value) {
    if (value < 0) {
      throw new MalformedLine(kind + " value '" + quote(text) + "' is negative");
    }
  }

  private static boolean once(boolean seen, String what) {
    if (seen) {
      throw new MalformedLine(what + " is given twice");
    }
    return true;
  }

  private static double parseRate(String text) {
    double rate;
    try {
      rate = parseNumber("sample rate", text);
    } catch (MalformedLine e) {
      rate = Double.NaN;
    }
    if (!(rate > 0 && rate <= 1)) {
      throw new MalformedLine(
          "sample rate '"
              + quote(text)
              + "' is invalid; expected a number greater than 0 and at most 1");
    }
    return rate;
  }

  private static List<MetricTag> parseTags(String text) {
    if (text.isEmpty()) {
      throw new MalformedLine("tag list after '#' is empty");
    }
    List<MetricTag> tags = new ArrayList<>();
    for (String tag : split(text, 0, ',')) {
      if (tag.isEmpty()) {
        throw new MalformedLine("tag list '" + quote(text) + "' has an empty tag");
      }
      int colon = tag.indexOf(':');
      String key = colon < 0 ? tag : tag.substring(0, colon);
      String value = colon < 0 ? "" : tag.substring(colon + 1);
      try {
        tags.add(new MetricTag(mapName("tag key", key), value));
      } catch (InvalidMetricException e) {
        throw new MalformedLine(e.getMessage());
      }
    }
    try {
      return MetricTag.sortedUnique(tags);
    } catch (InvalidMetricException e) {
      throw new MalformedLine(e.getMessage());
    }
  }

  private static Instant parseTimestamp(String text) {
    boolean digits = !text.isEmpty() && text.length() <= 12;
    for (int i = 0; digits && i < text.length(); i++) {
      digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }
    if (!digits) {
      throw new MalformedLine(
          "timestamp 'T" + quote(text) + "' is invalid; expected T followed by Unix seconds");
    }
    try {
      return Instant.ofEpochSecond(Long.parseLong(text));
    } catch (DateTimeException e) {
      throw new MalformedLine("timestamp 'T" + text + "' is out of range");
    }
  }

  /**
   * Applies the name rule of the class comment.
   *
   * @param field {@code metric name} or {@code tag key}, for the reason
   */
  static String mapName(String field, String raw) {
    if (raw.isEmpty()) {
      throw new MalformedLine(field + " is empty");
    }
    StringBuilder mapped = null;
    for (int i = 0; i < raw.length(); ) {
      int codePoint = raw.codePointAt(i);
      int width = Character.charCount(codePoint);
      boolean allowed =
          (codePoint >= 'a' && codePoint <= 'z')
              || (codePoint >= 'A' && codePoint <= 'Z')
              || (codePoint >= '0' && codePoint <= '9')
              || codePoint == '_'
              || codePoint == '.';
      if (!allowed && mapped == null) {
        mapped = new StringBuilder(raw.length()).append(raw, 0, i);
      }
      if (mapped != null) {
        if (allowed) {
          mapped.appendCodePoint(codePoint);
        } else {
          mapped.append('_');
        }
      }
      i += width;
    }
    String name = mapped == null ? raw : mapped.toString();
    char first = name.charAt(0);
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
      throw new MalformedLine(field + " '" + quote(raw) + "' does not start with an ASCII letter");
    }
    if (name.length() > MetricNames.MAX_LENGTH) {
      throw new MalformedLine(
          field
              + " '"
              + quote(raw)
              + "' has "
              + name.length()
              + " characters; at most "
              + MetricNames.MAX_LENGTH
              + " are accepted");
    }
    return name;
  }

  /**
   * A decimal number: optional sign, digits with at most one point, optional exponent. Stricter
   * than {@link Double#parseDouble}, which also takes {@code NaN}, hex, spaces and type suffixes.
   */
  private static double parseNumber(String field, String text) {
    int i = 0;
    int n = text.length();
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(text.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && text.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
        digits++;
      }
    }
    boolean valid = digits > 0;
    if (valid && i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
        exponentDigits++;
      }
      valid = exponentDigits > 0;
    }
    if (!valid || i != n) {
      throw new MalformedLine(field + " '" + quote(text) + "' is not a number");
    }
    return finite(text, Double.parseDouble(text));
  }

  private static double finite(String text, double value) {
    if (!Double.isFinite(value)) {
      throw new MalformedLine("value '" + quote(text) + "' is out of range");
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Lowercase letters followed by {@code :}, such as {@code e:...} or {@code card:...}. */
  private static boolean isExtensionField(String field) {
    int i = 0;
    while (i < field.length() && field.charAt(i) >= 'a' && field.charAt(i) <= 'z') {
      i++;
    }
    return i > 0 && i < field.length() && field.charAt(i) == ':';
  }

  private static List<String> split(String text, int from, char separator) {
    List<String> parts = new ArrayList<>(4);
    int start = from;
    while (true) {
      int at = text.indexOf(separator, start);
      if (at < 0) {
        parts.add(text.substring(start));
        return parts;
      }
      parts.add(text.substring(start, at));
      start = at + 1;
    }
  }

  private static int countNonEmptyLines(String datagram, int from) {
    int count = 0;
    int start = from;
    while (start < datagram.length()) {
      int newline = datagram.indexOf('\n', start);
      int end = newline < 0 ? datagram.length() : newline;
      if (end > start && !(end - start == 1 && datagram.charAt(start) == '\r')) {
        count++;
      }
      start = end + 1;
    }
    return count;
  }

  private static String quote(String text) {
    return quoteLine(
        text, 0, Math.min(text.length(), QUOTED_VALUE_LENGTH + 1), QUOTED_VALUE_LENGTH);
  }

  private static String quoteLine(String text, int start, int end) {
    return quoteLine(text, start, end, QUOTED_LINE_LENGTH);
  }

  /** At most {@code limit} characters of the range, control characters as {@code \xNN}. */
  private static String quoteLine(String text, int start, int end, int limit) {
    StringBuilder out = new StringBuilder(Math.min(end - start, limit) + 8);
    int stop = Math.min(end, start + limit);
    for (int i = start; i < stop; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (end > stop) {
      out.append("...");
    }
    return out.toString();
  }

  /** A line's reason for rejection; no stack trace, since it is expected input. */
  private static final class MalformedLine extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedLine(String reason) {
      super(reason, null, false, false);
    }
  }
}
