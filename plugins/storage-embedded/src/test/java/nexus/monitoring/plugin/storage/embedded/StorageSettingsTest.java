package nexus.monitoring.plugin.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import nexus.monitoring.api.InvalidConfigurationException;
import nexus.monitoring.api.MetricStorageException;
import nexus.monitoring.testkit.MapPluginSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class StorageSettingsTest {
  @TempDir Path home;

  @Test
  void read_nothingSet_usesDefaults() {
    MapPluginSettings settings = StorageTestSettings.of(home);

    StorageSettings read = StorageSettings.read(settings);

    assertThat(read)
        .isEqualTo(
            new StorageSettings(
                "metrics", home.resolve("data/metrics"), "NORMAL", Duration.ofSeconds(5), 4));
  }

  @Test
  void read_everyKeySet_readsEachAndLeavesNoneUnread() {
    Path elsewhere = home.resolve("elsewhere");
    MapPluginSettings settings =
        StorageTestSettings.of(
            home,
            "path",
            elsewhere.toString(),
            "synchronous",
            "full",
            "busy-timeout",
            "250ms",
            "read-connections",
            "8");

    StorageSettings read = StorageSettings.read(settings);

    assertThat(read)
        .isEqualTo(new StorageSettings("metrics", elsewhere, "FULL", Duration.ofMillis(250), 8));
    assertThat(settings.unreadKeys()).isEmpty();
  }

  @Test
  void read_relativePath_resolvesAgainstInstallation() {
    StorageSettings read =
        StorageSettings.read(StorageTestSettings.of(home, "path", "var/history"));

    assertThat(read.directory()).isEqualTo(home.resolve("var/history"));
  }

  @Test
  void read_unknownSynchronousMode_isRefused() {
    assertThatThrownBy(
            () -> StorageSettings.read(StorageTestSettings.of(home, "synchronous", "off")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "test.yaml: storage settings key 'synchronous' is 'off'; expected normal (each commit"
                + " survives the process being killed) or full (each commit also survives power"
                + " loss, at the cost of an fsync per commit)");
  }

  @Test
  void read_zeroBusyTimeout_isRefused() {
    assertThatThrownBy(
            () -> StorageSettings.read(StorageTestSettings.of(home, "busy-timeout", "0s")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "test.yaml: storage settings key 'busy-timeout' is '0s'; expected a duration from 1ms"
                + " to 24d, such as 5s");
  }

  @Test
  void read_readConnectionsOutOfRange_isRefused() {
    for (String count : new String[] {"0", "65", "-1"}) {
      assertThatThrownBy(
              () -> StorageSettings.read(StorageTestSettings.of(home, "read-connections", count)))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessage(
              "test.yaml: storage settings key 'read-connections' is '"
                  + count
                  + "'; expected a whole number from 1 to 64");
    }
  }

  @Test
  void read_pathIsAFile_isRefusedNamingIt() throws Exception {
    Path file = Files.writeString(home.resolve("metrics.txt"), "not a directory");

    assertThatThrownBy(
            () -> StorageSettings.read(StorageTestSettings.of(home, "path", file.toString())))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "test.yaml: storage settings key 'path' is '"
                + file
                + "'; expected a directory to hold the store file metrics.db; "
                + file
                + " is not a directory");
  }

  @Test
  void injectConstructor_badSettings_throwsInvalidConfiguration() {
    assertThatThrownBy(
            () -> new EmbeddedMetricStorage(StorageTestSettings.of(home, "read-connections", "x")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage(
            "test.yaml: storage settings key 'read-connections' is 'x'; expected a whole number");
  }

  @Test
  void open_directoryCannotBeCreated_failsNamingIt() throws Exception {
    Path file = Files.writeString(home.resolve("plain-file"), "x");
    Path directory = file.resolve("metrics");

    assertThatThrownBy(
            () ->
                new EmbeddedMetricStorage(
                    StorageTestSettings.of(home, "path", directory.toString())))
        .isInstanceOf(MetricStorageException.class)
        .hasMessageStartingWith(
            "embedded storage 'metrics' ("
                + directory.resolve("metrics.db")
                + ") could not create its directory "
                + directory
                + ": ");
  }
}
