package nexus.monitoring.plugin.storage.embedded;

import java.util.ArrayList;
import java.util.List;
import nexus.monitoring.api.MetricTag;

/**
 * The text form of a series' tags in the store: {@code key=value} pairs in key order, joined by
 * {@code ,}. Keys never hold {@code =}, {@code ,} or {@code \} (see {@link
 * nexus.monitoring.api.MetricNames}); in values, {@code \} and {@code ,} are escaped with {@code
 * \}. One tag list has exactly one text, so the text identifies the series in a unique index, and
 * it reads back to the same list.
 */
final class CanonicalTags {
  private CanonicalTags() {}

  /** The text of {@code tags}, which must be sorted by key, as every {@code MetricTag} list is. */
  static String encode(List<MetricTag> tags) {
    if (tags.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(tags.size() * 16);
    for (MetricTag tag : tags) {
      if (!text.isEmpty()) {
        text.append(',');
      }
      text.append(tag.key()).append('=');
      String value = tag.value();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\\' || c == ',') {
          text.append('\\');
        }
        text.append(c);
      }
    }
    return text.toString();
  }

  /**
   * The tags {@code text} holds.
   *
   * @throws IllegalArgumentException when {@code text} is not in the form {@link #encode} writes
   */
  static List<MetricTag> decode(String text) {
    List<MetricTag> tags = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int equals = text.indexOf('=', i);
      if (equals < 0) {
        throw new IllegalArgumentException("tag text '" + text + "' has a key without '='");
      }
      String key = text.substring(i, equals);
      StringBuilder value = new StringBuilder();
      int j = equals + 1;
      for (; j < text.length() && text.charAt(j) != ','; j++) {
        char c = text.charAt(j);
        if (c == '\\') {
          if (++j == text.length()) {
            throw new IllegalArgumentException("tag text '" + text + "' ends inside an escape");
          }
          c = text.charAt(j);
        }
        value.append(c);
      }
      tags.add(new MetricTag(key, value.toString()));
      i = j + 1;
      if (j < text.length() && i == text.length()) {
        throw new IllegalArgumentException("tag text '" + text + "' ends with ','");
      }
    }
    return MetricTag.sortedUnique(tags);
  }
}
