package nexus.monitoring.api.spi;

/**
 * The entry point of a plugin, found by {@link java.util.ServiceLoader} in the plugin's own module
 * layer.
 *
 * <p>A plugin module declares {@code provides nexus.monitoring.api.spi.MonitoringPlugin with ...}
 * and, in {@link #register}, names the types it contributes by class. The host constructs those
 * classes itself, through their {@code @jakarta.inject.Inject} constructor, once per configured
 * instance; the plugin never constructs them and needs no {@code opens} clause.
 *
 * <pre>{@code
 * public final class DiskPlugin implements MonitoringPlugin {
 *   public void register(PluginRegistry registry) {
 *     registry.healthCheck("disk-space", DiskSpaceCheck.class);
 *   }
 * }
 * }</pre>
 *
 * <p>The implementation needs a public no-argument constructor (a {@code ServiceLoader} rule).
 * {@code register} must not block or start threads; an exception thrown from it quarantines the
 * plugin.
 *
 * @since 1.0
 */
public interface MonitoringPlugin {

  /**
   * Names every type this plugin contributes.
   *
   * @param registry collects type names and implementing classes; a type name already taken by
   *     another plugin quarantines this one
   */
  void register(PluginRegistry registry);
}
