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
 * <p>Every entry is indexed twice: by {@link SeriesKey#hash}, which does not depend on the order of
 * the tags, and by {@link SeriesKey#callerOrderHash} of the order of the call that created it. The
 * second lets a by-name call that repeats the creating call's strings find its series without
 * reading every tag key ({@link #getInCallerOrder}); every other call uses the first.
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
  private volatile Node[] inCallerOrder = new Node[INITIAL_CAPACITY]; // as long as buckets
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

  /**
   * The series whose creating call gave {@code tenant}, {@code name} and the tags {@code pairs} as
   * the same string instances in the same order, or null (when it does not exist, or was created
   * from other instances or another order).
   *
   * @param callerOrderHash {@link SeriesKey#callerOrderHash} of the arguments
   */
  Series getInCallerOrder(int callerOrderHash, String tenant, String name, String[] pairs) {
    for (Node n = head(inCallerOrder, callerOrderHash); n != null; n = n.next) {
      if (n.key.callerOrderHash == callerOrderHash
          && n.key.matchesCallerOrder(tenant, name, pairs)) {
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
    if (size + 1 > buckets.length - (buckets.length >>> 2)) {
      resize();
    }
    link(buckets, key.hash, key, created);
    link(inCallerOrder, key.callerOrderHash, key, created);
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
    if (!unlink(buckets, key.hash, key, value)) {
      return false;
    }
    unlink(inCallerOrder, key.callerOrderHash, key, value);
    size--;
    return true;
  }

  private static void link(Node[] table, int hash, SeriesKey key, Series value) {
    BUCKETS.setRelease(table, hash & (table.length - 1), new Node(key, value, head(table, hash)));
  }

  /** Replaces the chain at {@code hash} by one without the node of {@code value}; whether found. */
  private static boolean unlink(Node[] table, int hash, SeriesKey key, Series value) {
    Node head = head(table, hash);
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
    BUCKETS.setRelease(table, hash & (table.length - 1), rebuilt);
    return true;
  }

  /** Removes everything. */
  synchronized void clear() {
    buckets = new Node[INITIAL_CAPACITY];
    inCallerOrder = new Node[INITIAL_CAPACITY];
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

  private void resize() {
    Node[] bigger = new Node[buckets.length * 2];
    Node[] biggerInCallerOrder = new Node[bigger.length];
    int mask = bigger.length - 1;
    for (Node head : buckets) {
      for (Node n = head; n != null; n = n.next) {
        int index = n.key.hash & mask;
        bigger[index] = new Node(n.key, n.value, bigger[index]);
        index = n.key.callerOrderHash & mask;
        biggerInCallerOrder[index] = new Node(n.key, n.value, biggerInCallerOrder[index]);
      }
    }
    // Volatile writes publish the filled arrays.
    buckets = bigger;
    inCallerOrder = biggerInCallerOrder;
  }
}
