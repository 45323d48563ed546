package nexus.monitoring.runtime.plugin;

/**
 * One type a plugin contributes.
 *
 * @param kind what it is
 * @param type its name in configuration
 * @param implementation the class the host constructs
 * @param pluginId the plugin it came from
 */
public record Contribution(
    PluginKind kind, String type, Class<?> implementation, String pluginId) {}
