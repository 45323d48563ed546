/**
 * Test doubles for plugin authors: {@link nexus.monitoring.testkit.MapPluginSettings} and {@link
 * nexus.monitoring.testkit.RecordingRegistry}. Depends on the API alone, like a plugin.
 */
module nexus.monitoring.testkit {
  requires transitive nexus.monitoring.api;

  exports nexus.monitoring.testkit;
}
