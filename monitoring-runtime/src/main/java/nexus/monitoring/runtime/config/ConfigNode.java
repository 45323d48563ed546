package nexus.monitoring.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.runtime.logging.SecretRedactor;

/**
 * One mapping of the configuration file, read key by key.
 *
 * <p>Every getter remembers the key it read, so that {@link #rejectUnknownKeys} can name the keys
 * nobody asked for. Every error names the file, the dotted key path, the value found and what was
 * expected.
 */
public final class ConfigNode {
  private final Path file;
  private final String path;
  private final JsonNode node;
  private final EnvironmentSubstitution environment;
  private final Set<String> read = new LinkedHashSet<>();

  ConfigNode(Path file, String path, JsonNode node, EnvironmentSubstitution environment) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.environment = environment;
  }

  /** The file this node came from. */
  public Path file() {
    return file;
  }

  /** The dotted path of this node, empty for the root. */
  public String path() {
    return path;
  }

  /** The keys present, in file order. */
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  public boolean has(String key) {
    read.add(key);
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  /** A nested mapping, or an empty one when absent. */
  public ConfigNode child(String key) {
    read.add(key);
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return new ConfigNode(file, keyPath(key), emptyObject(), environment);
    }
    if (!value.isObject()) {
      throw invalid(key, "a mapping of keys to values", describe(value));
    }
    return new ConfigNode(file, keyPath(key), value, environment);
  }

  /** A sequence of mappings, empty when absent. */
  public List<ConfigNode> children(String key) {
    read.add(key);
    JsonNode value = node.get(key);
    List<ConfigNode> result = new ArrayList<>();
    if (value == null || value.isNull()) {
      return result;
    }
    if (!value.isArray()) {
      throw invalid(key, "a list of mappings", describe(value));
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      String elementPath = keyPath(key) + "[" + i + "]";
      if (!element.isObject()) {
        throw new InvalidConfigurationException(
            location(elementPath)
                + ": expected a mapping of keys to values but found "
                + describe(element));
      }
      result.add(new ConfigNode(file, elementPath, element, environment));
    }
    return result;
  }

  public Optional<String> string(String key) {
    read.add(key);
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isValueNode()) {
      throw invalid(key, "a single value", describe(value));
    }
    try {
      return Optional.of(environment.substitute(value.asText(), location(keyPath(key))));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(e.getMessage());
    }
  }

  public String string(String key, String defaultValue) {
    return string(key).orElse(defaultValue);
  }

  public String requireString(String key) {
    return string(key)
        .orElseThrow(
            () ->
                new InvalidConfigurationException(
                    location(keyPath(key)) + ": required key is missing"));
  }

  public boolean bool(String key, boolean defaultValue) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    return switch (text.get().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw invalid(key, "true or false", quote(text.get()));
    };
  }

  public long integer(String key, long defaultValue) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(text.get().trim());
    } catch (NumberFormatException e) {
      throw invalid(key, "a whole number", quote(text.get()));
    }
  }

  /** A whole number within {@code min..max}. */
  public int integer(String key, int defaultValue, int min, int max) {
    long value = integer(key, defaultValue);
    if (value < min || value > max) {
      throw invalid(key, "a whole number from " + min + " to " + max, String.valueOf(value));
    }
    return (int) value;
  }

  public double number(String key, double defaultValue) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      double value = Double.parseDouble(text.get().trim());
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the text
    }
    throw invalid(key, "a number", quote(text.get()));
  }

  public Duration duration(String key, Duration defaultValue) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    Duration value = Values.duration(text.get());
    if (value == null) {
      throw invalid(
          key,
          "a duration such as 500ms, 30s, 5m, 1h, 2d or PT30S (not negative)",
          quote(text.get()));
    }
    return value;
  }

  /** A duration that must be greater than zero. */
  public Duration positiveDuration(String key, Duration defaultValue) {
    Duration value = duration(key, defaultValue);
    if (value.isZero()) {
      throw invalid(key, "a duration greater than zero", quote(string(key).orElse("0")));
    }
    return value;
  }

  public double percent(String key, double defaultValue) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    Double value = Values.percent(text.get());
    if (value == null) {
      throw invalid(
          key, "a percentage from 0% to 100% (or a fraction from 0 to 1)", quote(text.get()));
    }
    return value;
  }

  public long bytes(String key, long defaultValue) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    Long value = Values.bytes(text.get());
    if (value == null) {
      throw invalid(key, "a size such as 1048576, 512MB or 2GiB", quote(text.get()));
    }
    return value;
  }

  /** A sequence of scalars, or one scalar as a list of one; empty when absent. */
  public List<String> strings(String key) {
    read.add(key);
    JsonNode value = node.get(key);
    List<String> result = new ArrayList<>();
    if (value == null || value.isNull()) {
      return result;
    }
    if (value.isValueNode()) {
      result.add(string(key).orElseThrow());
      return result;
    }
    if (!value.isArray()) {
      throw invalid(key, "a list of values", describe(value));
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      String elementPath = keyPath(key) + "[" + i + "]";
      if (!element.isValueNode() || element.isNull()) {
        throw new InvalidConfigurationException(
            location(elementPath) + ": expected a single value but found " + describe(element));
      }
      try {
        result.add(environment.substitute(element.asText(), location(elementPath)));
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationException(e.getMessage());
      }
    }
    return result;
  }

  /**
   * @throws InvalidConfigurationException naming every key present but never read, and the keys
   *     this mapping accepts
   */
  public void rejectUnknownKeys() {
    Set<String> unknown = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!read.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      String first = unknown.iterator().next();
      throw new InvalidConfigurationException(
          location(keyPath(first))
              + ": unknown key"
              + (unknown.size() > 1 ? "s " + String.join(", ", unknown) : " '" + first + "'")
              + "; expected one of: "
              + (read.isEmpty() ? "(no keys)" : String.join(", ", new TreeSet<>(read))));
    }
  }

  /**
   * An error about {@code key}: the location, what was expected and what was found, with any secret
   * in the found value masked.
   */
  public InvalidConfigurationException invalid(String key, String expected, String found) {
    return new InvalidConfigurationException(
        location(keyPath(key))
            + ": expected "
            + expected
            + " but found "
            + SecretRedactor.redact(found));
  }

  /** Whether {@code key} holds a single value rather than a mapping or list. */
  public boolean isScalar(String key) {
    read.add(key);
    JsonNode value = node.get(key);
    return value != null && value.isValueNode() && !value.isNull();
  }

  /** An error about {@code key} without a found value. */
  public InvalidConfigurationException invalid(String key, String expected) {
    JsonNode value = node.get(key);
    String found = value == null ? "nothing" : describe(value);
    return invalid(key, expected, found);
  }

  /** {@code file: path.key}. */
  public String location(String keyPath) {
    return file + ": " + (keyPath.isEmpty() ? "(top level)" : keyPath);
  }

  String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String quote(String text) {
    return "'" + text + "'";
  }

  private static String describe(JsonNode value) {
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isNull()) {
      return "nothing";
    }
    return quote(value.asText());
  }

  private static JsonNode emptyObject() {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  }
}
