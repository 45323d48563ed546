package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nexus.monitoring.api.AggregationResult.Point;
import nexus.monitoring.api.AggregationResult.Series;
import org.junit.jupiter.api.Test;

final class AggregationResultTest {

  private static final Instant FROM = Instant.parse("2025-03-01T12:00:00Z");
  private static final Instant TO = Instant.parse("2025-03-01T12:15:00Z");
  private static final QuerySpec BY_STATUS =
      QuerySpec.builder("http.server.requests")
          .between(FROM, TO)
          .groupBy("status")
          .step(Duration.ofMinutes(5))
          .build();
  private static final AggregationSpec SUM = AggregationSpec.of(AggregationFunction.SUM);

  private static Series status(String value, Point... points) {
    return new Series(List.of(MetricTag.of("status", value)), List.of(points));
  }

  @Test
  void result_seriesAtBucketStarts_accepted() {
    AggregationResult result =
        new AggregationResult(
            BY_STATUS,
            SUM,
            List.of(
                status("200", new Point(FROM, 10), new Point(FROM.plusSeconds(600), 4)),
                status("500", new Point(FROM.plusSeconds(300), 1))));

    assertThat(result.series()).hasSize(2);
    assertThat(result.isEmpty()).isFalse();
    assertThat(result.series().get(0).points()).extracting(Point::value).containsExactly(10.0, 4.0);
  }

  @Test
  void empty_hasNoSeries() {
    AggregationResult result = AggregationResult.empty(BY_STATUS, SUM);

    assertThat(result.isEmpty()).isTrue();
    assertThat(result.query()).isEqualTo(BY_STATUS);
  }

  @Test
  void result_seriesWithOtherGroupKeys_rejectedQuotingBoth() {
    Series byMethod = new Series(List.of(MetricTag.of("method", "GET")), List.of());

    assertThatThrownBy(() -> new AggregationResult(BY_STATUS, SUM, List.of(byMethod)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "series [method=GET] of 'http.server.requests' has group keys [method]; expected"
                + " the query's group-by keys [status]");
  }

  @Test
  void result_sameGroupTwice_rejected() {
    assertThatThrownBy(
            () -> new AggregationResult(BY_STATUS, SUM, List.of(status("200"), status("200"))))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("series [status=200] of 'http.server.requests' appears twice");
  }

  @Test
  void result_pointBetweenBuckets_rejectedNamingTheGrid() {
    Series offGrid = status("200", new Point(FROM.plusSeconds(60), 1));

    assertThatThrownBy(() -> new AggregationResult(BY_STATUS, SUM, List.of(offGrid)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "point at 2025-03-01T12:01:00Z of 'http.server.requests' is not the start of a"
                + " bucket; expected from 2025-03-01T12:00:00Z plus a multiple of step PT5M,"
                + " before 2025-03-01T12:15:00Z");
  }

  @Test
  void result_pointAtEndOfRange_rejected() {
    Series atEnd = status("200", new Point(TO, 1));

    assertThatThrownBy(() -> new AggregationResult(BY_STATUS, SUM, List.of(atEnd)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageStartingWith("point at 2025-03-01T12:15:00Z of 'http.server.requests'");
  }

  @Test
  void series_pointsNotStrictlyAscending_rejected() {
    assertThatThrownBy(() -> status("200", new Point(FROM, 1), new Point(FROM, 2)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "series [status=200] has a point at 2025-03-01T12:00:00Z after one at"
                + " 2025-03-01T12:00:00Z; expected strictly ascending timestamps");
  }

  @Test
  void point_nanValue_rejected() {
    assertThatThrownBy(() -> new Point(FROM, Double.NaN))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("point at 2025-03-01T12:00:00Z has value NaN; expected a finite number");
  }

  @Test
  void point_noTimestamp_rejected() {
    assertThatThrownBy(() -> new Point(null, 1))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("point needs a timestamp");
  }

  @Test
  void result_missingQuery_rejected() {
    assertThatThrownBy(() -> new AggregationResult(null, SUM, List.of()))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("aggregation result needs its query and aggregation");
  }
}
