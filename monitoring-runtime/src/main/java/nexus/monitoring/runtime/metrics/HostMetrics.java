package nexus.monitoring.runtime.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.DoubleSupplier;
import nexus.monitoring.api.MetricNames;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.Tenants;

/**
 * The host's own metrics: counters it increments and gauges it samples when scraped.
 *
 * <p>Series are identified by name and tags. A name keeps the type, description and unit of its
 * first registration; registering it again with another type is a bug in the host and fails.
 */
public final class HostMetrics {
  private record SeriesKey(String name, List<MetricTag> tags) {}

  private record Family(String name, MetricType type, String description, String unit) {}

  private record Series(Family family, List<MetricTag> tags, DoubleSupplier value) {}

  private final Map<String, Family> families = new ConcurrentHashMap<>();
  private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();
  private final Map<SeriesKey, DoubleAdder> counters = new ConcurrentHashMap<>();

  /** Registers (or replaces) a gauge sampled on every snapshot. */
  public void gauge(
      String name,
      String description,
      String unit,
      Map<String, String> tags,
      DoubleSupplier value) {
    Family family = family(name, MetricType.GAUGE, description, unit);
    List<MetricTag> tagList = MetricTag.of(tags);
    series.put(new SeriesKey(name, tagList), new Series(family, tagList, value));
  }

  /** Registers (or replaces) a counter whose running total is read on every snapshot. */
  public void counter(
      String name,
      String description,
      String unit,
      Map<String, String> tags,
      DoubleSupplier total) {
    Family family = family(name, MetricType.COUNTER, description, unit);
    List<MetricTag> tagList = MetricTag.of(tags);
    series.put(new SeriesKey(name, tagList), new Series(family, tagList, total));
  }

  /** Adds {@code amount} to a counter, creating it at zero first. */
  public void increment(
      String name, String description, String unit, Map<String, String> tags, double amount) {
    List<MetricTag> tagList = MetricTag.of(tags);
    SeriesKey key = new SeriesKey(name, tagList);
    DoubleAdder adder = counters.get(key);
    if (adder == null) {
      Family family = family(name, MetricType.COUNTER, description, unit);
      DoubleAdder fresh = new DoubleAdder();
      adder = counters.putIfAbsent(key, fresh);
      if (adder == null) {
        adder = fresh;
        series.put(key, new Series(family, tagList, fresh::sum));
      }
    }
    adder.add(amount);
  }

  /** Removes every series of {@code name} whose tags include {@code tag}. */
  public void remove(String name, MetricTag tag) {
    series.keySet().removeIf(k -> k.name().equals(name) && k.tags().contains(tag));
    counters.keySet().removeIf(k -> k.name().equals(name) && k.tags().contains(tag));
  }

  /** Every series now, grouped by name in name order. */
  public List<MetricSnapshot> snapshot() {
    List<Series> all = new ArrayList<>(series.values());
    all.sort(
        Comparator.comparing((Series s) -> s.family().name())
            .thenComparing(s -> s.tags().toString()));
    List<MetricSnapshot> result = new ArrayList<>(all.size());
    for (Series s : all) {
      Family f = s.family();
      double value;
      try {
        value = s.value().getAsDouble();
      } catch (RuntimeException e) {
        // A gauge whose source went away reports NaN rather than failing the whole scrape.
        value = Double.NaN;
      }
      result.add(
          new MetricSnapshot(
              f.name(),
              f.type(),
              f.description(),
              f.unit(),
              s.tags(),
              Tenants.DEFAULT,
              value,
              null,
              null));
    }
    return result;
  }

  private Family family(String name, MetricType type, String description, String unit) {
    MetricNames.requireValid("metric name", name);
    Family family = families.computeIfAbsent(name, n -> new Family(n, type, description, unit));
    if (family.type() != type) {
      throw new IllegalStateException(
          "metric " + name + " is already registered as " + family.type() + ", not " + type);
    }
    return family;
  }
}
