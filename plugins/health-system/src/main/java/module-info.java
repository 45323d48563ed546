/**
 * Health checks of the machine the host runs on: free space of a file store ({@code disk-space})
 * and heap and physical memory use ({@code memory}).
 *
 * <p>Needs {@code jdk.management} for the physical memory figures of {@link
 * com.sun.management.OperatingSystemMXBean}.
 */
module nexus.monitoring.plugin.system {
  requires nexus.monitoring.api;
  requires jdk.management;

  provides nexus.monitoring.api.spi.MonitoringPlugin with
      nexus.monitoring.plugin.system.SystemHealthPlugin;
}
