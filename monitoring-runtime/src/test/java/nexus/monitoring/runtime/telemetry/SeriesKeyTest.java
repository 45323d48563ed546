package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import nexus.monitoring.api.MetricTag;
import org.junit.jupiter.api.Test;

final class SeriesKeyTest {
  private final SeriesKey key =
      new SeriesKey("acme", "http.requests", MetricTag.ofPairs("method", "GET", "status", "200"));

  private boolean found(String tenant, String name, String... pairs) {
    return SeriesKey.hash(tenant, name, pairs) == key.hash && key.matches(tenant, name, pairs);
  }

  private static String[] pairs(String... pairs) {
    return pairs;
  }

  private boolean found(String tenant, String name, List<MetricTag> tags) {
    return SeriesKey.hash(tenant, name, tags) == key.hash && key.matches(tenant, name, tags);
  }

  @Test
  void theCallersTags_matchTheKeyInAnyOrder() {
    assertThat(found("acme", "http.requests", "method", "GET", "status", "200")).isTrue();
    assertThat(found("acme", "http.requests", "status", "200", "method", "GET")).isTrue();
    assertThat(
            found(
                "acme",
                "http.requests",
                List.of(MetricTag.of("status", "200"), MetricTag.of("method", "GET"))))
        .isTrue();
  }

  @Test
  void tagsDifferingInAnyPart_doNotMatch() {
    assertThat(found("globex", "http.requests", "method", "GET", "status", "200")).isFalse();
    assertThat(found("acme", "http.responses", "method", "GET", "status", "200")).isFalse();
    assertThat(found("acme", "http.requests", "method", "GET", "status", "500")).isFalse();
    assertThat(found("acme", "http.requests", "method", "GET")).isFalse();
  }

  @Test
  void malformedTags_neverMatch_soTheSlowPathValidatesThem() {
    assertThat(found("acme", "http.requests", "method", "GET", "method", "GET")).isFalse();
    assertThat(found("acme", "http.requests", "method", "GET", "status")).isFalse();
    assertThat(found("acme", "http.requests", "method", null, "status", "200")).isFalse();
    assertThat(found("acme", null, "method", "GET", "status", "200")).isFalse();
    assertThat(found(null, "http.requests", "method", "GET", "status", "200")).isFalse();
    assertThat(found("acme", "http.requests", Arrays.asList(MetricTag.of("method", "GET"), null)))
        .isFalse();
  }

  @Test
  void theCreatingCallersOrder_isMatchedByIdentity_andOtherOrdersOrCopiesStillMatch() {
    String[] creator = {"status", "200", "method", "GET"};
    SeriesKey created = new SeriesKey("acme", "http.requests", MetricTag.ofPairs(creator), creator);
    String[] copies = {new String("status"), new String("200"), new String("method"), "GET"};

    assertThat(created.matches("acme", "http.requests", creator.clone())).isTrue();
    assertThat(created.matches("acme", "http.requests", pairs("method", "GET", "status", "200")))
        .isTrue();
    assertThat(created.matches("acme", "http.requests", copies)).isTrue();
    assertThat(created.matches("acme", "http.requests", pairs("status", "500", "method", "GET")))
        .isFalse();
    assertThat(created.matches("acme", "http.requests", pairs("status", "200", "region", "GET")))
        .isFalse();
  }

  @Test
  void theCreatingCallersArray_isCopied_soChangingItLaterChangesNoMatch() {
    String[] creator = {"method", "GET"};
    SeriesKey created = new SeriesKey("acme", "http.requests", MetricTag.ofPairs(creator), creator);

    creator[1] = "POST";

    assertThat(created.matches("acme", "http.requests", pairs("method", "GET"))).isTrue();
    assertThat(created.matches("acme", "http.requests", creator)).isFalse();
  }

  @Test
  void callerPairsNamingOtherTags_areNotKeptForIdentityMatches() {
    // What a caller that changes its array while the call runs would hand over: tags validated
    // from one content, pairs copied from another.
    String[] changed = {"method", "POST"};
    SeriesKey created =
        new SeriesKey("acme", "http.requests", MetricTag.ofPairs("method", "GET"), changed);

    assertThat(created.callerPairs()).containsExactly("method", "GET");
    assertThat(created.matchesCallerOrder("acme", "http.requests", changed)).isFalse();
    assertThat(created.matches("acme", "http.requests", changed)).isFalse();
    assertThat(created.callerOrderHash)
        .isEqualTo(SeriesKey.callerOrderHash("acme", "http.requests", pairs("method", "GET")));
  }

  @Test
  void keysOfOneName_areOrderedByTenantThenTagByTag_shorterFirst() {
    SeriesKey acmeGet = new SeriesKey("acme", "r", MetricTag.ofPairs("method", "GET"));
    SeriesKey acmeGetOk =
        new SeriesKey("acme", "r", MetricTag.ofPairs("method", "GET", "status", "200"));
    SeriesKey acmePost = new SeriesKey("acme", "r", MetricTag.ofPairs("method", "POST"));
    SeriesKey acmeRegion = new SeriesKey("acme", "r", MetricTag.ofPairs("region", "eu"));
    SeriesKey globexGet = new SeriesKey("globex", "r", MetricTag.ofPairs("method", "GET"));
    List<SeriesKey> keys =
        new java.util.ArrayList<>(List.of(globexGet, acmeRegion, acmePost, acmeGetOk, acmeGet));

    keys.sort(SeriesKey::compareTenantAndTags);

    assertThat(keys).containsExactly(acmeGet, acmeGetOk, acmePost, acmeRegion, globexGet);
    assertThat(
            acmeGet.compareTenantAndTags(
                new SeriesKey("acme", "r", MetricTag.ofPairs(new String("method"), "GET"))))
        .isZero();
  }

  @Test
  void keysWithTheSameParts_areEqual() {
    SeriesKey same =
        new SeriesKey("acme", "http.requests", MetricTag.ofPairs("status", "200", "method", "GET"));

    assertThat(same).isEqualTo(key).hasSameHashCodeAs(key);
    assertThat(same.toString()).isEqualTo("http.requests{method=GET, status=200} tenant=acme");
  }
}
