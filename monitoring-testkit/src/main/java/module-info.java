/**
 * The plugin test kit: {@link nexus.monitoring.testkit.MapPluginSettings}, {@link
 * nexus.monitoring.testkit.RecordingRegistry}, {@link nexus.monitoring.testkit.PluginContract},
 * {@link nexus.monitoring.testkit.PluginFolder} and {@link nexus.monitoring.testkit.PluginLayers},
 * {@link nexus.monitoring.testkit.RequiredServers}, {@link nexus.monitoring.testkit.SilentServer}
 * and {@link nexus.monitoring.testkit.RunningCheck}. Depends on the API, like a plugin, and on the
 * JUnit Jupiter API for skipping and failing tests.
 */
module nexus.monitoring.testkit {
  requires transitive nexus.monitoring.api;
  requires org.junit.jupiter.api;

  exports nexus.monitoring.testkit;
}
