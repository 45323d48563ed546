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

  /** A context in which every thread starts as {@link Tenants#DEFAULT}. */
  public ThreadLocalTenantContext() {}

  @Override
  public String currentTenant() {
    String tenant = current.get();
    return tenant == null ? Tenants.DEFAULT : tenant;
  }

  @Override
  public void runAs(String tenant, Runnable action) {
    Tenants.requireValid(tenant);
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
