package nexus.monitoring.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * {@link PluginSettings} over a map, for a plugin's unit tests. Values are parsed the way the
 * contract describes (durations such as {@code 30s}, shares such as {@code 15%}, sizes such as
 * {@code 512MB}); the keys read are remembered, so a test can assert that a plugin reads every key
 * it documents ({@link #unreadKeys()}); errors are worded as the host words them, for example
 * {@code test.yaml: health.root-disk settings key 'warning-free' is '3%'; expected ...}.
 *
 * <pre>{@code
 * MapPluginSettings settings = MapPluginSettings.of("path", "/", "warning-free", "20%");
 * DiskSpaceCheck check = new DiskSpaceCheck(settings);
 * assertThat(settings.unreadKeys()).isEmpty();
 * }</pre>
 *
 * @since 1.0
 */
public final class MapPluginSettings implements PluginSettings {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTP]i?B|B)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final String instanceName;
  private final String location;
  private final Path home;
  private final Map<String, Object> values;
  private final Set<String> read = new HashSet<>();

  private MapPluginSettings(
      String instanceName, String location, Path home, Map<String, Object> values) {
    this.instanceName = instanceName;
    this.location = location;
    this.home = home;
    this.values = new LinkedHashMap<>(values);
  }

  /**
   * Settings of health check instance {@code instanceName}; a value may be a string, a number, a
   * boolean or a list of those.
   */
  public static MapPluginSettings of(String instanceName, Map<String, ?> values) {
    return new MapPluginSettings(
        instanceName, "health." + instanceName, Path.of("").toAbsolutePath(), copy(values));
  }

  /** Settings of an instance named {@code test-instance}, from alternating keys and values. */
  public static MapPluginSettings of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must alternate; got an odd count");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return of("test-instance", values);
  }

  /** Settings of an instance named {@code test-instance} with no keys. */
  public static MapPluginSettings empty() {
    return of("test-instance", Map.of());
  }

  /** These settings under another instance name. */
  public MapPluginSettings named(String instanceName) {
    return new MapPluginSettings(instanceName, location, home, values);
  }

  /**
   * These settings as the host gives them to a plugin configured at {@code location} (such as
   * {@code storage}), which is what error messages name.
   */
  public MapPluginSettings at(String location) {
    return new MapPluginSettings(instanceName, location, home, values);
  }

  /** These settings with relative {@link #path} values resolved against {@code home}. */
  public MapPluginSettings resolvingPathsAgainst(Path home) {
    return new MapPluginSettings(instanceName, location, home, values);
  }

  /** Keys present but never read: what the host would reject as unknown. */
  public Set<String> unreadKeys() {
    Set<String> unread = new TreeSet<>(values.keySet());
    unread.removeAll(read);
    return unread;
  }

  private static Map<String, Object> copy(Map<String, ?> values) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach(copy::put);
    return copy;
  }

  @Override
  public String instanceName() {
    return instanceName;
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
    return Optional.ofNullable(values.get(key)).map(String::valueOf);
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
    Optional<String> text = string(key).map(String::trim);
    if (text.isEmpty()) {
      return defaultValue;
    }
    double ratio;
    try {
      ratio =
          text.get().endsWith("%")
              ? Double.parseDouble(text.get().substring(0, text.get().length() - 1)) / 100
              : Double.parseDouble(text.get());
    } catch (NumberFormatException e) {
      throw invalid(key, "a share from 0 to 1, written 15% or 0.15");
    }
    if (!(ratio >= 0 && ratio <= 1)) {
      throw invalid(key, "a share from 0 to 1, written 15% or 0.15");
    }
    return ratio;
  }

  @Override
  public long bytes(String key, long defaultValue) {
    Optional<String> text = string(key).map(String::trim);
    if (text.isEmpty()) {
      return defaultValue;
    }
    Matcher m = SIZE.matcher(text.get());
    if (!m.matches()) {
      throw invalid(key, "a size such as 512MB or 2GiB");
    }
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    int power = "BKMGTP".indexOf(unit.charAt(0));
    long base = unit.contains("I") ? 1024 : 1000;
    return (long) (Double.parseDouble(m.group(1)) * Math.pow(base, power));
  }

  @Override
  public Path path(String key, String defaultValue) {
    return home.resolve(string(key, defaultValue)).normalize();
  }

  @Override
  public List<String> strings(String key) {
    read.add(key);
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(value));
  }

  @Override
  public InvalidConfigurationException invalid(String key, String expected) {
    Object value = values.get(key);
    return new InvalidConfigurationException(
        "test.yaml: "
            + location
            + " settings key '"
            + key
            + "' is "
            + (value == null ? "absent" : value instanceof List<?> ? "a list" : "'" + value + "'")
            + "; expected "
            + expected);
  }
}
