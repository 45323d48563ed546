package nexus.monitoring.plugin.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import nexus.monitoring.api.MetricTag;
import org.junit.jupiter.api.Test;

final class CanonicalTagsTest {

  @Test
  void encode_noTags_isEmptyText() {
    assertThat(CanonicalTags.encode(List.of())).isEmpty();
    assertThat(CanonicalTags.decode("")).isEmpty();
  }

  @Test
  void encode_joinsPairsInKeyOrder() {
    List<MetricTag> tags = MetricTag.ofPairs("status", "200", "method", "GET");

    assertThat(CanonicalTags.encode(tags)).isEqualTo("method=GET,status=200");
  }

  @Test
  void encode_escapesCommaAndBackslashInValues() {
    List<MetricTag> tags = MetricTag.ofPairs("a", "x,y", "b", "c\\d", "c", "k=v");

    assertThat(CanonicalTags.encode(tags)).isEqualTo("a=x\\,y,b=c\\\\d,c=k=v");
  }

  @Test
  void decode_readsBackWhatEncodeWrote() {
    List<List<MetricTag>> cases =
        List.of(
            MetricTag.ofPairs("k", ""),
            MetricTag.ofPairs("a", "", "b", ""),
            MetricTag.ofPairs("a", ",", "b", "\\"),
            MetricTag.ofPairs("a", "\\,", "b", ",\\"),
            MetricTag.ofPairs("route", "/users/{id},=", "http.method", "GET"),
            MetricTag.ofPairs("unicode", "größe ✓"));

    for (List<MetricTag> tags : cases) {
      assertThat(CanonicalTags.decode(CanonicalTags.encode(tags)))
          .as(tags.toString())
          .isEqualTo(tags);
    }
  }

  @Test
  void encode_distinctTagListsGetDistinctTexts() {
    String oneTag = CanonicalTags.encode(MetricTag.ofPairs("a", "x,b=y"));
    String twoTags = CanonicalTags.encode(MetricTag.ofPairs("a", "x", "b", "y"));

    assertThat(oneTag).isNotEqualTo(twoTags);
  }

  @Test
  void decode_malformedText_isRefused() {
    assertThatThrownBy(() -> CanonicalTags.decode("novalue"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tag text 'novalue' has a key without '='");
    assertThatThrownBy(() -> CanonicalTags.decode("a=b\\"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tag text 'a=b\\' ends inside an escape");
    assertThatThrownBy(() -> CanonicalTags.decode("a=b,"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tag text 'a=b,' ends with ','");
  }
}
