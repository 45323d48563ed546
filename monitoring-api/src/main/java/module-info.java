/**
 * The Nexus Monitoring contract: value objects, enums, exceptions and service contracts in {@code
 * nexus.monitoring.api}, and the extension points plugins implement in {@code
 * nexus.monitoring.api.spi}.
 *
 * <p>A plugin module requires this module and {@code jakarta.inject}, and provides {@link
 * nexus.monitoring.api.spi.MonitoringPlugin}. It never requires the runtime or Guice.
 */
module nexus.monitoring.api {
  requires transitive jakarta.inject;

  exports nexus.monitoring.api;
  exports nexus.monitoring.api.spi;

  uses nexus.monitoring.api.spi.MonitoringPlugin;
}
