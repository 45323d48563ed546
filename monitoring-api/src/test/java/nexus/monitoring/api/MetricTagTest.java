package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class MetricTagTest {

  @Test
  void tag_utf8Values_accepted() {
    assertThat(MetricTag.of("city", "Zürich").value()).isEqualTo("Zürich");
    assertThat(MetricTag.of("city", "東京").value()).isEqualTo("東京");
    assertThat(MetricTag.of("mood", "\uD83D\uDE00").value()).isEqualTo("\uD83D\uDE00");
    assertThat(MetricTag.of("empty", "").value()).isEmpty();
  }

  @Test
  void tag_invalidKey_rejectedNamingKey() {
    assertThatThrownBy(() -> MetricTag.of("http-method", "GET"))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageStartingWith("tag key 'http-method' is invalid");
  }

  @Test
  void tag_nullValue_rejected() {
    assertThatThrownBy(() -> MetricTag.of("method", null))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("tag 'method' has a null value");
  }

  @Test
  void tag_valueOf1024Characters_acceptedAnd1025Rejected() {
    assertThat(MetricTag.of("k", "v".repeat(1024)).value()).hasSize(1024);
    assertThatThrownBy(() -> MetricTag.of("k", "v".repeat(1025)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("tag 'k' has a value of 1025 characters; at most 1024 are accepted");
  }

  @Test
  void sortedUnique_duplicateKeys_rejectedWithBothValues() {
    List<MetricTag> tags = List.of(MetricTag.of("env", "prod"), MetricTag.of("env", "dev"));

    assertThatThrownBy(() -> MetricTag.sortedUnique(tags))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("tag key 'env' appears twice, with values 'dev' and 'prod'");
  }

  @Test
  void sortedUnique_sortsByKeyAndIsUnmodifiable() {
    List<MetricTag> sorted =
        MetricTag.sortedUnique(List.of(MetricTag.of("b", "2"), MetricTag.of("a", "1")));

    assertThat(sorted).containsExactly(MetricTag.of("a", "1"), MetricTag.of("b", "2"));
    assertThatThrownBy(() -> sorted.add(MetricTag.of("c", "3")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void sortedUnique_ofItsOwnResult_returnsItUncopied_andStaysAnOrdinaryList() {
    List<MetricTag> sorted =
        MetricTag.sortedUnique(List.of(MetricTag.of("b", "2"), MetricTag.of("a", "1")));

    assertThat(MetricTag.sortedUnique(sorted)).isSameAs(sorted);
    assertThat(sorted)
        .isEqualTo(List.of(MetricTag.of("a", "1"), MetricTag.of("b", "2")))
        .hasSameHashCodeAs(List.of(MetricTag.of("a", "1"), MetricTag.of("b", "2")));
    assertThatThrownBy(() -> sorted.set(0, MetricTag.of("c", "3")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void snapshotBuiltFromAnotherSnapshotsTags_sharesThem() {
    MetricSnapshot first =
        MetricSnapshot.of(
            "queue.depth", MetricType.GAUGE, "", "", List.of(MetricTag.of("q", "orders")), 1);

    MetricSnapshot second =
        MetricSnapshot.of("queue.depth", MetricType.GAUGE, "", "", first.tags(), 2);

    assertThat(second.tags()).isSameAs(first.tags());
  }

  @Test
  void sortedUnique_nullElement_rejected() {
    List<MetricTag> tags = new ArrayList<>();
    tags.add(null);

    assertThatThrownBy(() -> MetricTag.sortedUnique(tags))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("tags must not contain null");
  }

  @Test
  void of_map_sortsByKey() {
    assertThat(MetricTag.of(Map.of("status", "200", "method", "GET")))
        .containsExactly(MetricTag.of("method", "GET"), MetricTag.of("status", "200"));
  }

  @Test
  void ofPairs_alternatingKeysAndValues_sortedTags() {
    assertThat(MetricTag.ofPairs("status", "200", "method", "GET"))
        .containsExactly(MetricTag.of("method", "GET"), MetricTag.of("status", "200"));
    assertThat(MetricTag.ofPairs()).isEmpty();
  }

  @Test
  void ofPairs_oddCount_rejectedQuotingTheStrings() {
    assertThatThrownBy(() -> MetricTag.ofPairs("method", "GET", "status"))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "tag pairs [method, GET, status] have 3 strings; expected alternating keys and"
                + " values, an even number");
  }

  @Test
  void ofPairs_repeatedKey_rejected() {
    assertThatThrownBy(() -> MetricTag.ofPairs("env", "a", "env", "b"))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("tag key 'env' appears twice, with values 'a' and 'b'");
  }

  @Test
  void compareTo_ordersByKeyThenValue() {
    List<MetricTag> tags =
        new ArrayList<>(
            Arrays.asList(MetricTag.of("b", "1"), MetricTag.of("a", "2"), MetricTag.of("a", "1")));
    tags.sort(null);

    assertThat(tags)
        .containsExactly(MetricTag.of("a", "1"), MetricTag.of("a", "2"), MetricTag.of("b", "1"));
  }

  @Test
  void render_listsKeyEqualsValueInOrder() {
    assertThat(MetricTag.render(MetricTag.ofPairs("status", "200", "method", "GET")))
        .isEqualTo("[method=GET, status=200]");
    assertThat(MetricTag.render(List.of())).isEqualTo("[]");
  }
}
