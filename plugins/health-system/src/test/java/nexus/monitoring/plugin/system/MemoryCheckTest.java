package nexus.monitoring.plugin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.DOUBLE;
import static org.assertj.core.api.InstanceOfAssertFactories.LONG;

import java.util.Map;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.plugin.system.MemoryCheck.MemoryReading;
import nexus.monitoring.testkit.MapPluginSettings;
import org.junit.jupiter.api.Test;

final class MemoryCheckTest {
  private static final long GIB = 1L << 30;
  private static final long HEAP_MAX = 4 * GIB;
  private static final long SYSTEM_TOTAL = 16 * GIB;

  @Test
  void check_lowUsage_reportsHealthyWithDetails() throws Exception {
    MemoryCheck check =
        new MemoryCheck(MapPluginSettings.empty(), reading(GIB, HEAP_MAX, 6 * GIB, SYSTEM_TOTAL));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.message())
        .isEqualTo("heap 25.0% used (1.0 GiB of 4.0 GiB); system 37.5% used (6.0 GiB of 16.0 GiB)");
    assertThat(result.details())
        .containsExactly(
            Map.entry("heap.used.bytes", GIB),
            Map.entry("heap.max.bytes", HEAP_MAX),
            Map.entry("heap.used.ratio", 0.25),
            Map.entry("system.used.bytes", 6 * GIB),
            Map.entry("system.total.bytes", SYSTEM_TOTAL),
            Map.entry("system.used.ratio", 0.375));
  }

  @Test
  void check_heapAboveWarning_reportsWarning() throws Exception {
    MemoryCheck check =
        new MemoryCheck(
            MapPluginSettings.empty(),
            reading((long) (2.3 * GIB), (long) (2.5 * GIB), GIB, SYSTEM_TOTAL));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(result.message())
        .startsWith("heap 92.0% used (2.3 GiB of 2.5 GiB), warning at 90%; system 6.3% used");
  }

  @Test
  void check_heapAtCritical_reportsCritical() throws Exception {
    long used = (long) (0.98 * HEAP_MAX) + 1;
    MemoryCheck check =
        new MemoryCheck(MapPluginSettings.empty(), reading(used, HEAP_MAX, GIB, SYSTEM_TOTAL));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).contains("), critical at 98%;");
  }

  @Test
  void check_systemAboveCritical_reportsCriticalThoughHeapIsFine() throws Exception {
    MemoryCheck check =
        new MemoryCheck(
            MapPluginSettings.empty(), reading(GIB, HEAP_MAX, (long) (15.9 * GIB), SYSTEM_TOTAL));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .endsWith("; system 99.4% used (15.9 GiB of 16.0 GiB), critical at 99%");
  }

  @Test
  void check_heapWarningAndSystemCritical_reportsWorst() throws Exception {
    MemoryCheck check =
        new MemoryCheck(
            MapPluginSettings.empty(),
            reading((long) (0.95 * HEAP_MAX), HEAP_MAX, SYSTEM_TOTAL, SYSTEM_TOTAL));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).contains("warning at 90%").contains("critical at 99%");
  }

  @Test
  void check_customThresholds_applyInsteadOfDefaults() throws Exception {
    MapPluginSettings settings =
        MapPluginSettings.of(
            "heap-warning", "50%",
            "heap-critical", "0.75",
            "system-warning", "30%",
            "system-critical", "90%");
    MemoryCheck check =
        new MemoryCheck(settings, reading(2 * GIB, HEAP_MAX, 6 * GIB, SYSTEM_TOTAL));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(result.message())
        .isEqualTo(
            "heap 50.0% used (2.0 GiB of 4.0 GiB), warning at 50%;"
                + " system 37.5% used (6.0 GiB of 16.0 GiB), warning at 30%");
    assertThat(settings.unreadKeys()).isEmpty();
  }

  @Test
  void check_heapWithoutMaximum_judgesSystemOnly() throws Exception {
    MemoryCheck check =
        new MemoryCheck(MapPluginSettings.empty(), reading(3 * GIB, -1, GIB, SYSTEM_TOTAL));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.message()).startsWith("heap 3.0 GiB used, no maximum set; system ");
    assertThat(result.details())
        .containsKey("heap.used.bytes")
        .doesNotContainKeys("heap.max.bytes", "heap.used.ratio");
  }

  @Test
  void check_systemSizeUnknown_judgesHeapOnly() throws Exception {
    MemoryCheck check = new MemoryCheck(MapPluginSettings.empty(), reading(GIB, HEAP_MAX, 0, 0));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.message()).endsWith("; system memory size unknown");
    assertThat(result.details()).doesNotContainKeys("system.used.bytes", "system.used.ratio");
  }

  @Test
  void check_platformMXBeans_reportRealFigures() throws Exception {
    MemoryCheck check =
        new MemoryCheck(MapPluginSettings.of("heap-warning", "99%", "heap-critical", "100%"));

    HealthCheckResult result = check.check();

    assertThat(result.details().get("heap.used.bytes")).asInstanceOf(LONG).isPositive();
    assertThat(result.details().get("heap.used.ratio")).asInstanceOf(DOUBLE).isBetween(0.0, 1.0);
    assertThat(result.details().get("system.total.bytes")).asInstanceOf(LONG).isPositive();
    assertThat(result.details().get("system.used.ratio")).asInstanceOf(DOUBLE).isBetween(0.0, 1.0);
  }

  @Test
  void new_heapWarningNotBelowCritical_rejectsHeapWarning() throws Exception {
    assertThatThrownBy(
            () ->
                new MemoryCheck(
                    MapPluginSettings.of("heap-warning", "98%", "heap-critical", "0.9")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "test.yaml: health.test-instance settings key 'heap-warning' is '98%'; expected a"
                + " share below heap-critical (90%)");
  }

  @Test
  void new_systemCriticalBelowDefaultWarning_rejectsSystemCritical() throws Exception {
    assertThatThrownBy(() -> new MemoryCheck(MapPluginSettings.of("system-critical", "80%")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "test.yaml: health.test-instance settings key 'system-critical' is '80%'; expected a"
                + " share above system-warning (95%, the default)");
  }

  @Test
  void new_shareAboveOne_isRejected() throws Exception {
    assertThatThrownBy(() -> new MemoryCheck(MapPluginSettings.of("heap-critical", "150%")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'heap-critical' is '150%'");
  }

  private static MemoryCheck.MemoryProbe reading(
      long heapUsed, long heapMax, long systemUsed, long systemTotal) {
    return () -> new MemoryReading(heapUsed, heapMax, systemTotal, systemTotal - systemUsed);
  }
}
