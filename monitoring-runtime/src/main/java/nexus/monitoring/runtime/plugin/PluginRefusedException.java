package nexus.monitoring.runtime.plugin;

/** A plugin cannot be loaded; the message is the quarantine reason. */
final class PluginRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PluginRefusedException(String message) {
    super(message);
  }
}
