package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.Tenants;
import org.junit.jupiter.api.Test;

final class ThreadLocalTenantContextTest {
  private final ThreadLocalTenantContext tenants = new ThreadLocalTenantContext();

  @Test
  void outsideAnyScope_theTenantIsTheDefault() {
    assertThat(tenants.currentTenant()).isEqualTo(Tenants.DEFAULT);
  }

  @Test
  void scopesNest_andEachRestoresTheOuterTenant() {
    List<String> seen = new ArrayList<>();

    tenants.runAs(
        "acme",
        () -> {
          seen.add(tenants.currentTenant());
          seen.add(tenants.callAs("globex", tenants::currentTenant));
          seen.add(tenants.currentTenant());
        });
    seen.add(tenants.currentTenant());

    assertThat(seen).containsExactly("acme", "globex", "acme", Tenants.DEFAULT);
  }

  @Test
  void aThrowingAction_stillRestoresTheOuterTenant() {
    assertThatThrownBy(
            () ->
                tenants.runAs(
                    "acme",
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("boom");

    assertThat(tenants.currentTenant()).isEqualTo(Tenants.DEFAULT);
  }

  @Test
  void anInvalidTenant_isRefused_andTheActionDoesNotRun() {
    AtomicReference<String> ran = new AtomicReference<>();

    assertThatThrownBy(() -> tenants.runAs("no spaces", () -> ran.set("ran")))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "tenant 'no spaces' is invalid: character ' ' at index 2 is not an ASCII letter,"
                + " digit, '_', '-' or '.'");
    assertThat(ran.get()).isNull();
  }

  @Test
  void propagating_runsTheActionAsTheTenantCurrentWhenItWasWrapped() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    Runnable wrapped =
        tenants.callAs("acme", () -> tenants.propagating(() -> seen.set(tenants.currentTenant())));

    Thread other = new Thread(wrapped);
    other.start();
    other.join();

    assertThat(seen.get()).isEqualTo("acme");
  }

  @Test
  void eachThread_hasItsOwnTenant() throws Exception {
    AtomicReference<String> onOtherThread = new AtomicReference<>();

    tenants.runAs(
        "acme",
        () -> {
          Thread other = new Thread(() -> onOtherThread.set(tenants.currentTenant()));
          other.start();
          try {
            other.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });

    assertThat(onOtherThread.get()).isEqualTo(Tenants.DEFAULT);
  }
}
