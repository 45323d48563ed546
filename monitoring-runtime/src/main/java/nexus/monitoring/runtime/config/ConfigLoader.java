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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.RetentionPolicy;
import nexus.monitoring.api.SecretMask;
import nexus.monitoring.runtime.logging.SecretRedactor;

/**
 * Reads {@code monitoring.yaml}: YAML through Jackson, environment variables substituted, every key
 * checked. An unknown key is an error, not a silently ignored line.
 */
public final class ConfigLoader {
  private static final Pattern CHECK_NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,62}");
  private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern GROUP_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  /** The group of a check that names none. */
  public static final String DEFAULT_GROUP = "readiness";

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
    EnvironmentSubstitution substitution = EnvironmentSubstitution.of(environment);
    // Before anything is validated, so that an error quoting a value is masked too.
    SecretRedactor.register(secretsIn(tree, substitution, false));
    try {
      return parse(file, tree, substitution);
    } catch (InvalidConfigurationException e) {
      String masked = SecretRedactor.redact(e.getMessage());
      throw masked.equals(e.getMessage()) ? e : new InvalidConfigurationException(masked);
    }
  }

  /**
   * The secrets of a configuration tree: every URI password and password-like parameter in any
   * value under a {@code settings} mapping, and the whole value of every key that names a secret
   * ({@link SecretMask#isSecretKey}) or of every environment variable whose name does ({@code
   * ${DB_PASSWORD}}), wherever it is. Values are read after environment substitution, so {@code
   * ${DB_URL}} is masked as what it expands to.
   */
  static Set<String> secretsIn(JsonNode node, EnvironmentSubstitution env, boolean inSettings) {
    Set<String> secrets = new LinkedHashSet<>();
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                JsonNode value = field.getValue();
                boolean settings = inSettings || field.getKey().equals("settings");
                if (value.isValueNode() && SecretMask.isSecretKey(field.getKey())) {
                  secrets.add(substituted(value, env));
                }
                secrets.addAll(secretsIn(value, env, settings));
              });
    } else if (node.isArray()) {
      node.forEach(element -> secrets.addAll(secretsIn(element, env, inSettings)));
    } else if (node.isValueNode() && !node.isNull()) {
      secrets.addAll(env.secretReferences(node.asText()));
      if (inSettings) {
        secrets.addAll(SecretMask.secretsIn(substituted(node, env)));
      }
    }
    return secrets;
  }

  private static String substituted(JsonNode value, EnvironmentSubstitution env) {
    try {
      return env.substitute(value.asText(), "");
    } catch (IllegalArgumentException e) {
      // Reported with its location when the key is read; mask what the file says meanwhile.
      return value.asText();
    }
  }

  private HostConfig parse(Path file, JsonNode tree, EnvironmentSubstitution substitution) {
    ConfigNode root = new ConfigNode(file, "", tree, substitution);

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

  /**
   * A stale limit no longer than the interval would call every result stale before the next run
   * could replace it, so the check would never be reported as it is.
   */
  private static void requireStaleAfterInterval(
      ConfigNode node, Duration staleAfter, Duration interval, String intervalName) {
    if (staleAfter != null && staleAfter.compareTo(interval) <= 0) {
      throw node.invalid(
          "stale-after",
          "a duration longer than "
              + intervalName
              + " ("
              + interval.toSeconds()
              + "s), or every result turns stale before the next run",
          staleAfter.toMillis() % 1000 == 0
              ? staleAfter.toSeconds() + "s"
              : staleAfter.toMillis() + "ms");
    }
  }

  private HostConfig.Health health(ConfigNode node) {
    Duration interval = node.positiveDuration("interval", Duration.ofSeconds(30));
    Duration timeout = node.positiveDuration("timeout", Duration.ofSeconds(10));
    Duration initialDelay = node.duration("initial-delay", Duration.ZERO);
    Duration jitter = node.duration("jitter", Duration.ZERO);
    Duration staleAfter =
        node.has("stale-after") ? node.positiveDuration("stale-after", null) : null;
    requireStaleAfterInterval(node, staleAfter, interval, "health.interval");
    int history = node.integer("history", 10, 1, 1000);
    int failureThreshold = node.integer("failure-threshold", 1, 1, 100);
    int successThreshold = node.integer("success-threshold", 1, 1, 100);
    HostConfig.Flapping flapping =
        flapping(node, new HostConfig.Flapping(5, Duration.ofMinutes(10)));
    HostConfig.DetailsVisibility details = detailsVisibility(node);
    String detailsToken = node.string("details-token").orElse(null);
    if (details == HostConfig.DetailsVisibility.AUTHORIZED) {
      if (detailsToken == null || detailsToken.strip().length() < 16) {
        throw node.invalid(
            "details-token",
            "a token of at least 16 characters (such as ${NEXUS_HEALTH_TOKEN}) because"
                + " health.details is authorized",
            detailsToken == null
                ? "nothing"
                : "a token of " + detailsToken.strip().length() + " characters");
      }
      detailsToken = detailsToken.strip();
    } else if (detailsToken != null) {
      throw node.invalid(
          "details-token",
          "no token unless health.details is authorized (it is "
              + details.name().toLowerCase(Locale.ROOT)
              + ")",
          "a token");
    }

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
      Duration checkDelay =
          check.has("initial-delay") ? check.duration("initial-delay", null) : null;
      Duration checkJitter = check.has("jitter") ? check.duration("jitter", null) : null;
      Duration checkStale =
          check.has("stale-after") ? check.positiveDuration("stale-after", null) : null;
      if (checkInterval != null || checkStale != null) {
        requireStaleAfterInterval(
            check,
            checkStale != null ? checkStale : staleAfter,
            checkInterval != null ? checkInterval : interval,
            checkInterval != null ? "its interval" : "health.interval");
      }
      Integer checkFailures =
          check.has("failure-threshold") ? check.integer("failure-threshold", 1, 1, 100) : null;
      Integer checkSuccesses =
          check.has("success-threshold") ? check.integer("success-threshold", 1, 1, 100) : null;
      HostConfig.Flapping checkFlapping = check.has("flapping") ? flapping(check, flapping) : null;
      boolean critical = check.bool("critical", true);
      Set<String> groups = new LinkedHashSet<>();
      List<String> listed = check.strings("groups");
      for (int i = 0; i < listed.size(); i++) {
        String group = listed.get(i);
        if (!GROUP_NAME.matcher(group).matches()) {
          throw check.invalid(
              "groups",
              "group names of lowercase letters, digits, '_' or '-', starting with a letter"
                  + " (such as liveness, readiness, startup)",
              "'" + group + "'");
        }
        groups.add(group);
      }
      if (!check.has("groups")) {
        // Liveness must not depend on anything outside the process, so a check that names no
        // group only decides whether traffic is sent, never whether the host is restarted.
        groups.add(DEFAULT_GROUP);
      }
      ConfigNode settings = check.child("settings");
      check.rejectUnknownKeys();
      checks.add(
          new HostConfig.CheckConfig(
              name,
              type,
              checkInterval,
              checkTimeout,
              checkDelay,
              checkJitter,
              checkStale,
              checkFailures,
              checkSuccesses,
              checkFlapping,
              critical,
              java.util.Collections.unmodifiableSet(groups),
              settings));
    }
    node.rejectUnknownKeys();
    return new HostConfig.Health(
        interval,
        timeout,
        initialDelay,
        jitter,
        staleAfter,
        history,
        failureThreshold,
        successThreshold,
        flapping,
        details,
        detailsToken,
        List.copyOf(checks));
  }

  private static HostConfig.DetailsVisibility detailsVisibility(ConfigNode node) {
    String text = node.string("details", "always");
    try {
      return HostConfig.DetailsVisibility.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw node.invalid("details", "one of always, never, authorized", "'" + text + "'");
    }
  }

  /** {@code flapping: {changes: K, window: W}}, or {@code flapping: off}; absent keys inherit. */
  private static HostConfig.Flapping flapping(ConfigNode parent, HostConfig.Flapping inherited) {
    if (!parent.has("flapping")) {
      return inherited;
    }
    if (parent.isScalar("flapping")) {
      String text = parent.string("flapping").orElseThrow();
      if (List.of("off", "false", "no").contains(text.strip().toLowerCase(Locale.ROOT))) {
        return new HostConfig.Flapping(0, inherited.window());
      }
      throw parent.invalid(
          "flapping", "a mapping {changes: K, window: W} or off", "'" + text + "'");
    }
    ConfigNode node = parent.child("flapping");
    int changes = node.integer("changes", inherited.changes(), 0, 1000);
    Duration window = node.positiveDuration("window", inherited.window());
    node.rejectUnknownKeys();
    return new HostConfig.Flapping(changes, window);
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
