package nexus.monitoring.plugin.storage.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * The settings of one embedded storage, read and checked at once.
 *
 * @param instanceName the name the storage was given in configuration, for messages
 * @param directory holds the store file {@code metrics.db} and SQLite's {@code -wal} and {@code
 *     -shm} files beside it
 * @param synchronous {@code NORMAL} or {@code FULL}, SQLite's {@code PRAGMA synchronous}
 * @param busyTimeout how long a statement waits for a lock another connection or process holds
 * @param readConnections the most connections reading at once
 */
record StorageSettings(
    String instanceName,
    Path directory,
    String synchronous,
    Duration busyTimeout,
    int readConnections) {

  static final String DEFAULT_PATH = "data/metrics";
  static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
  static final int DEFAULT_READ_CONNECTIONS = 4;
  static final int MAX_READ_CONNECTIONS = 64;

  /**
   * Reads every key of an embedded storage's settings.
   *
   * @throws nexus.monitoring.api.InvalidConfigurationException naming the key, the value and what
   *     was expected
   */
  static StorageSettings read(PluginSettings settings) {
    Path directory = settings.path("path", DEFAULT_PATH);
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw settings.invalid(
          "path",
          "a directory to hold the store file metrics.db; " + directory + " is not a directory");
    }

    String synchronous = settings.string("synchronous", "normal").toUpperCase(Locale.ROOT);
    if (!synchronous.equals("NORMAL") && !synchronous.equals("FULL")) {
      throw settings.invalid(
          "synchronous",
          "normal (each commit survives the process being killed) or full (each commit also"
              + " survives power loss, at the cost of an fsync per commit)");
    }

    Duration busyTimeout = settings.duration("busy-timeout", DEFAULT_BUSY_TIMEOUT);
    if (busyTimeout.compareTo(Duration.ofMillis(1)) < 0
        || busyTimeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
      throw settings.invalid("busy-timeout", "a duration from 1ms to 24d, such as 5s");
    }

    long readConnections = settings.integer("read-connections", DEFAULT_READ_CONNECTIONS);
    if (readConnections < 1 || readConnections > MAX_READ_CONNECTIONS) {
      throw settings.invalid(
          "read-connections", "a whole number from 1 to " + MAX_READ_CONNECTIONS);
    }

    return new StorageSettings(
        settings.instanceName(), directory, synchronous, busyTimeout, (int) readConnections);
  }
}
