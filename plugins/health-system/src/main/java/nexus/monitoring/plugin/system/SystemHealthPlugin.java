package nexus.monitoring.plugin.system;

import nexus.monitoring.api.spi.MonitoringPlugin;
import nexus.monitoring.api.spi.PluginRegistry;

/**
 * Contributes the health check types {@value #DISK_SPACE} and {@value #MEMORY}.
 *
 * <pre>{@code
 * health:
 *   root-disk:
 *     type: disk-space
 *     settings: { path: /, warning-free: 15%, critical-free: 5% }
 *   jvm-memory:
 *     type: memory
 *     settings: { heap-warning: 90%, heap-critical: 98% }
 * }</pre>
 */
public final class SystemHealthPlugin implements MonitoringPlugin {
  /** Type name of {@link DiskSpaceCheck}. */
  static final String DISK_SPACE = "disk-space";

  /** Type name of {@link MemoryCheck}. */
  static final String MEMORY = "memory";

  /** Called by {@link java.util.ServiceLoader}. */
  public SystemHealthPlugin() {}

  @Override
  public void register(PluginRegistry registry) {
    registry.healthCheck(DISK_SPACE, DiskSpaceCheck.class).healthCheck(MEMORY, MemoryCheck.class);
  }
}
