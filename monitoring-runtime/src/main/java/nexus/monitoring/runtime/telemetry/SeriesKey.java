package nexus.monitoring.runtime.telemetry;

import java.util.List;
import nexus.monitoring.api.MetricTag;

/**
 * The identity of one series: tenant, metric name and tag set. Immutable; the key of the tracker's
 * series map.
 *
 * <p>The hash does not depend on the order of the tags, so that a {@link SeriesProbe} built from
 * tags in the caller's order finds the key without sorting or allocating.
 */
final class SeriesKey {
  final String tenant;
  final String name;
  final List<MetricTag> tags;
  final int hash;

  /**
   * @param tags sorted by key, keys unique, unmodifiable
   */
  SeriesKey(String tenant, String name, List<MetricTag> tags) {
    this.tenant = tenant;
    this.name = name;
    this.tags = tags;
    int tagsHash = 0;
    for (MetricTag tag : tags) {
      tagsHash += tagHash(tag.key(), tag.value());
    }
    this.hash = hash(tenant, name, tagsHash);
  }

  static int hash(String tenant, String name, int tagsHash) {
    int h = tenant == null ? 0 : tenant.hashCode();
    h = 31 * h + (name == null ? 0 : name.hashCode());
    return 31 * h + tagsHash;
  }

  /** The contribution of one tag; summed, so the order of tags does not matter. */
  static int tagHash(String key, String value) {
    int h =
        (key == null ? 0 : key.hashCode()) * 0x9E3779B9 + (value == null ? 0 : value.hashCode());
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    return h ^ (h >>> 13);
  }

  @Override
  public boolean equals(Object other) {
    if (other == this) {
      return true;
    }
    if (other instanceof SeriesKey k) {
      return hash == k.hash
          && name.equals(k.name)
          && tenant.equals(k.tenant)
          && tags.equals(k.tags);
    }
    return other instanceof SeriesProbe probe && probe.matches(this);
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
