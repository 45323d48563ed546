package nexus.monitoring.runtime.telemetry;

import java.util.List;
import nexus.monitoring.api.MetricTag;

/**
 * The identity of one series: tenant, metric name and tag set. Immutable; the key of the tracker's
 * {@link SeriesTable}.
 *
 * <p>The hash does not depend on the order of the tags, and {@link #matches} compares with tags in
 * any order, so a lookup can use the caller's arguments as they are, without sorting, validating or
 * allocating. Malformed input (a null, an odd number of tag strings, a repeated key) never matches
 * a key, so it falls through to the slow path, which validates it and throws.
 *
 * <p>A key also keeps its tags as alternating keys and values in the order of the caller that
 * created it. Call sites pass the same literal strings in the same order every time, so a lookup
 * first compares the caller's strings with those by identity, position by position; only when that
 * fails does it compare by value, in any order.
 */
final class SeriesKey {
  final String tenant;
  final String name;
  final List<MetricTag> tags;
  final int hash;

  /**
   * {@link #callerOrderHash} of this key's caller order, for {@link SeriesTable#getInCallerOrder}.
   */
  final int callerOrderHash;

  /** The tags as alternating keys and values, in the order of the caller that created the key. */
  private final String[] callerPairs;

  /** The tags as alternating keys and values, sorted by key. */
  private final String[] sortedPairs;

  /**
   * @param tags sorted by key, keys unique, unmodifiable
   */
  SeriesKey(String tenant, String name, List<MetricTag> tags) {
    this(tenant, name, tags, null);
  }

  /**
   * @param tags sorted by key, keys unique, unmodifiable
   * @param callerPairs the same tags as the caller gave them (alternating keys and values, in any
   *     order), or {@code null} for the sorted order; copied
   */
  SeriesKey(String tenant, String name, List<MetricTag> tags, String[] callerPairs) {
    this.tenant = tenant;
    this.name = name;
    this.tags = tags;
    this.hash = hash(tenant, name, tags);
    this.sortedPairs = new String[2 * tags.size()];
    for (int i = 0; i < tags.size(); i++) {
      sortedPairs[2 * i] = tags.get(i).key();
      sortedPairs[2 * i + 1] = tags.get(i).value();
    }
    // Checked after copying: the caller's array could change between a check and a copy.
    String[] copy = callerPairs != null ? callerPairs.clone() : null;
    this.callerPairs = namesTheseTags(copy) ? copy : sortedPairs;
    this.callerOrderHash = callerOrderHash(tenant, name, this.callerPairs);
  }

  /**
   * Whether {@code pairs} are this key's tags in some order. The caller's array is copied after its
   * tags were validated and sorted; a caller that changes it meanwhile (from another thread) would
   * otherwise leave the caller-order index pointing the new strings at this series, and every later
   * call with them would record into it.
   */
  private boolean namesTheseTags(String[] pairs) {
    return pairs != null && pairs.length == sortedPairs.length && matchesInAnyOrder(pairs);
  }

  /** The tags in the order of the caller that created the key; not to be modified. */
  String[] callerPairs() {
    return callerPairs;
  }

  /**
   * A hash of tags in the order given, over the tenant, the name and the values only: cheaper than
   * {@link #hash(String, String, String[])}, which reads every key and mixes each tag, but it finds
   * a series only when the caller gives its tags in the order of the call that created it (what
   * {@link #matchesCallerOrder} checks). Leaving out the keys costs nothing in matching, since the
   * match compares them, and makes series that differ in keys alone share a hash.
   */
  static int callerOrderHash(String tenant, String name, String[] pairs) {
    int h = 31 * (tenant == null ? 0 : tenant.hashCode()) + (name == null ? 0 : name.hashCode());
    for (int i = 1; i < pairs.length; i += 2) {
      String value = pairs[i];
      h = 31 * h + (value == null ? 0 : value.hashCode());
    }
    h += pairs.length;
    return h ^ (h >>> 16);
  }

  /**
   * Whether {@code pairs} are this key's tags in the order of the call that created it, every
   * string the same instance: what a call site that passes literals gives every time.
   */
  boolean matchesCallerOrder(String tenant, String name, String[] pairs) {
    String[] order = callerPairs;
    if (pairs.length != order.length || !this.name.equals(name) || !this.tenant.equals(tenant)) {
      return false;
    }
    for (int i = 0; i < order.length; i++) {
      if (pairs[i] != order[i]) {
        return false;
      }
    }
    return true;
  }

