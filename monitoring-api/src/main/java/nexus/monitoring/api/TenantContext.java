package nexus.monitoring.api;

import java.util.function.Supplier;

/**
 * The tenant on whose behalf the current thread records metrics and reads data.
 *
 * <p>Code outside any tenant scope runs as {@link Tenants#DEFAULT}. A scope opened by {@link
 * #runAs} or {@link #callAs} covers the action and everything it calls on the same thread; it nests
 * (the inner tenant wins inside) and always ends when the action returns or throws, restoring the
 * outer tenant. It does not follow work handed to other threads; wrap such work with {@link
 * #propagating}.
 *
 * <pre>{@code
 * tenants.runAs("acme", () -> tracker.increment("orders.placed"));
 * executor.execute(tenants.propagating(() -> tracker.increment("orders.shipped")));
 * }</pre>
 *
 * @since 1.0
 */
public interface TenantContext {

  /** The tenant of the current scope, or {@link Tenants#DEFAULT} outside any. */
  String currentTenant();

  /**
   * Runs {@code action} as {@code tenant}.
   *
   * @throws InvalidMetricException when {@code tenant} breaks {@link Tenants}' rule; the action
   *     does not run
   */
  void runAs(String tenant, Runnable action);

  /**
   * Runs {@code action} as {@code tenant} and returns its result.
   *
   * @throws InvalidMetricException when {@code tenant} breaks {@link Tenants}' rule; the action
   *     does not run
   */
  <T> T callAs(String tenant, Supplier<T> action);

  /**
   * {@code action}, bound to the tenant current now: wherever it later runs, it runs as that
   * tenant.
   */
  default Runnable propagating(Runnable action) {
    String tenant = currentTenant();
    return () -> runAs(tenant, action);
  }
}
