package nexus.monitoring.plugin.system;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import nexus.monitoring.api.HealthCheckFailedException;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.spi.AbstractHealthCheck;
import nexus.monitoring.api.spi.Observations;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * Health check type {@code disk-space}: how much of the file store holding a path is still free.
 *
 * <p>Settings, all optional:
 *
 * <ul>
 *   <li>{@code path} — any path on the file store to watch; default {@code /}
 *   <li>{@code warning-free} — WARNING when the free share falls below it; default {@code 15%}
 *   <li>{@code critical-free} — CRITICAL when the free share falls below it; default {@code 5%}
 *   <li>{@code warning-free-bytes} — also WARNING when fewer bytes than this are free; no default
 *   <li>{@code critical-free-bytes} — also CRITICAL when fewer bytes than this are free; no default
 * </ul>
 *
 * <p>Each warning threshold must be above its critical one. Free space is what this JVM may use
 * ({@link FileStore#getUsableSpace()}), which leaves out blocks reserved for the superuser. A path
 * that does not exist is CRITICAL: the mount it names is missing. A store reporting a total size of
 * zero (some pseudo file systems) is OFFLINE, because nothing can be judged from it.
 */
final class DiskSpaceCheck extends AbstractHealthCheck {

  /** Measures the file store holding a path; the real one asks {@link FileStore}. */
  @FunctionalInterface
  interface SpaceProbe {
    /**
     * @throws NoSuchFileException when {@code path} does not exist
     * @throws IOException when the file store cannot be read
     */
    Space measure(Path path) throws IOException;

    /** The probe used in production: the {@link FileStore} of the path. */
    static SpaceProbe fileStore() {
      return path -> {
        FileStore store = Files.getFileStore(path);
        return new Space(store.getUsableSpace(), store.getTotalSpace());
      };
    }
  }

  /** Bytes free for this JVM and total bytes of a file store. */
  record Space(long freeBytes, long totalBytes) {}

  private final Path path;
  private final double warningFree;
  private final double criticalFree;
  private final OptionalLong warningFreeBytes;
  private final OptionalLong criticalFreeBytes;
  private final SpaceProbe probe;

  @Inject
  DiskSpaceCheck(PluginSettings settings) {
    this(settings, SpaceProbe.fileStore());
  }

  // VisibleForTesting: tests pass a probe with fixed figures.
  DiskSpaceCheck(PluginSettings settings, SpaceProbe probe) {
    this.path = readPath(settings);
    this.warningFree = settings.percent("warning-free", 0.15);
    this.criticalFree = settings.percent("critical-free", 0.05);
    this.warningFreeBytes = optionalBytes(settings, "warning-free-bytes");
    this.criticalFreeBytes = optionalBytes(settings, "critical-free-bytes");
    this.probe = probe;

    // Blame the key the user wrote: a lone critical-free of 20% conflicts with the default 15%.
    if (warningFree <= criticalFree) {
      throw settings.has("warning-free")
          ? settings.invalid(
              "warning-free",
              "a share above critical-free (" + Measures.threshold(criticalFree) + ")")
          : settings.invalid(
              "critical-free",
              "a share below warning-free (" + Measures.threshold(warningFree) + ", the default)");
    }
    if (warningFreeBytes.isPresent()
        && criticalFreeBytes.isPresent()
        && warningFreeBytes.getAsLong() <= criticalFreeBytes.getAsLong()) {
      throw settings.invalid(
          "warning-free-bytes",
          "a size above critical-free-bytes ("
              + Measures.bytes(criticalFreeBytes.getAsLong())
              + ")");
    }
  }

  @Override
  protected HealthCheckResult probe(Observations observed) {
    observed.put("path", path.toString());
    Space space;
    try {
      space = probe.measure(path);
    } catch (NoSuchFileException e) {
      return HealthCheckResult.critical(
          "path " + path + " does not exist, so the free space of its disk cannot be measured");
    } catch (IOException e) {
      throw new HealthCheckFailedException(
          "cannot read the file store of " + path + ": " + e.getMessage(), e);
    }
    long free = Math.max(0, space.freeBytes());
    observed.put("free.bytes", free).put("total.bytes", space.totalBytes());
    if (space.totalBytes() <= 0) {
      return HealthCheckResult.offline(
          "the file store of " + path + " reports a total size of 0 bytes; cannot judge it");
    }

    double freeRatio = (double) free / space.totalBytes();
    observed.put("free.ratio", freeRatio);
    List<String> critical = breached(free, freeRatio, criticalFree, criticalFreeBytes);
    List<String> warning = breached(free, freeRatio, warningFree, warningFreeBytes);
    HealthStatus status;
    String reason;
    if (!critical.isEmpty()) {
      status = HealthStatus.CRITICAL;
      reason = "; critical below " + String.join(" and ", critical);
    } else if (!warning.isEmpty()) {
      status = HealthStatus.WARNING;
      reason = "; warning below " + String.join(" and ", warning);
    } else {
      status = HealthStatus.HEALTHY;
      reason = "";
    }

    String message =
        Measures.percent(freeRatio)
            + " free on "
            + path
            + " ("
            + Measures.bytes(free)
            + " of "
            + Measures.bytes(space.totalBytes())
            + ")"
            + reason;
    return HealthCheckResult.of(status, message);
  }

  /** The thresholds of one level that the free space is below, as the message names them. */
  private static List<String> breached(
      long free, double freeRatio, double ratioThreshold, OptionalLong bytesThreshold) {
    List<String> breached = new ArrayList<>(2);
    if (freeRatio < ratioThreshold) {
      breached.add(Measures.threshold(ratioThreshold));
    }
    if (bytesThreshold.isPresent() && free < bytesThreshold.getAsLong()) {
      breached.add(Measures.bytes(bytesThreshold.getAsLong()));
    }
    return breached;
  }

  private static Path readPath(PluginSettings settings) {
    String text = settings.string("path", "/");
    if (text.isBlank()) {
      throw settings.invalid("path", "a path on the file store to watch, such as /var");
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw settings.invalid("path", "a valid path on this system (" + e.getReason() + ")");
    }
  }

  private static OptionalLong optionalBytes(PluginSettings settings, String key) {
    return settings.has(key) ? OptionalLong.of(settings.bytes(key, 0)) : OptionalLong.empty();
  }
}
