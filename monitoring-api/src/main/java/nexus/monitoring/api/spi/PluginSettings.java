package nexus.monitoring.api.spi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nexus.monitoring.api.InvalidConfigurationException;

/**
 * The configuration of one instance of a plugin type: the {@code settings} subtree of its entry in
 * {@code monitoring.yaml}, and nothing else.
 *
 * <p>Inject it into the constructor and read every key there, so that a bad value fails at start
 * rather than at the first run. Every getter throws {@link InvalidConfigurationException} naming
 * the file, the key, the value found and what was expected. After the constructor returns, the host
 * rejects any key the instance did not read, so a misspelt key is an error, not a silently ignored
 * line.
 *
 * <pre>{@code
 * @Inject
 * DiskSpaceCheck(PluginSettings settings) {
 *   this.path = Path.of(settings.string("path", "/"));
 *   this.warning = settings.percent("warning-free", 0.15);
 * }
 * }</pre>
 *
 * @since 1.0
 */
public interface PluginSettings {

  /** The name this instance was given in configuration, such as {@code root-disk}. */
  String instanceName();

  /** The keys present in this subtree. */
  Set<String> keys();

  /** Whether {@code key} is present. Counts as reading it. */
  boolean has(String key);

  /** A string value, if present. */
  Optional<String> string(String key);

  /** A string value, or {@code defaultValue} when absent. */
  String string(String key, String defaultValue);

  /** A string value that must be present. */
  String requireString(String key);

  /** {@code true} or {@code false}, or {@code defaultValue} when absent. */
  boolean bool(String key, boolean defaultValue);

  /** A whole number, or {@code defaultValue} when absent. */
  long integer(String key, long defaultValue);

  /** A number, or {@code defaultValue} when absent. */
  double number(String key, double defaultValue);

  /**
   * A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601
   * {@code PT30S}; not negative. {@code defaultValue} when absent.
   */
  Duration duration(String key, Duration defaultValue);

  /**
   * A fraction from 0 to 1, written {@code 15%} or {@code 0.15}. {@code defaultValue} when absent.
   */
  double percent(String key, double defaultValue);

  /**
   * A size in bytes, written as a number or with a unit: {@code 512MB}, {@code 2GiB}, {@code
   * 100KB}. {@code defaultValue} when absent.
   */
  long bytes(String key, long defaultValue);

  /**
   * A file system path; a relative one is resolved against the host's installation directory, so
   * {@code data/metrics} means the same file whatever the working directory. {@code defaultValue}
   * (resolved the same way) when absent.
   */
  java.nio.file.Path path(String key, String defaultValue);

  /** A list of strings (a YAML sequence, or one string); empty when absent. */
  List<String> strings(String key);

  /**
   * An error about {@code key} in the same form the getters use, for checks a plugin makes itself
   * (a warning threshold below the critical one, say).
   *
   * @param expected what would have been accepted
   */
  InvalidConfigurationException invalid(String key, String expected);
}
