package nexus.monitoring.runtime.plugin;

/** Constructing a plugin type failed inside the plugin's code; the plugin gets quarantined. */
public final class PluginInstantiationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String pluginId;

  public PluginInstantiationException(String pluginId, String message, Throwable cause) {
    super(message, cause);
    this.pluginId = pluginId;
  }

  /** The plugin whose code failed. */
  public String pluginId() {
    return pluginId;
  }
}
