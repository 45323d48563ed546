package nexus.monitoring.plugin.storage.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * {@link PluginSettings} over a map, for tests: parses values the way the contract describes,
 * resolves relative paths against a given installation directory, remembers which keys were read,
 * and words its errors like {@code test.yaml: storage settings key 'synchronous' is 'off'; expected
 * ...}. Used by the child process of the durability test too, so it touches no test library.
 */
final class MapPluginSettings implements PluginSettings {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final Path home;
  private final Map<String, String> values;
  private final Set<String> read = new HashSet<>();

  private MapPluginSettings(Path home, Map<String, String> values) {
    this.home = home;
    this.values = new LinkedHashMap<>(values);
  }

  /** Settings of an instance named {@code metrics}, from alternating keys and values. */
  static MapPluginSettings of(Path home, String... keysAndValues) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new MapPluginSettings(home, values);
  }

  /** Keys present but never read: what the host would reject as unknown. */
  Set<String> unreadKeys() {
    Set<String> unread = new TreeSet<>(values.keySet());
    unread.removeAll(read);
    return unread;
  }

  @Override
  public String instanceName() {
    return "metrics";
  }

  @Override
  public Set<String> keys() {
    return values.keySet();
  }

  @Override
  public boolean has(String key) {
    read.add(key);
    return values.containsKey(key);
  }

  @Override
  public Optional<String> string(String key) {
    read.add(key);
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public String string(String key, String defaultValue) {
    return string(key).orElse(defaultValue);
  }

  @Override
  public String requireString(String key) {
    return string(key).orElseThrow(() -> invalid(key, "a string"));
  }

  @Override
  public boolean bool(String key, boolean defaultValue) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    return switch (text.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(key, "true or false");
    };
  }

  @Override
  public long integer(String key, long defaultValue) {
    Optional<String> text = string(key);
    try {
      return text.isEmpty() ? defaultValue : Long.parseLong(text.get());
    } catch (NumberFormatException e) {
      throw invalid(key, "a whole number");
    }
  }

  @Override
  public double number(String key, double defaultValue) {
    Optional<String> text = string(key);
    try {
      return text.isEmpty() ? defaultValue : Double.parseDouble(text.get());
    } catch (NumberFormatException e) {
      throw invalid(key, "a number");
    }
  }

  @Override
  public Duration duration(String key, Duration defaultValue) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    Matcher m = SHORT_DURATION.matcher(text.get());
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(text.get());
    } catch (DateTimeParseException e) {
      throw invalid(key, "a duration such as 30s or PT30S");
    }
  }

  @Override
  public double percent(String key, double defaultValue) {
    throw new UnsupportedOperationException("the embedded storage reads no percentages");
  }

  @Override
  public long bytes(String key, long defaultValue) {
    throw new UnsupportedOperationException("the embedded storage reads no sizes");
  }

  @Override
  public Path path(String key, String defaultValue) {
    return home.resolve(string(key, defaultValue));
  }

  @Override
  public List<String> strings(String key) {
    read.add(key);
    String value = values.get(key);
    return value == null ? List.of() : List.of(value);
  }

  @Override
  public InvalidConfigurationException invalid(String key, String expected) {
    String value = values.get(key);
    return new InvalidConfigurationException(
        "test.yaml: storage settings key '"
            + key
            + "' is "
            + (value == null ? "absent" : "'" + value + "'")
            + "; expected "
            + expected);
  }
}
