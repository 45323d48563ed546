package nexus.monitoring.plugin.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Performance data as the Monitoring Plugins guidelines define it, {@code
 * 'label'=value[UOM];[warn]; [crit];[min];[max]} items separated by spaces, turned into observed
 * values in base units.
 *
 * <p>Each item becomes {@code perf.<label>} (the value), and {@code perf.<label>.warn}, {@code
 * .crit}, {@code .min}, {@code .max} where given. Units convert to the host's base units: {@code
 * s}, {@code ms}, {@code us}, {@code ns} to seconds; {@code B}, {@code KB}, {@code MB}, {@code GB},
 * {@code TB}, {@code PB} to bytes in powers of 1000 (the SI prefixes the guidelines recommend) and
 * {@code KiB} ... {@code PiB} in powers of 1024; {@code %} to a ratio from 0 to 1; {@code c} and no
 * unit stay as they are. A value in another unit is kept as printed, with its unit in {@code
 * perf.<label>.uom}. A warn or crit that is a range expression ({@code 10:20}, {@code @5}, {@code
 * ~:3}) rather than a plain number is kept as text, unconverted.
 *
 * <p>A malformed item is skipped and described in {@code perf.errors}; it never fails the check.
 */
final class PerformanceData {
  private static final Pattern NUMBER_AND_UNIT =
      Pattern.compile("([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)([^\\d;\\s]*)");
  private static final Pattern PLAIN_NUMBER =
      Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");
  private static final Pattern UNSAFE = Pattern.compile("[^a-z0-9_]+");
  private static final Map<String, Double> FACTORS = factors();

  private PerformanceData() {}

  /**
   * The observed values of {@code text}, keyed {@code perf.<label>...}, with {@code perf.errors}
   * when an item was skipped.
   */
  static Map<String, Object> details(String text) {
    Map<String, Object> details = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    Cursor cursor = new Cursor(text);
    while (cursor.skipSpaces()) {
      int start = cursor.position;
      try {
        add(cursor, details);
      } catch (IllegalArgumentException e) {
        cursor.skipItem();
        errors.add("'" + text.substring(start, cursor.position) + "' " + e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      details.put("perf.errors", String.join("; ", errors));
    }
    return details;
  }

  /**
   * {@code label} as a detail key segment: lower case letters, digits and {@code _}, other runs of
   * characters folded to one {@code _}. A label of slashes alone, as check_disk prints for the root
   * file system, becomes {@code root}.
   */
  static String normalise(String label) {
    if (!label.isEmpty() && label.chars().allMatch(c -> c == '/')) {
      return "root";
    }
    String folded = UNSAFE.matcher(label.toLowerCase(Locale.ROOT)).replaceAll("_");
    int from = 0;
    int to = folded.length();
    while (from < to && folded.charAt(from) == '_') {
      from++;
    }
    while (to > from && folded.charAt(to - 1) == '_') {
      to--;
    }
    return folded.substring(from, to);
  }

  private static void add(Cursor cursor, Map<String, Object> details) {
    String label = cursor.label();
    String key = normalise(label);
    if (key.isEmpty()) {
      throw new IllegalArgumentException("has a label with no letter or digit");
    }
    String prefix = "perf." + key;
    if (details.containsKey(prefix)) {
      throw new IllegalArgumentException("repeats label " + key);
    }
    String[] fields = cursor.valueFields();
    if (fields[0].equals("U")) {
      // The guidelines' "undetermined": nothing was measured, which is no error.
      return;
    }
    Matcher value = NUMBER_AND_UNIT.matcher(fields[0]);
    if (!value.matches()) {
      throw new IllegalArgumentException("has no numeric value");
    }
    String unit = value.group(2);
    Double factor = FACTORS.get(unit);
    double scale = factor == null ? 1 : factor;

    Map<String, Object> item = new LinkedHashMap<>();
    item.put(prefix, Double.parseDouble(value.group(1)) * scale);
    if (factor == null) {
      item.put(prefix + ".uom", unit);
    }
    String[] names = {"warn", "crit", "min", "max"};
    for (int i = 1; i < fields.length && i <= names.length; i++) {
      String field = fields[i].strip();
      if (field.isEmpty()) {
        continue;
      }
      if (PLAIN_NUMBER.matcher(field).matches()) {
        item.put(prefix + "." + names[i - 1], Double.parseDouble(field) * scale);
      } else if (i <= 2) {
        item.put(prefix + "." + names[i - 1], field);
      } else {
        throw new IllegalArgumentException("has a " + names[i - 1] + " that is not a number");
      }
    }
    if (fields.length > names.length + 1) {
      throw new IllegalArgumentException("has more than five fields");
    }
    details.putAll(item);
  }

  private static Map<String, Double> factors() {
    Map<String, Double> factors = new LinkedHashMap<>();
    factors.put("", 1.0);
    factors.put("c", 1.0);
    factors.put("s", 1.0);
    factors.put("ms", 1e-3);
    factors.put("us", 1e-6);
    factors.put("ns", 1e-9);
    factors.put("%", 0.01);
    factors.put("B", 1.0);
    String prefixes = "KMGTP";
    for (int i = 0; i < prefixes.length(); i++) {
      factors.put(prefixes.charAt(i) + "B", Math.pow(1000, i + 1));
      factors.put(prefixes.charAt(i) + "iB", Math.pow(1024, i + 1));
    }
    factors.put("kB", 1e3);
    return Map.copyOf(factors);
  }

  /** Walks the performance data text item by item. */
  private static final class Cursor {
    private final String text;
    private int position;

    Cursor(String text) {
      this.text = text;
    }

    /** Moves past spaces; whether an item follows. */
    boolean skipSpaces() {
      while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
        position++;
      }
      return position < text.length();
    }

    /** Moves to the end of the current item after an error. */
    void skipItem() {
      while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
        position++;
      }
    }

    /** The label up to its {@code =}, unquoted; {@code ''} inside quotes stands for one quote. */
    String label() {
      StringBuilder label = new StringBuilder();
      if (text.charAt(position) == '\'') {
        position++;
        while (true) {
          if (position >= text.length()) {
            throw new IllegalArgumentException("has an unclosed quote");
          }
          char c = text.charAt(position++);
          if (c == '\'') {
            if (position < text.length() && text.charAt(position) == '\'') {
              label.append('\'');
              position++;
              continue;
            }
            break;
          }
          label.append(c);
        }
      } else {
        while (position < text.length()
            && text.charAt(position) != '='
            && !Character.isWhitespace(text.charAt(position))) {
          label.append(text.charAt(position++));
        }
      }
      if (position >= text.length() || text.charAt(position) != '=') {
        throw new IllegalArgumentException("has no '=' after its label");
      }
      position++;
      return label.toString();
    }

    /** The value and its optional fields, split on {@code ;}. */
    String[] valueFields() {
      int start = position;
      skipItem();
      String fields = text.substring(start, position);
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("has no value");
      }
      return fields.split(";", -1);
    }
  }
}
