package nexus.monitoring.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One dimension of a metric series: a key following {@link MetricNames} and any UTF-8 value.
 *
 * @param key the tag key, such as {@code method} or {@code http.route}
 * @param value the tag value; any non-null string of at most 1024 characters, possibly empty
 * @since 1.0
 */
public record MetricTag(String key, String value) implements Comparable<MetricTag> {
  /** Longest accepted tag value, in characters. */
  public static final int MAX_VALUE_LENGTH = 1024;

  /** Key that carries the tenant of a series when it is exported. */
  public static final String TENANT_KEY = "tenant";

  private static final Comparator<MetricTag> ORDER =
      Comparator.comparing(MetricTag::key).thenComparing(MetricTag::value);

  /**
   * @throws InvalidMetricException when the key breaks the naming rule or the value is null or too
   *     long
   */
  public MetricTag {
    MetricNames.requireValid("tag key", key);
    if (value == null) {
      throw new InvalidMetricException("tag '" + key + "' has a null value");
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new InvalidMetricException(
          "tag '"
              + key
              + "' has a value of "
              + value.length()
              + " characters; at most "
              + MAX_VALUE_LENGTH
              + " are accepted");
    }
  }

  /** Shorthand for the constructor. */
  public static MetricTag of(String key, String value) {
    return new MetricTag(key, value);
  }

  /**
   * Tags from a map, sorted by key.
   *
   * @throws InvalidMetricException when any entry is invalid
   */
  public static List<MetricTag> of(Map<String, String> tags) {
    List<MetricTag> result = new ArrayList<>(tags.size());
    tags.forEach((k, v) -> result.add(new MetricTag(k, v)));
    return sortedUnique(result);
  }

  /**
   * Tags from alternating keys and values, sorted by key: {@code ofPairs("method", "GET", "status",
   * "200")}. This is the form the recording methods of {@link TelemetryTracker} take.
   *
   * @param keyValues an even number of strings, key first; none null
   * @throws InvalidMetricException when the count is odd, or any tag is invalid or repeats a key
   * @since 1.0
   */
  public static List<MetricTag> ofPairs(String... keyValues) {
    if (keyValues == null) {
      throw new InvalidMetricException("tag pairs must not be null; pass no arguments instead");
    }
    if (keyValues.length % 2 != 0) {
      throw new InvalidMetricException(
          "tag pairs "
              + Arrays.toString(keyValues)
              + " have "
              + keyValues.length
              + " strings; expected alternating keys and values, an even number");
    }
    List<MetricTag> result = new ArrayList<>(keyValues.length / 2);
    for (int i = 0; i < keyValues.length; i += 2) {
      result.add(new MetricTag(keyValues[i], keyValues[i + 1]));
    }
    return sortedUnique(result);
  }

  /**
   * A sorted, unmodifiable copy of {@code tags}; a list this method returned is returned as it is,
   * since it is sorted and unique already.
   *
   * @throws InvalidMetricException when two tags share a key
   */
  public static List<MetricTag> sortedUnique(List<MetricTag> tags) {
    if (tags instanceof SortedTags checked) {
      return checked;
    }
    if (tags == null) {
      throw new InvalidMetricException("tags must not be null; pass an empty list instead");
    }
    MetricTag[] sorted = tags.toArray(new MetricTag[0]);
    for (MetricTag tag : sorted) {
      if (tag == null) {
        throw new InvalidMetricException("tags must not contain null");
      }
    }
    Arrays.sort(sorted, ORDER);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i].key().equals(sorted[i - 1].key())) {
        throw new InvalidMetricException(
            "tag key '"
                + sorted[i].key()
                + "' appears twice, with values '"
                + sorted[i - 1].value()
                + "' and '"
                + sorted[i].value()
                + "'");
      }
    }
    return new SortedTags(sorted);
  }

  /** {@code [k1=v1, k2=v2]}, for error messages; not an encoding to parse. */
  static String render(List<MetricTag> tags) {
    StringBuilder out = new StringBuilder("[");
    for (MetricTag tag : tags) {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append(tag.key).append('=').append(tag.value);
    }
    return out.append(']').toString();
  }

  @Override
  public int compareTo(MetricTag other) {
    return ORDER.compare(this, other);
  }
}
