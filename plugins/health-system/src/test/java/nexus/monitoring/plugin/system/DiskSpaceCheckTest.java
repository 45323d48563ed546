package nexus.monitoring.plugin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.DOUBLE;
import static org.assertj.core.api.InstanceOfAssertFactories.LONG;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import nexus.monitoring.api.HealthCheckFailedException;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.plugin.system.DiskSpaceCheck.Space;
import nexus.monitoring.testkit.MapPluginSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DiskSpaceCheckTest {
  private static final long GIB = 1L << 30;
  private static final long TOTAL = 370 * GIB;

  @Test
  void check_plentyFree_reportsHealthyWithDetails() throws Exception {
    DiskSpaceCheck check = new DiskSpaceCheck(MapPluginSettings.empty(), fixed(185 * GIB, TOTAL));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.message()).isEqualTo("50.0% free on / (185 GiB of 370 GiB)");
    assertThat(result.details())
        .containsExactly(
            Map.entry("path", "/"),
            Map.entry("free.bytes", 185 * GIB),
            Map.entry("total.bytes", TOTAL),
            Map.entry("free.ratio", 0.5));
  }

  @Test
  void check_freeBelowWarning_reportsWarning() throws Exception {
    long free = (long) (45.6 * GIB);
    DiskSpaceCheck check = new DiskSpaceCheck(MapPluginSettings.empty(), fixed(free, TOTAL));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(result.message())
        .isEqualTo("12.3% free on / (45.6 GiB of 370 GiB); warning below 15%");
  }

  @Test
  void check_freeBelowCritical_reportsCritical() throws Exception {
    DiskSpaceCheck check =
        new DiskSpaceCheck(settings("path", "/var"), fixed((long) (3.7 * GIB), TOTAL));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .isEqualTo("1.0% free on /var (3.7 GiB of 370 GiB); critical below 5%");
    assertThat(result.details()).containsEntry("path", "/var");
  }

  @Test
  void check_freeExactlyAtWarningShare_reportsHealthy() throws Exception {
    DiskSpaceCheck check =
        new DiskSpaceCheck(settings("warning-free", "25%", "critical-free", "10%"), fixed(25, 100));

    assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void check_customShares_applyInsteadOfDefaults() throws Exception {
    DiskSpaceCheck check =
        new DiskSpaceCheck(
            settings("warning-free", "30%", "critical-free", "0.2"), fixed(25 * GIB, 100 * GIB));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(result.message()).endsWith("; warning below 30%");
  }

  @Test
  void check_freeBytesBelowCriticalBytes_reportsCriticalThoughShareIsFine() throws Exception {
    DiskSpaceCheck check =
        new DiskSpaceCheck(
            settings("warning-free-bytes", "20GiB", "critical-free-bytes", "10GiB"),
            fixed(8 * GIB, 16 * GIB));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .isEqualTo("50.0% free on / (8.0 GiB of 16.0 GiB); critical below 10.0 GiB");
  }

  @Test
  void check_freeBytesBelowWarningBytes_reportsWarning() throws Exception {
    DiskSpaceCheck check =
        new DiskSpaceCheck(settings("warning-free-bytes", "20GiB"), fixed(15 * GIB, 30 * GIB));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(result.message()).endsWith("; warning below 20.0 GiB");
  }

  @Test
  void check_shareAndBytesBothBreached_namesBoth() throws Exception {
    DiskSpaceCheck check =
        new DiskSpaceCheck(settings("critical-free-bytes", "1GiB"), fixed(GIB / 2, 100 * GIB));

    assertThat(check.check().message()).endsWith("; critical below 5% and 1.0 GiB");
  }

  @Test
  void check_pathMissing_reportsCritical(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("not-mounted");
    DiskSpaceCheck check = new DiskSpaceCheck(settings("path", missing.toString()));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message())
        .isEqualTo(
            "path "
                + missing
                + " does not exist, so the free space of its disk cannot be measured");
    assertThat(result.details()).containsEntry("path", missing.toString());
  }

  @Test
  void check_realFileStore_measuresTemporaryDirectory(@TempDir Path dir) throws Exception {
    DiskSpaceCheck check =
        new DiskSpaceCheck(
            settings("path", dir.toString(), "warning-free", "0.02%", "critical-free", "0.01%"));

    HealthCheckResult result = check.check();

    assertThat(result.details().get("total.bytes")).asInstanceOf(LONG).isPositive();
    assertThat(result.details().get("free.ratio")).asInstanceOf(DOUBLE).isBetween(0.0, 1.0);
    assertThat(result.message()).contains(" free on " + dir + " (");
  }

  @Test
  void check_storeReportsZeroTotal_reportsOffline() throws Exception {
    DiskSpaceCheck check = new DiskSpaceCheck(settings("path", "/proc"), fixed(0, 0));

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.OFFLINE);
    assertThat(result.message())
        .isEqualTo("the file store of /proc reports a total size of 0 bytes; cannot judge it");
  }

  @Test
  void check_storeUnreadable_criticalNamingPathAndCause() throws Exception {
    DiskSpaceCheck check =
        new DiskSpaceCheck(
            MapPluginSettings.empty(),
            path -> {
              throw new IOException("Input/output error");
            });

    HealthCheckResult result = check.check();

    assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(result.message()).isEqualTo("cannot read the file store of /: Input/output error");
    assertThat(result.details())
        .containsEntry("path", "/")
        .containsEntry("exception", HealthCheckFailedException.class.getName());
  }

  @Test
  void check_probeReportsMissingPath_reportsCriticalNotException() throws Exception {
    DiskSpaceCheck check =
        new DiskSpaceCheck(
            settings("path", "/mnt/backup"),
            path -> {
              throw new NoSuchFileException(path.toString());
            });

    assertThat(check.check().status()).isEqualTo(HealthStatus.CRITICAL);
  }

  @Test
  void new_warningNotAboveCritical_rejectsWarningFree() {
    assertThatThrownBy(
            () -> new DiskSpaceCheck(settings("warning-free", "5%", "critical-free", "5%")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "test.yaml: health.test-instance settings key 'warning-free' is '5%'; expected a"
                + " share above critical-free (5%)");
  }

  @Test
  void new_criticalAboveDefaultWarning_rejectsCriticalFree() {
    assertThatThrownBy(() -> new DiskSpaceCheck(settings("critical-free", "20%")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "test.yaml: health.test-instance settings key 'critical-free' is '20%'; expected a"
                + " share below warning-free (15%, the default)");
  }

  @Test
  void new_warningBytesNotAboveCriticalBytes_rejectsWarningFreeBytes() {
    assertThatThrownBy(
            () ->
                new DiskSpaceCheck(
                    settings("warning-free-bytes", "1GiB", "critical-free-bytes", "2GiB")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "test.yaml: health.test-instance settings key 'warning-free-bytes' is '1GiB';"
                + " expected a size above critical-free-bytes (2.0 GiB)");
  }

  @Test
  void new_blankPath_isRejected() {
    assertThatThrownBy(() -> new DiskSpaceCheck(settings("path", " ")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("settings key 'path' is ' '; expected a path");
  }

  @Test
  void new_everySetting_isRead() {
    MapPluginSettings settings =
        settings(
            "path", "/data",
            "warning-free", "20%",
            "critical-free", "10%",
            "warning-free-bytes", "10GiB",
            "critical-free-bytes", "5GiB");

    new DiskSpaceCheck(settings);

    assertThat(settings.unreadKeys()).isEmpty();
  }

  private static DiskSpaceCheck.SpaceProbe fixed(long free, long total) {
    return path -> new Space(free, total);
  }

  private static MapPluginSettings settings(String... keysAndValues) {
    return MapPluginSettings.of(keysAndValues);
  }
}
