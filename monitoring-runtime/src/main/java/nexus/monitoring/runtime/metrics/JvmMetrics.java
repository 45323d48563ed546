package nexus.monitoring.runtime.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/** Registers the JVM's memory, thread, uptime and GC metrics with the host's metrics. */
public final class JvmMetrics {
  private JvmMetrics() {}

  public static void register(HostMetrics metrics) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (String area : new String[] {"heap", "nonheap"}) {
      boolean heap = area.equals("heap");
      Map<String, String> tags = Map.of("area", area);
      metrics.gauge(
          "jvm.memory.used.bytes",
          "JVM memory in use",
          "bytes",
          tags,
          () -> usage(memory, heap).getUsed());
      metrics.gauge(
          "jvm.memory.committed.bytes",
          "JVM memory committed by the operating system",
          "bytes",
          tags,
          () -> usage(memory, heap).getCommitted());
      metrics.gauge(
          "jvm.memory.max.bytes",
          "Largest amount of JVM memory that can be used; -1 if undefined",
          "bytes",
          tags,
          () -> usage(memory, heap).getMax());
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    metrics.gauge("jvm.threads.live", "Live JVM threads", "", Map.of(), threads::getThreadCount);
    metrics.gauge(
        "jvm.threads.daemon",
        "Live JVM daemon threads",
        "",
        Map.of(),
        threads::getDaemonThreadCount);
    metrics.gauge(
        "jvm.threads.peak",
        "Most live JVM threads since start",
        "",
        Map.of(),
        threads::getPeakThreadCount);
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      Map<String, String> tags = Map.of("collector", gc.getName());
      metrics.counter(
          "jvm.gc.collections",
          "Garbage collections since start",
          "",
          tags,
          gc::getCollectionCount);
      metrics.counter(
          "jvm.gc.time.seconds",
          "Time spent in garbage collection since start",
          "seconds",
          tags,
          () -> gc.getCollectionTime() / 1000.0);
    }
    RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    metrics.gauge(
        "process.uptime.seconds",
        "Time since the host started",
        "seconds",
        Map.of(),
        () -> runtime.getUptime() / 1000.0);
    metrics.gauge(
        "process.start.time.seconds",
        "Start time of the host, seconds since the epoch",
        "seconds",
        Map.of(),
        () -> runtime.getStartTime() / 1000.0);
    metrics.gauge(
        "jvm.cpu.available",
        "Processors available to the JVM",
        "",
        Map.of(),
        () -> Runtime.getRuntime().availableProcessors());
  }

  private static java.lang.management.MemoryUsage usage(MemoryMXBean memory, boolean heap) {
    return heap ? memory.getHeapMemoryUsage() : memory.getNonHeapMemoryUsage();
  }
}
