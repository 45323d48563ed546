package nexus.monitoring.runtime.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.api.spi.PluginSettings;

/** The {@code settings} subtree of one configured instance, as its plugin sees it. */
public final class NodePluginSettings implements PluginSettings {
  private final String instanceName;
  private final ConfigNode node;
  private final java.nio.file.Path home;

  /**
   * @param home the installation directory that relative paths resolve against
   */
  public NodePluginSettings(String instanceName, ConfigNode node, java.nio.file.Path home) {
    this.instanceName = instanceName;
    this.node = node;
    this.home = home;
  }

  @Override
  public String instanceName() {
    return instanceName;
  }

  @Override
  public Set<String> keys() {
    return node.keys();
  }

  @Override
  public boolean has(String key) {
    return node.has(key);
  }

  @Override
  public Optional<String> string(String key) {
    return node.string(key);
  }

  @Override
  public String string(String key, String defaultValue) {
    return node.string(key, defaultValue);
  }

  @Override
  public String requireString(String key) {
    return node.requireString(key);
  }

  @Override
  public boolean bool(String key, boolean defaultValue) {
    return node.bool(key, defaultValue);
  }

  @Override
  public long integer(String key, long defaultValue) {
    return node.integer(key, defaultValue);
  }

  @Override
  public double number(String key, double defaultValue) {
    return node.number(key, defaultValue);
  }

  @Override
  public Duration duration(String key, Duration defaultValue) {
    return node.duration(key, defaultValue);
  }

  @Override
  public double percent(String key, double defaultValue) {
    return node.percent(key, defaultValue);
  }

  @Override
  public long bytes(String key, long defaultValue) {
    return node.bytes(key, defaultValue);
  }

  @Override
  public java.nio.file.Path path(String key, String defaultValue) {
    String text = node.string(key, defaultValue);
    try {
      return home.resolve(text).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw node.invalid(key, "a file system path", "'" + text + "' (" + e.getReason() + ")");
    }
  }

  @Override
  public List<String> strings(String key) {
    return node.strings(key);
  }

  @Override
  public InvalidConfigurationException invalid(String key, String expected) {
    return node.invalid(key, expected);
  }

  /**
   * @throws InvalidConfigurationException naming the keys the instance never read
   */
  public void rejectUnreadKeys() {
    node.rejectUnknownKeys();
  }
}
