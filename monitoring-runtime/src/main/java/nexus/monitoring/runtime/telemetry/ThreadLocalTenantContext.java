package nexus.monitoring.runtime.telemetry;

import java.util.function.Supplier;
import nexus.monitoring.api.TenantContext;
import nexus.monitoring.api.Tenants;

/**
 * The host's {@link TenantContext}: the current tenant is a thread-local, set for the length of
 * {@link #runAs} or {@link #callAs} and restored afterwards, also when the action throws.
 *
 * <p>Every component that attributes work to tenants must share one instance (the host binds it
 * once), since each instance has its own thread-local.
 *
 * @since 1.0
 */
public final class ThreadLocalTenantContext implements TenantContext {
  private final ThreadLocal<String> current = new ThreadLocal<>();

  /**
   * Whether any scope was ever opened. Until then every thread is in the default tenant, and the
   * recording hot path skips the thread-local lookup.
   */
  private volatile boolean scoped;

  /** A context in which every thread starts as {@link Tenants#DEFAULT}. */
  public ThreadLocalTenantContext() {}

  @Override
  public String currentTenant() {
    if (!scoped) {
      return Tenants.DEFAULT;
    }
    String tenant = current.get();
    return tenant == null ? Tenants.DEFAULT : tenant;
  }

  @Override
  public void runAs(String tenant, Runnable action) {
    Tenants.requireValid(tenant);
    if (!scoped) {
      scoped = true;
    }
    String outer = current.get();
    current.set(tenant);
    try {
      action.run();
    } finally {
      restore(outer);
    }
  }

  @Override
  public <T> T callAs(String tenant, Supplier<T> action) {
    Tenants.requireValid(tenant);
    if (!scoped) {
      scoped = true;
    }
    String outer = current.get();
    current.set(tenant);
    try {
      return action.get();
    } finally {
      restore(outer);
    }
  }

  private void restore(String outer) {
    if (outer == null) {
      current.remove();
    } else {
      current.set(outer);
    }
  }

  @Override
  public String toString() {
    return "ThreadLocalTenantContext";
  }
}
