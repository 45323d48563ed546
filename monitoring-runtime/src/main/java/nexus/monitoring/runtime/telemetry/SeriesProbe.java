package nexus.monitoring.runtime.telemetry;

import java.util.List;
import nexus.monitoring.api.MetricTag;

/**
 * A reusable, mutable stand-in for a {@link SeriesKey}, so that a lookup by name and tags allocates
 * nothing: each thread keeps one, fills it with the caller's tenant, name and tags (in the caller's
 * order, unvalidated) and asks the series map. It equals a key holding the same tags in any order.
 *
 * <p>Malformed input (a null, an odd number of tag strings, a repeated key) never equals a key, so
 * it falls through to the slow path, which validates and throws.
 */
final class SeriesProbe {
  private String tenant;
  private String name;
  private String[] pairs;
  private List<MetricTag> list;
  private int hash;

  /** Fills the probe with tags as alternating keys and values. */
  SeriesProbe set(String tenant, String name, String[] pairs) {
    this.tenant = tenant;
    this.name = name;
    this.pairs = pairs;
    this.list = null;
    int tagsHash = 0;
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      tagsHash += SeriesKey.tagHash(pairs[i], pairs[i + 1]);
    }
    this.hash = SeriesKey.hash(tenant, name, tagsHash);
    return this;
  }

  /** Fills the probe with tags as a list, in any order. */
  SeriesProbe set(String tenant, String name, List<MetricTag> tags) {
    this.tenant = tenant;
    this.name = name;
    this.pairs = null;
    this.list = tags;
    int tagsHash = 0;
    for (int i = 0; i < tags.size(); i++) {
      MetricTag tag = tags.get(i);
      tagsHash += tag == null ? 0 : SeriesKey.tagHash(tag.key(), tag.value());
    }
    this.hash = SeriesKey.hash(tenant, name, tagsHash);
    return this;
  }

  /** Drops the references to the caller's strings. */
  void clear() {
    tenant = null;
    name = null;
    pairs = null;
    list = null;
  }

  boolean matches(SeriesKey key) {
    if (hash != key.hash || !key.name.equals(name) || !key.tenant.equals(tenant)) {
      return false;
    }
    return pairs != null ? pairsMatch(key.tags) : listMatches(key.tags);
  }

  /**
   * Whether the pairs are a permutation of {@code tags}. The key's tag keys are distinct and the
   * sizes equal, so finding every key tag among the pairs is enough.
   */
  private boolean pairsMatch(List<MetricTag> tags) {
    int n = tags.size();
    if (pairs.length != 2 * n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      MetricTag tag = tags.get(i);
      int at = 2 * i;
      if (!tag.key().equals(pairs[at])) {
        at = indexOfKey(tag.key());
        if (at < 0) {
          return false;
        }
      }
      if (!tag.value().equals(pairs[at + 1])) {
        return false;
      }
    }
    return true;
  }

  private int indexOfKey(String key) {
    for (int j = 0; j < pairs.length; j += 2) {
      if (key.equals(pairs[j])) {
        return j;
      }
    }
    return -1;
  }

  private boolean listMatches(List<MetricTag> tags) {
    int n = tags.size();
    if (list.size() != n) {
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
    return other instanceof SeriesKey key && matches(key);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
