package nexus.monitoring.runtime.telemetry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import nexus.monitoring.api.MetricTag;

/**
 * The tracker's map from {@link SeriesKey} to {@link Series}: a hash table whose reads take the
 * caller's tenant, name and tags as they are (alternating strings or a list, in any order), so a
 * lookup needs no key object, no sorting and no thread-local, and allocates nothing.
 *
 * <p>Reads lock nothing: buckets are chains of immutable nodes, published with release semantics
 * and read with acquire semantics, and a resize builds a new array while readers keep walking the
 * old one. Writes (insert, remove, resize) lock the table; they happen once per new or retired
 * series.
 */
final class SeriesTable {
  private static final VarHandle BUCKETS = MethodHandles.arrayElementVarHandle(Node[].class);
  private static final int INITIAL_CAPACITY = 64;

  private static final class Node {
    final SeriesKey key;
    final Series value;
    final Node next;

    Node(SeriesKey key, Series value, Node next) {
      this.key = key;
      this.value = value;
      this.next = next;
    }
  }

  private volatile Node[] buckets = new Node[INITIAL_CAPACITY];
  private volatile int size;

  private static Node head(Node[] buckets, int hash) {
    return (Node) BUCKETS.getAcquire(buckets, hash & (buckets.length - 1));
  }

  /** The series of {@code tenant}, {@code name} and tags as alternating keys and values. */
  Series get(int hash, String tenant, String name, String[] pairs) {
    for (Node n = head(buckets, hash); n != null; n = n.next) {
      if (n.key.hash == hash && n.key.matches(tenant, name, pairs)) {
        return n.value;
      }
    }
    return null;
  }

  /** The series of {@code tenant}, {@code name} and tags as a list in any order. */
  Series get(int hash, String tenant, String name, List<MetricTag> tags) {
    for (Node n = head(buckets, hash); n != null; n = n.next) {
      if (n.key.hash == hash && n.key.matches(tenant, name, tags)) {
        return n.value;
      }
    }
    return null;
  }

  Series get(SeriesKey key) {
    for (Node n = head(buckets, key.hash); n != null; n = n.next) {
      if (n.key.equals(key)) {
        return n.value;
      }
    }
    return null;
  }

  /** The series of {@code key}, created by {@code create} (under the table's lock) if absent. */
  synchronized Series computeIfAbsent(SeriesKey key, Function<SeriesKey, Series> create) {
    Series existing = get(key);
    if (existing != null) {
      return existing;
    }
    Series created = create.apply(key);
    Node[] current = buckets;
    if (size + 1 > current.length - (current.length >>> 2)) {
      current = resize(current);
    }
    int index = key.hash & (current.length - 1);
    BUCKETS.setRelease(current, index, new Node(key, created, head(current, key.hash)));
    size++;
    return created;
  }

  /** Maps {@code key} to {@code value}, replacing any earlier value. */
  synchronized void put(SeriesKey key, Series value) {
    remove(key, get(key));
    computeIfAbsent(key, k -> value);
  }

  /** Removes {@code key} if it maps to {@code value}; whether it did. */
  synchronized boolean remove(SeriesKey key, Series value) {
    if (value == null) {
      return false;
    }
    Node[] current = buckets;
    Node head = head(current, key.hash);
    Node found = head;
    while (found != null && !(found.value == value && found.key.equals(key))) {
      found = found.next;
    }
    if (found == null) {
      return false;
    }
    Node rebuilt = found.next;
    for (Node n = head; n != found; n = n.next) {
      rebuilt = new Node(n.key, n.value, rebuilt);
    }
    BUCKETS.setRelease(current, key.hash & (current.length - 1), rebuilt);
    size--;
    return true;
  }

  /** Removes everything. */
  synchronized void clear() {
    buckets = new Node[INITIAL_CAPACITY];
    size = 0;
  }

  int size() {
    return size;
  }

  /** Every series now; later changes may or may not show. */
  List<Series> values() {
    Node[] current = buckets;
    List<Series> result = new ArrayList<>(size);
    for (int i = 0; i < current.length; i++) {
      for (Node n = (Node) BUCKETS.getAcquire(current, i); n != null; n = n.next) {
        result.add(n.value);
      }
    }
    return result;
  }

  private Node[] resize(Node[] old) {
    Node[] bigger = new Node[old.length * 2];
    int mask = bigger.length - 1;
    for (Node head : old) {
      for (Node n = head; n != null; n = n.next) {
        int index = n.key.hash & mask;
        bigger[index] = new Node(n.key, n.value, bigger[index]);
      }
    }
    buckets = bigger; // volatile write publishes the filled array
    return bigger;
  }
}
