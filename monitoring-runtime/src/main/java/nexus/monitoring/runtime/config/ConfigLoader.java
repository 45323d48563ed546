package nexus.monitoring.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.RetentionPolicy;

/**
 * Reads {@code monitoring.yaml}: YAML through Jackson, environment variables substituted, every key
 * checked. An unknown key is an error, not a silently ignored line.
 */
public final class ConfigLoader {
  private static final Pattern CHECK_NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,62}");
  private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  private final Map<String, String> environment;
  private final Path home;

  /**
   * @param environment variables available to {@code ${NAME}} references
   * @param home the directory relative paths in the file are resolved against
   */
  public ConfigLoader(Map<String, String> environment, Path home) {
    this.environment = Map.copyOf(environment);
    this.home = home;
  }

  /**
   * @throws InvalidConfigurationException naming the file, key and expectation
   */
  public HostConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidConfigurationException(file + ": configuration file does not exist");
    } catch (IOException e) {
      throw new InvalidConfigurationException(file + ": cannot be read: " + e.getMessage(), e);
    }
    return parse(file, text);
  }

  /** Parses {@code text} as if read from {@code file}. */
  public HostConfig parse(Path file, String text) {
    JsonNode tree = readTree(file, text);
    ConfigNode root = new ConfigNode(file, "", tree, EnvironmentSubstitution.of(environment));

    ConfigNode serverNode = root.child("server");
    HostConfig.Server server =
        new HostConfig.Server(
            serverNode.string("host", "127.0.0.1"), serverNode.integer("port", 8080, 0, 65535));
    serverNode.rejectUnknownKeys();

    ConfigNode pluginsNode = root.child("plugins");
    Path pluginsDirectory = home.resolve(pluginsNode.string("directory", "plugins")).normalize();
    pluginsNode.rejectUnknownKeys();

    HostConfig.Health health = health(root.child("health"));
    HostConfig.Metrics metrics = metrics(root.child("metrics"));
    HostConfig.Storage storage = storage(root.child("storage"));
    HostConfig.Ingest ingest = ingest(root.child("ingest"));
    HostConfig.Retention retention = retention(root.child("retention"));
    root.rejectUnknownKeys();
    return new HostConfig(
        file, home, server, pluginsDirectory, health, metrics, storage, ingest, retention);
  }

  private static HostConfig.Metrics metrics(ConfigNode node) {
    Duration step = node.positiveDuration("step", Duration.ofSeconds(10));
    Duration idleTtl = node.positiveDuration("idle-ttl", Duration.ofMinutes(5));
    if (idleTtl.compareTo(step) < 0) {
      throw node.invalid("idle-ttl", "a duration at least as long as metrics.step (" + step + ")");
    }
    ConfigNode cardinality = node.child("cardinality");
    int perMetric = cardinality.integer("max-series-per-metric", 10_000, 1, Integer.MAX_VALUE);
    int perTenant = cardinality.integer("max-series-per-tenant", 100_000, 1, Integer.MAX_VALUE);
    cardinality.rejectUnknownKeys();
    node.rejectUnknownKeys();
    return new HostConfig.Metrics(step, idleTtl, perMetric, perTenant);
  }

  private static HostConfig.Storage storage(ConfigNode node) {
    boolean explicit = node.has("type");
    String type = node.string("type", "embedded");
    if (!TYPE_NAME.matcher(type).matches()) {
      throw node.invalid("type", "a storage type such as embedded or memory", "'" + type + "'");
    }
    ConfigNode settings = node.child("settings");
    node.rejectUnknownKeys();
    return new HostConfig.Storage(type, settings, explicit);
  }

  private static HostConfig.Ingest ingest(ConfigNode node) {
    ConfigNode http = node.child("http");
    boolean httpEnabled = http.bool("enabled", true);
    http.rejectUnknownKeys();
    ConfigNode statsd = node.child("statsd");
    boolean statsdEnabled = statsd.bool("enabled", true);
    String statsdHost = statsd.string("host", "127.0.0.1");
    int statsdPort = statsd.integer("port", 8125, 0, 65535);
    statsd.rejectUnknownKeys();
    node.rejectUnknownKeys();
    return new HostConfig.Ingest(httpEnabled, statsdEnabled, statsdHost, statsdPort);
  }

  private static HostConfig.Retention retention(ConfigNode node) {
    Duration interval = node.positiveDuration("interval", Duration.ofHours(1));
    List<RetentionPolicy> policies = new ArrayList<>();
    for (ConfigNode policy : node.children("policies")) {
      policies.add(policy(policy, policy.requireString("metric")));
    }
    ConfigNode defaults = node.child("default");
    policies.add(policy(defaults, "*"));
    node.rejectUnknownKeys();
    return new HostConfig.Retention(interval, List.copyOf(policies));
  }

  private static RetentionPolicy policy(ConfigNode node, String pattern) {
    String typeText = node.string("type").orElse(null);
    MetricType type = null;
    if (typeText != null) {
      try {
        type = MetricType.valueOf(typeText.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw node.invalid(
            "type", "one of counter, gauge, timing, histogram", "'" + typeText + "'");
      }
    }
    Duration keep = node.positiveDuration("keep", Duration.ofDays(30));
    Duration after =
        node.has("downsample-after") ? node.positiveDuration("downsample-after", null) : null;
    Duration step =
        node.has("downsample-step") ? node.positiveDuration("downsample-step", null) : null;
    node.rejectUnknownKeys();
    try {
      RetentionPolicy result = RetentionPolicy.of(pattern, keep);
      if (type != null) {
        result = result.withType(type);
      }
      if (after != null || step != null) {
        if (after == null || step == null) {
          throw node.invalid(
              after == null ? "downsample-after" : "downsample-step",
              "both downsample-after and downsample-step, or neither");
        }
        result = result.withDownsampling(after, step);
      }
      return result;
    } catch (nexus.monitoring.api.InvalidMetricException e) {
      throw new InvalidConfigurationException(node.location(node.path()) + ": " + e.getMessage());
    }
  }

  private HostConfig.Health health(ConfigNode node) {
    Duration interval = node.positiveDuration("interval", Duration.ofSeconds(30));
    Duration timeout = node.positiveDuration("timeout", Duration.ofSeconds(10));
    List<HostConfig.CheckConfig> checks = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (ConfigNode check : node.children("checks")) {
      String name = check.requireString("name");
      if (!CHECK_NAME.matcher(name).matches()) {
        throw check.invalid(
            "name",
            "lowercase letters, digits, '_', '.' or '-', starting with a letter, at most 63"
                + " characters",
            "'" + name + "'");
      }
      String previous = seen.putIfAbsent(name, check.path());
      if (previous != null) {
        throw new InvalidConfigurationException(
            check.location(check.keyPath("name"))
                + ": check name '"
                + name
                + "' is already used by "
                + previous);
      }
      String type = check.requireString("type");
      if (!TYPE_NAME.matcher(type).matches()) {
        throw check.invalid(
            "type",
            "a plugin type name such as disk-space (lowercase, digits, '-')",
            "'" + type + "'");
      }
      Duration checkInterval =
          check.has("interval") ? check.positiveDuration("interval", interval) : null;
      Duration checkTimeout =
          check.has("timeout") ? check.positiveDuration("timeout", timeout) : null;
      boolean critical = check.bool("critical", true);
      Set<String> groups = new LinkedHashSet<>(check.strings("groups"));
      ConfigNode settings = check.child("settings");
      check.rejectUnknownKeys();
      checks.add(
          new HostConfig.CheckConfig(
              name, type, checkInterval, checkTimeout, critical, groups, settings));
    }
    node.rejectUnknownKeys();
    return new HostConfig.Health(interval, timeout, List.copyOf(checks));
  }

  private static JsonNode readTree(Path file, String text) {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode tree;
    try {
      tree = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : ": line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InvalidConfigurationException(
          file + where + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (tree == null || tree.isNull() || tree.isMissingNode()) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
    if (!tree.isObject()) {
      throw new InvalidConfigurationException(
          file + ": expected a mapping of keys (server, plugins, health) at the top level");
    }
    return tree;
  }
}
