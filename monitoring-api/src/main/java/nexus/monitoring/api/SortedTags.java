package nexus.monitoring.api;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The unmodifiable list {@link MetricTag#sortedUnique} returns: tags sorted by key, keys unique.
 * Being of this class proves the list was checked, so {@code sortedUnique} returns it as it is
 * instead of copying and sorting it again, which is what lets a {@link MetricSnapshot} or {@link
 * MetricAggregate} built from another one's tags skip that work.
 */
final class SortedTags extends AbstractList<MetricTag> implements RandomAccess {
  private final MetricTag[] tags;

  /**
   * @param tags sorted by key, keys unique, not null; owned by the new list
   */
  SortedTags(MetricTag[] tags) {
    this.tags = tags;
  }

  @Override
  public MetricTag get(int index) {
    return tags[index];
  }

  @Override
  public int size() {
    return tags.length;
  }
}
