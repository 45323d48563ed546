package nexus.monitoring.plugin.network;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP status codes an endpoint may answer with: single codes ({@code 204}), ranges ({@code
 * 200-299}) and classes ({@code 2xx}).
 */
final class StatusCodes {
  private static final Pattern ITEM =
      Pattern.compile(
          "([1-5])xx|([1-5]\\d\\d)(?:\\s*-\\s*([1-5]\\d\\d))?", Pattern.CASE_INSENSITIVE);

  private final List<int[]> ranges;
  private final String text;

  private StatusCodes(List<int[]> ranges, String text) {
    this.ranges = ranges;
    this.text = text;
  }

  /**
   * Parses items each of which may itself be a comma-separated list.
   *
   * @throws IllegalArgumentException naming the item that is not a code, range or class
   */
  static StatusCodes parse(List<String> items) {
    List<int[]> ranges = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (String item : items) {
      for (String part : item.split(",")) {
        String code = part.strip();
        if (code.isEmpty()) {
          continue;
        }
        Matcher m = ITEM.matcher(code);
        if (!m.matches()) {
          throw new IllegalArgumentException(code);
        }
        int from;
        int to;
        if (m.group(1) != null) {
          from = Integer.parseInt(m.group(1)) * 100;
          to = from + 99;
        } else {
          from = Integer.parseInt(m.group(2));
          to = m.group(3) == null ? from : Integer.parseInt(m.group(3));
        }
        if (to < from) {
          throw new IllegalArgumentException(code);
        }
        ranges.add(new int[] {from, to});
        shown.add(code.replace(" ", ""));
      }
    }
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("(none)");
    }
    return new StatusCodes(List.copyOf(ranges), String.join(", ", shown));
  }

  boolean contains(int status) {
    for (int[] range : ranges) {
      if (status >= range[0] && status <= range[1]) {
        return true;
      }
    }
    return false;
  }

  /** As configured, such as {@code 200-299, 304}. */
  @Override
  public String toString() {
    return text;
  }
}
