package nexus.monitoring.runtime.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricStorageException;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.api.spi.MetricStorage;

/**
 * A {@link MetricStorage} that keeps every aggregate on the heap: the storage of embedded mode and
 * of tests.
 *
 * <p>It keeps every promise of the SPI except durability, which a heap cannot give: what it holds
 * is gone when the process ends. One read-write lock guards all of it, so a read sees an appended
 * batch or a rewrite whole or not at all. Memory grows with what is appended; a {@code
 * MetricRetentionService} bounds it.
 *
 * <p>A metric has one type. A batch, or a rewrite's replacement, holding an aggregate whose type
 * differs from the type already stored under its name is refused whole with an {@link
 * InvalidMetricException} naming both types.
 */
public final class InMemoryMetricStorage implements MetricStorage {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, History> histories = new LinkedHashMap<>();
  private boolean closed;

  /** The aggregates of one metric, by start; guarded by {@link #lock}. */
  private static final class History {
    final MetricType type;
    final NavigableMap<Instant, List<MetricAggregate>> byStart = new TreeMap<>();
    long size;

    History(MetricType type) {
      this.type = type;
    }

    void add(MetricAggregate aggregate) {
      byStart.computeIfAbsent(aggregate.start(), start -> new ArrayList<>(1)).add(aggregate);
      size++;
    }
  }

  @Override
  public void append(List<MetricAggregate> batch) {
    if (batch == null) {
      throw new InvalidMetricException("batch must not be null; pass an empty list instead");
    }
    lock.writeLock().lock();
    try {
      requireOpen("append");
      requireConsistent(batch, null, "batch");
      batch.forEach(this::store);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public List<MetricAggregate> read(QuerySpec query) {
    lock.readLock().lock();
    try {
      requireOpen("read");
      List<MetricAggregate> found = new ArrayList<>();
      History history = histories.get(query.metricName());
      if (history == null) {
        return found;
      }
      for (List<MetricAggregate> atStart :
          history.byStart.subMap(query.from(), true, query.to(), false).values()) {
        for (MetricAggregate aggregate : atStart) {
          if (aggregate.tenant().equals(query.tenant())
              && hasEveryTag(aggregate, query.tagFilters())) {
            found.add(aggregate);
          }
        }
      }
      return found;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<MetricAggregate> readAll(String metricName, Instant from, Instant to) {
    requireRange("readAll", metricName, from, to);
    lock.readLock().lock();
    try {
      requireOpen("readAll");
      List<MetricAggregate> found = new ArrayList<>();
      History history = histories.get(metricName);
      if (history != null && from.isBefore(to)) {
        history.byStart.subMap(from, true, to, false).values().forEach(found::addAll);
      }
      return found;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Map<String, MetricType> metrics() {
    lock.readLock().lock();
    try {
      requireOpen("metrics");
      Map<String, MetricType> metrics = new TreeMap<>();
      histories.forEach((name, history) -> metrics.put(name, history.type));
      return metrics;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long rewrite(
      String metricName, Instant from, Instant to, List<MetricAggregate> replacement) {
    requireRange("rewrite", metricName, from, to);
    if (replacement == null) {
      throw new InvalidMetricException(
          "rewrite of '" + metricName + "' has a null replacement; pass an empty list instead");
    }
    lock.writeLock().lock();
    try {
      requireOpen("rewrite");
      requireConsistent(replacement, metricName, "replacement");
      long deleted = 0;
      History history = histories.get(metricName);
      if (history != null && from.isBefore(to)) {
        NavigableMap<Instant, List<MetricAggregate>> range =
            history.byStart.subMap(from, true, to, false);
        for (List<MetricAggregate> atStart : range.values()) {
          deleted += atStart.size();
        }
        range.clear();
        history.size -= deleted;
      }
      replacement.forEach(this::store);
      dropIfEmpty(metricName);
      return deleted;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public long deleteBefore(String metricName, Instant cutoff) {
    if (metricName == null || cutoff == null) {
      throw new InvalidMetricException(
          "deleteBefore needs a metric name and a cutoff; got " + metricName + ", " + cutoff);
    }
    lock.writeLock().lock();
    try {
      requireOpen("deleteBefore");
      History history = histories.get(metricName);
      if (history == null) {
        return 0;
      }
      long deleted = 0;
      // An aggregate ending at or before the cutoff started before it, as steps are positive.
      Iterator<List<MetricAggregate>> starts =
          history.byStart.headMap(cutoff, false).values().iterator();
      while (starts.hasNext()) {
        List<MetricAggregate> atStart = starts.next();
        int before = atStart.size();
        atStart.removeIf(aggregate -> !aggregate.end().isAfter(cutoff));
        deleted += before - atStart.size();
        if (atStart.isEmpty()) {
          starts.remove();
        }
      }
      history.size -= deleted;
      dropIfEmpty(metricName);
      return deleted;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** How many aggregates are stored, over every metric and tenant. */
  public long size() {
    lock.readLock().lock();
    try {
      long size = 0;
      for (History history : histories.values()) {
        size += history.size;
      }
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Drops everything; later calls other than {@link #size()} fail. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      histories.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void store(MetricAggregate aggregate) {
    histories
        .computeIfAbsent(aggregate.name(), name -> new History(aggregate.type()))
        .add(aggregate);
  }

  private void dropIfEmpty(String metricName) {
    History history = histories.get(metricName);
    if (history != null && history.size == 0) {
      histories.remove(metricName);
    }
  }

  /**
   * Refuses {@code aggregates} unless none is null, each has {@code requiredName} (when given) and
   * every type agrees with the stored type of its metric and with the others of its name.
   */
  private void requireConsistent(
      List<MetricAggregate> aggregates, String requiredName, String what) {
    Map<String, MetricType> types = new LinkedHashMap<>();
    for (int i = 0; i < aggregates.size(); i++) {
      MetricAggregate aggregate = aggregates.get(i);
      if (aggregate == null) {
        throw new InvalidMetricException(what + " item " + i + " is null; nothing was stored");
      }
      if (requiredName != null && !aggregate.name().equals(requiredName)) {
        throw new InvalidMetricException(
            what
                + " item "
                + i
                + " is an aggregate of '"
                + aggregate.name()
                + "'; a rewrite of '"
                + requiredName
                + "' may only store aggregates of that metric");
      }
      History history = histories.get(aggregate.name());
      MetricType expected =
          types.computeIfAbsent(
              aggregate.name(), name -> history == null ? aggregate.type() : history.type);
      if (aggregate.type() != expected) {
        throw new InvalidMetricException(
            what
                + " item "
                + i
                + " is a "
                + aggregate.type()
                + " aggregate of '"
                + aggregate.name()
                + "', which is already a "
                + expected
                + "; a metric has one type, nothing was stored");
      }
    }
  }

  private void requireOpen(String operation) {
    if (closed) {
      throw new MetricStorageException(
          "in-memory metric storage cannot " + operation + ": it has been closed");
    }
  }

  private static void requireRange(String operation, String metricName, Instant from, Instant to) {
    if (metricName == null || from == null || to == null) {
      throw new InvalidMetricException(
          operation
              + " needs a metric name and a range; got "
              + metricName
              + ", ["
              + from
              + ", "
              + to
              + ")");
    }
  }

  private static boolean hasEveryTag(MetricAggregate aggregate, List<MetricTag> filters) {
    for (MetricTag filter : filters) {
      if (!aggregate.tags().contains(filter)) {
        return false;
      }
    }
    return true;
  }
}
