package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class QuerySpecTest {

  private static final Instant FROM = Instant.parse("2025-03-01T12:00:00Z");
  private static final Instant TO = Instant.parse("2025-03-01T13:00:00Z");

  private static QuerySpec.Builder requests() {
    return QuerySpec.builder("http.server.requests").between(FROM, TO);
  }

  private static Metric sample(Instant at, String... tags) {
    Metric.Builder builder =
        Metric.builder("http.server.requests", MetricType.COUNTER).value(1).timestamp(at);
    for (MetricTag tag : MetricTag.ofPairs(tags)) {
      builder.tag(tag.key(), tag.value());
    }
    return builder.build();
  }

  @Test
  void builder_withoutStep_wholeRangeIsOneBucket() {
    QuerySpec query = requests().build();

    assertThat(query.step()).isEqualTo(Duration.ofHours(1));
    assertThat(query.bucketCount()).isEqualTo(1);
    assertThat(query.tenant()).isEqualTo(Tenants.DEFAULT);
    assertThat(query.tagFilters()).isEmpty();
    assertThat(query.groupBy()).isEmpty();
  }

  @Test
  void bucketCount_rangeDividedByStepRoundedUp() {
    assertThat(requests().step(Duration.ofMinutes(5)).build().bucketCount()).isEqualTo(12);
    assertThat(requests().step(Duration.ofMinutes(7)).build().bucketCount()).isEqualTo(9);
    assertThat(requests().step(Duration.ofHours(2)).build().bucketCount()).isEqualTo(1);
  }

  @Test
  void bucketStart_alignedToFromAndHalfOpen() {
    QuerySpec query = requests().step(Duration.ofMinutes(5)).build();

    assertThat(query.bucketStart(FROM)).contains(FROM);
    assertThat(query.bucketStart(Instant.parse("2025-03-01T12:07:30Z")))
        .contains(Instant.parse("2025-03-01T12:05:00Z"));
    assertThat(query.bucketStart(Instant.parse("2025-03-01T12:59:59.999Z")))
        .contains(Instant.parse("2025-03-01T12:55:00Z"));
    assertThat(query.bucketStart(TO)).isEmpty();
    assertThat(query.bucketStart(FROM.minusNanos(1))).isEmpty();
  }

  @Test
  void last_rangeEndsAtToAndSpansLength() {
    QuerySpec query = QuerySpec.builder("m").last(Duration.ofMinutes(15), TO).build();

    assertThat(query.from()).isEqualTo(Instant.parse("2025-03-01T12:45:00Z"));
    assertThat(query.range()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void matches_nameTenantHalfOpenRangeAndEveryFilter() {
    QuerySpec query = requests().tag("method", "GET").build();

    assertThat(query.matches(sample(FROM, "method", "GET", "status", "200"))).isTrue();
    assertThat(query.matches(sample(FROM, "method", "POST"))).isFalse();
    assertThat(query.matches(sample(FROM))).isFalse();
    assertThat(query.matches(sample(TO, "method", "GET"))).isFalse();
    assertThat(query.matches(sample(FROM.minusSeconds(1), "method", "GET"))).isFalse();
    Metric otherTenant =
        Metric.builder("http.server.requests", MetricType.COUNTER)
            .timestamp(FROM)
            .tag("method", "GET")
            .tenant("acme")
            .build();
    assertThat(query.matches(otherTenant)).isFalse();
    Metric otherName =
        Metric.builder("http.client.requests", MetricType.COUNTER)
            .timestamp(FROM)
            .tag("method", "GET")
            .build();
    assertThat(query.matches(otherName)).isFalse();
  }

  @Test
  void groupTags_oneTagPerKeyEmptyWhenMissing() {
    QuerySpec query = requests().groupBy("status", "method").build();

    assertThat(query.groupTags(sample(FROM, "status", "500", "route", "/a")))
        .containsExactly(MetricTag.of("method", ""), MetricTag.of("status", "500"));
    assertThat(query.groupBy()).containsExactly("status", "method");
  }

  @Test
  void query_fromNotBeforeTo_rejectedQuotingBoth() {
    assertThatThrownBy(() -> QuerySpec.builder("m").between(TO, FROM).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "query of 'm' has from 2025-03-01T13:00:00Z and to 2025-03-01T12:00:00Z; expected"
                + " from before to");
    assertThatThrownBy(() -> QuerySpec.builder("m").between(FROM, FROM).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageEndingWith("; expected from before to");
  }

  @Test
  void query_noRange_rejected() {
    assertThatThrownBy(() -> QuerySpec.builder("m").build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("query of 'm' needs both from and to; got from=null, to=null");
  }

  @Test
  void query_fromBeforeEpoch_rejected() {
    assertThatThrownBy(
            () -> QuerySpec.builder("m").between(Instant.EPOCH.minusSeconds(1), TO).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("query of 'm' has from 1969-12-31T23:59:59Z before 1970-01-01T00:00:00Z");
  }

  @Test
  void query_zeroOrNegativeStep_rejected() {
    assertThatThrownBy(() -> requests().step(Duration.ZERO).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("query of 'http.server.requests' has step PT0S; expected a positive duration");
    assertThatThrownBy(() -> requests().step(Duration.ofMinutes(-1)).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageContaining("has step PT-1M;");
  }

  @Test
  void query_repeatedGroupByKey_rejected() {
    assertThatThrownBy(() -> requests().groupBy("status", "status").build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "query of 'http.server.requests' groups by 'status' twice; expected distinct keys");
  }

  @Test
  void query_invalidGroupByKey_rejectedNamingField() {
    assertThatThrownBy(() -> requests().groupBy("http-status").build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageStartingWith("group-by key 'http-status' is invalid");
  }

  @Test
  void query_repeatedFilterKey_rejected() {
    assertThatThrownBy(() -> requests().tag("method", "GET").tag("method", "POST").build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("tag key 'method' appears twice, with values 'GET' and 'POST'");
  }

  @Test
  void query_invalidMetricName_rejected() {
    assertThatThrownBy(() -> QuerySpec.builder("_x").between(FROM, TO).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageStartingWith("metric name '_x' is invalid");
  }

  @Test
  void query_lists_unmodifiable() {
    QuerySpec query = requests().tag("method", "GET").groupBy("status").build();

    assertThatThrownBy(() -> query.groupBy().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> query.tagFilters().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void query_constructedDirectly_equalsBuilt() {
    QuerySpec built = requests().tag("method", "GET").step(Duration.ofMinutes(5)).build();
    QuerySpec direct =
        new QuerySpec(
            "http.server.requests",
            FROM,
            TO,
            List.of(MetricTag.of("method", "GET")),
            List.of(),
            Duration.ofMinutes(5),
            "default");

    assertThat(direct).isEqualTo(built);
  }
}
