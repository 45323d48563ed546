package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

final class TenantContextTest {

  /** The smallest faithful implementation: a thread-local scope that nests and restores. */
  private static final class ThreadLocalTenantContext implements TenantContext {
    private final ThreadLocal<String> current = ThreadLocal.withInitial(() -> Tenants.DEFAULT);

    @Override
    public String currentTenant() {
      return current.get();
    }

    @Override
    public void runAs(String tenant, Runnable action) {
      callAs(
          tenant,
          () -> {
            action.run();
            return null;
          });
    }

    @Override
    public <T> T callAs(String tenant, Supplier<T> action) {
      Tenants.requireValid(tenant);
      String outer = current.get();
      current.set(tenant);
      try {
        return action.get();
      } finally {
        current.set(outer);
      }
    }
  }

  private final TenantContext tenants = new ThreadLocalTenantContext();

  @Test
  void propagating_runsOnAnotherThreadAsTheTenantCurrentWhenWrapped() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    Runnable task =
        tenants.callAs("acme", () -> tenants.propagating(() -> seen.set(tenants.currentTenant())));

    CompletableFuture.runAsync(task).get();

    assertThat(seen.get()).isEqualTo("acme");
    assertThat(tenants.currentTenant()).isEqualTo(Tenants.DEFAULT);
  }

  @Test
  void propagating_outsideAnyScope_bindsDefaultTenant() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    Runnable task = tenants.propagating(() -> seen.set(tenants.currentTenant()));

    tenants.runAs("other", task);

    assertThat(seen.get()).isEqualTo(Tenants.DEFAULT);
  }

  @Test
  void runAs_invalidTenant_rejectedWithoutRunning() {
    boolean[] ran = {false};

    assertThatThrownBy(() -> tenants.runAs("no spaces", () -> ran[0] = true))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageStartingWith("tenant 'no spaces' is invalid");
    assertThat(ran[0]).isFalse();
  }
}
