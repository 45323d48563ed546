package nexus.monitoring.plugin.system;

import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.api.HealthStatus;
import nexus.monitoring.api.spi.AbstractHealthCheck;
import nexus.monitoring.api.spi.Observations;
import nexus.monitoring.api.spi.PluginSettings;

/**
 * Health check type {@code memory}: how full the JVM heap and the machine's physical memory are.
 *
 * <p>Settings, all optional, each a used share:
 *
 * <ul>
 *   <li>{@code heap-warning} — WARNING when heap use reaches it; default {@code 90%}
 *   <li>{@code heap-critical} — CRITICAL when heap use reaches it; default {@code 98%}
 *   <li>{@code system-warning} — WARNING when physical memory use reaches it; default {@code 95%}
 *   <li>{@code system-critical} — CRITICAL when physical memory use reaches it; default {@code 99%}
 * </ul>
 *
 * <p>Each warning threshold must be below its critical one. Heap use is measured against the heap's
 * maximum ({@code -Xmx}); a JVM without a defined maximum has its heap reported but not judged.
 * Physical memory comes from {@link com.sun.management.OperatingSystemMXBean}, which reports the
 * container's limit when the JVM runs in one. The result is the worse of the two.
 *
 * <p>The platform's free memory on a Linux host outside a container is {@code MemFree}, which
 * counts reclaimable page cache as used; on a machine that caches many files, system use reads
 * higher than {@code MemAvailable} would suggest, and {@code system-warning} may need raising.
 */
final class MemoryCheck extends AbstractHealthCheck {

  /** Reads memory figures; the real one asks the platform MXBeans. */
  @FunctionalInterface
  interface MemoryProbe {
    MemoryReading read();

    /** The probe used in production: the heap and operating system MXBeans of this JVM. */
    static MemoryProbe platform() {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      com.sun.management.OperatingSystemMXBean os =
          ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
      return () -> {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        return new MemoryReading(
            heap.getUsed(), heap.getMax(), os.getTotalMemorySize(), os.getFreeMemorySize());
      };
    }
  }

  /**
   * One reading of memory figures, in bytes.
   *
   * @param heapMax negative when the heap has no defined maximum
   * @param systemTotal zero or negative when the platform cannot tell
   */
  record MemoryReading(long heapUsed, long heapMax, long systemTotal, long systemFree) {}

  private final Thresholds heap;
  private final Thresholds system;
  private final MemoryProbe probe;

  @Inject
  MemoryCheck(PluginSettings settings) {
    this(settings, MemoryProbe.platform());
  }

  // VisibleForTesting: tests pass a probe with fixed figures.
  MemoryCheck(PluginSettings settings, MemoryProbe probe) {
    this.heap = Thresholds.read(settings, "heap", 0.90, 0.98);
    this.system = Thresholds.read(settings, "system", 0.95, 0.99);
    this.probe = probe;
  }

  @Override
  protected HealthCheckResult probe(Observations details) {
    MemoryReading reading = probe.read();
    List<String> parts = new ArrayList<>(2);
    HealthStatus status = HealthStatus.HEALTHY;

    details.put("heap.used.bytes", reading.heapUsed());
    if (reading.heapMax() > 0) {
      double ratio = (double) reading.heapUsed() / reading.heapMax();
      HealthStatus heapStatus = heap.judge(ratio);
      status = status.worst(heapStatus);
      parts.add(describe("heap", ratio, reading.heapUsed(), reading.heapMax(), heapStatus, heap));
      details.put("heap.max.bytes", reading.heapMax());
      details.put("heap.used.ratio", ratio);
    } else {
      parts.add("heap " + Measures.bytes(reading.heapUsed()) + " used, no maximum set");
    }

    if (reading.systemTotal() > 0) {
      long used = Math.max(0, reading.systemTotal() - Math.max(0, reading.systemFree()));
      double ratio = (double) used / reading.systemTotal();
      HealthStatus systemStatus = system.judge(ratio);
      status = status.worst(systemStatus);
      parts.add(describe("system", ratio, used, reading.systemTotal(), systemStatus, system));
      details.put("system.used.bytes", used);
      details.put("system.total.bytes", reading.systemTotal());
      details.put("system.used.ratio", ratio);
    } else {
      parts.add("system memory size unknown");
    }

    return HealthCheckResult.of(status, String.join("; ", parts));
  }

  /** {@code heap 92.0% used (2.3 GiB of 2.5 GiB), warning at 90%}. */
  private static String describe(
      String what, double ratio, long used, long limit, HealthStatus status, Thresholds limits) {
    String text =
        what
            + " "
            + Measures.percent(ratio)
            + " used ("
            + Measures.bytes(used)
            + " of "
            + Measures.bytes(limit)
            + ")";
    return switch (status) {
      case CRITICAL -> text + ", critical at " + Measures.threshold(limits.critical());
      case WARNING -> text + ", warning at " + Measures.threshold(limits.warning());
      default -> text;
    };
  }

  /** The warning and critical used shares of one kind of memory. */
  private record Thresholds(double warning, double critical) {

    static Thresholds read(
        PluginSettings settings, String prefix, double defaultWarning, double defaultCritical) {
      String warningKey = prefix + "-warning";
      String criticalKey = prefix + "-critical";
      double warning = settings.percent(warningKey, defaultWarning);
      double critical = settings.percent(criticalKey, defaultCritical);
      // Blame the key the user wrote: a lone heap-critical of 80% conflicts with the default 90%.
      if (warning >= critical) {
        throw settings.has(warningKey)
            ? settings.invalid(
                warningKey,
                "a share below " + criticalKey + " (" + Measures.threshold(critical) + ")")
            : settings.invalid(
                criticalKey,
                "a share above "
                    + warningKey
                    + " ("
                    + Measures.threshold(warning)
                    + ", the default)");
      }
      return new Thresholds(warning, critical);
    }

    HealthStatus judge(double usedRatio) {
      if (usedRatio >= critical) {
        return HealthStatus.CRITICAL;
      }
      return usedRatio >= warning ? HealthStatus.WARNING : HealthStatus.HEALTHY;
    }
  }
}
