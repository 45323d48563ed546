package nexus.monitoring.plugin.rabbitmq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nexus.monitoring.api.spi.HealthThreshold;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * The limits of one watched queue: a depth (messages ready) that must not grow past its warning and
 * critical thresholds, and a consumer count that must not fall below them.
 *
 * <p>Settings are flat, because a plugin's settings are one mapping of keys to values or lists:
 * {@code warning-depth}, {@code critical-depth}, {@code warning-consumers} and {@code
 * min-consumers} apply to every queue in {@code queues}, and {@code queue.<name>.<setting>} sets
 * one of them for one queue.
 */
record QueueLimits(String name, HealthThreshold depth, HealthThreshold consumers) {

  static final List<String> SETTINGS =
      List.of("warning-depth", "critical-depth", "warning-consumers", "min-consumers");
  static final String PREFIX = "queue.";

  /**
   * Reads {@code queues} and the limits of each, and refuses a per-queue key naming a queue that is
   * not listed or a setting that does not exist.
   */
  static List<QueueLimits> read(PluginSettings settings) {
    List<String> names = settings.strings("queues");
    Map<String, QueueLimits> queues = new LinkedHashMap<>();
    double warningDepth = settings.number("warning-depth", Double.NaN);
    double criticalDepth = settings.number("critical-depth", Double.NaN);
    double warningConsumers = settings.number("warning-consumers", Double.NaN);
    double minConsumers = settings.number("min-consumers", Double.NaN);
    // Validates the shared limits against each other, naming the shared keys.
    HealthThreshold.above(settings, "warning-depth", Double.NaN, "critical-depth", Double.NaN);
    HealthThreshold.below(settings, "warning-consumers", Double.NaN, "min-consumers", Double.NaN);

    for (String name : names) {
      if (name.isBlank()) {
        throw settings.invalid("queues", "a list of queue names, none of them empty");
      }
      if (queues.containsKey(name)) {
        throw settings.invalid("queues", "a list of distinct queue names ('" + name + "' twice)");
      }
      String prefix = PREFIX + name + ".";
      HealthThreshold depth =
          HealthThreshold.above(
              settings,
              prefix + "warning-depth",
              warningDepth,
              prefix + "critical-depth",
              criticalDepth);
      HealthThreshold consumers =
          HealthThreshold.below(
              settings,
              prefix + "warning-consumers",
              warningConsumers,
              prefix + "min-consumers",
              minConsumers);
      queues.put(name, new QueueLimits(name, depth, consumers));
    }

    for (String key : Set.copyOf(settings.keys())) {
      if (key.startsWith(PREFIX) && !isKnown(key, queues.keySet())) {
        throw settings.invalid(
            key,
            "queue.<name>.<setting> with <name> listed in queues ("
                + (names.isEmpty() ? "none listed" : String.join(", ", names))
                + ") and <setting> one of "
                + String.join(", ", SETTINGS));
      }
    }
    return new ArrayList<>(queues.values());
  }

  private static boolean isKnown(String key, Set<String> names) {
    for (String name : names) {
      for (String setting : SETTINGS) {
        if (key.equals(PREFIX + name + "." + setting)) {
          return true;
        }
      }
    }
    return false;
  }
}