  /** The hash of a key with tags given as alternating keys and values, in any order. */
  static int hash(String tenant, String name, String[] pairs) {
    int tagsHash = 0;
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      tagsHash += tagHash(pairs[i], pairs[i + 1]);
    }
    return combine(tenant, name, tagsHash);
  }

  /** The hash of a key with tags given as a list, in any order. */
  static int hash(String tenant, String name, List<MetricTag> tags) {
    int tagsHash = 0;
    for (int i = 0; i < tags.size(); i++) {
      MetricTag tag = tags.get(i);
      tagsHash += tag == null ? 0 : tagHash(tag.key(), tag.value());
    }
    return combine(tenant, name, tagsHash);
  }

  private static int combine(String tenant, String name, int tagsHash) {
    int h = tenant == null ? 0 : tenant.hashCode();
    h = 31 * h + (name == null ? 0 : name.hashCode());
    h = 31 * h + tagsHash;
    return h ^ (h >>> 16);
  }

  /** The contribution of one tag; summed, so the order of tags does not matter. */
  private static int tagHash(String key, String value) {
    int h =
        (key == null ? 0 : key.hashCode()) * 0x9E3779B9 + (value == null ? 0 : value.hashCode());
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    return h ^ (h >>> 13);
  }

  /**
   * Whether this is the series of {@code tenant}, {@code name} and the tags {@code pairs} (keys and
   * values alternating, in any order).
   */
  boolean matches(String tenant, String name, String[] pairs) {
    String[] order = callerPairs;
    if (pairs.length != order.length || !this.name.equals(name) || !this.tenant.equals(tenant)) {
      return false;
    }
    int i = 0;
    while (i < order.length && pairs[i] == order[i]) {
      i++;
    }
    return i == order.length || matchesInAnyOrder(pairs);
  }

  /**
   * The key's tag keys are distinct and the sizes are equal, so finding every tag of the key among
   * the pairs proves the pairs are a permutation of it.
   */
  private boolean matchesInAnyOrder(String[] pairs) {
    String[] sorted = sortedPairs;
    for (int i = 0; i < sorted.length; i += 2) {
      int at = i;
      if (!sorted[i].equals(pairs[at])) {
        at = indexOfKey(pairs, sorted[i]);
        if (at < 0) {
          return false;
        }
      }
      if (!sorted[i + 1].equals(pairs[at + 1])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Orders keys of one name by tenant, then tags (key, then value, tag by tag; a shorter list first
   * when one is a prefix of the other). Keys of one series table share their strings often (the
   * tenant, every tag key), so identical strings are passed over without comparing their
   * characters.
   */
  int compareTenantAndTags(SeriesKey other) {
    int c = compare(tenant, other.tenant);
    String[] mine = sortedPairs;
    String[] theirs = other.sortedPairs;
    for (int i = 0; c == 0 && i < Math.min(mine.length, theirs.length); i++) {
      c = compare(mine[i], theirs[i]);
    }
    return c != 0 ? c : Integer.compare(mine.length, theirs.length);
  }

  private static int compare(String a, String b) {
    return a == b ? 0 : a.compareTo(b);
  }

  private static int indexOfKey(String[] pairs, String key) {
    for (int j = 0; j < pairs.length; j += 2) {
      if (key.equals(pairs[j])) {
        return j;
      }
    }
    return -1;
  }

  /** Whether this is the series of {@code tenant}, {@code name} and {@code list}, in any order. */
  boolean matches(String tenant, String name, List<MetricTag> list) {
    int n = tags.size();
    if (list.size() != n || !this.name.equals(name) || !this.tenant.equals(tenant)) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      MetricTag tag = tags.get(i);
      if (!tag.equals(list.get(i)) && !list.contains(tag)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other == this
        || other instanceof SeriesKey k
            && hash == k.hash
            && name.equals(k.name)
            && tenant.equals(k.tenant)
            && tags.equals(k.tags);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(name).append('{');
    for (int i = 0; i < tags.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(tags.get(i).key()).append('=').append(tags.get(i).value());
    }
    return out.append("} tenant=").append(tenant).toString();
  }
}
