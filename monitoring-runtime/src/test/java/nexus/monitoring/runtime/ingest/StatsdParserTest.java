package nexus.monitoring.runtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.runtime.ingest.StatsdParser.Rejection;
import nexus.monitoring.runtime.ingest.StatsdParser.Result;
import org.junit.jupiter.api.Test;

final class StatsdParserTest {
  private static final Instant RECEIVED = Instant.parse("2026-03-01T12:00:00Z");

  private final StatsdParser parser = new StatsdParser();

  private Result parse(String datagram) {
    return parser.parse(datagram, RECEIVED);
  }

  /** The single sample of a one-line datagram that must parse. */
  private StatsdSample one(String line) {
    Result result = parse(line);
    assertThat(result.rejections()).isEmpty();
    assertThat(result.samples()).hasSize(1);
    return result.samples().get(0);
  }

  /** The reason a one-line datagram is rejected. */
  private String reason(String line) {
    Result result = parse(line);
    assertThat(result.samples()).isEmpty();
    assertThat(result.rejections()).hasSize(1);
    return result.rejections().get(0).reason();
  }

  @Test
  void parse_counter_isCounterOfValue() {
    assertThat(one("page.views:1|c"))
        .isEqualTo(
            new StatsdSample(StatsdType.COUNTER, "page.views", List.of(), 1, null, 1, RECEIVED));
  }

  @Test
  void parse_counterWithPlusSign_countsUp() {
    assertThat(one("hits:+3|c").value()).isEqualTo(3);
  }

  @Test
  void parse_sampleRate_scalesCount() {
    StatsdSample sample = one("hits:1|c|@0.1");

    assertThat(sample.value()).isEqualTo(10.0);
    assertThat(sample.sampleRate()).isEqualTo(0.1);
  }

  @Test
  void parse_sampleRateOfOne_keepsCount() {
    assertThat(one("hits:2|c|@1").value()).isEqualTo(2);
  }

  @Test
  void parse_negativeCounter_isRejected() {
    assertThat(reason("hits:-1|c"))
        .isEqualTo(
            "counter value '-1' is negative; counters only go up here (send a gauge delta for a"
                + " value that goes down)");
  }

  @Test
  void parse_gauge_isAbsoluteValue() {
    StatsdSample sample = one("fuel.level:0.5|g");

    assertThat(sample.type()).isEqualTo(StatsdType.GAUGE);
    assertThat(sample.value()).isEqualTo(0.5);
  }

  @Test
  void parse_gaugeWithPlus_isDelta() {
    StatsdSample sample = one("pool.size:+3|g");

    assertThat(sample.type()).isEqualTo(StatsdType.GAUGE_DELTA);
    assertThat(sample.value()).isEqualTo(3);
  }

  @Test
  void parse_gaugeWithMinus_isNegativeDeltaNotNegativeValue() {
    StatsdSample sample = one("temperature:-5|g");

    assertThat(sample.type()).isEqualTo(StatsdType.GAUGE_DELTA);
    assertThat(sample.value()).isEqualTo(-5);
  }

  @Test
  void parse_gaugeWithSampleRate_ignoresRate() {
    StatsdSample sample = one("fuel.level:7|g|@0.5");

    assertThat(sample.type()).isEqualTo(StatsdType.GAUGE);
    assertThat(sample.value()).isEqualTo(7);
  }

  @Test
  void parse_timer_convertsMillisecondsToSeconds() {
    StatsdSample sample = one("db.query:320|ms");

    assertThat(sample.type()).isEqualTo(StatsdType.TIMING);
    assertThat(sample.value()).isEqualTo(0.32);
  }

  @Test
  void parse_timerWithRate_keepsValueAndPassesRate() {
    StatsdSample sample = one("db.query:320|ms|@0.25");

    assertThat(sample.value()).isEqualTo(0.32);
    assertThat(sample.sampleRate()).isEqualTo(0.25);
  }

  @Test
  void parse_negativeTimer_isRejected() {
    assertThat(reason("db.query:-3|ms")).isEqualTo("timer value '-3' is negative");
  }

  @Test
  void parse_histogram_isHistogram() {
    StatsdSample sample = one("song.length:240|h|@0.5");

    assertThat(sample.type()).isEqualTo(StatsdType.HISTOGRAM);
    assertThat(sample.value()).isEqualTo(240);
    assertThat(sample.sampleRate()).isEqualTo(0.5);
  }

  @Test
  void parse_distribution_isDistribution() {
    StatsdSample sample = one("payload.bytes:1.5e3|d");

    assertThat(sample.type()).isEqualTo(StatsdType.DISTRIBUTION);
    assertThat(sample.value()).isEqualTo(1500);
  }

  @Test
  void parse_negativeHistogramAndDistribution_areRejected() {
    assertThat(reason("a:-1|h")).isEqualTo("histogram value '-1' is negative");
    assertThat(reason("a:-1|d")).isEqualTo("distribution value '-1' is negative");
  }

  @Test
  void parse_set_keepsMemberText() {
    StatsdSample sample = one("users.uniques:user-1234|s");

    assertThat(sample.type()).isEqualTo(StatsdType.SET);
    assertThat(sample.member()).isEqualTo("user-1234");
  }

  @Test
  void parse_setMemberWithColons_isOneMember() {
    assertThat(one("clients:10.0.0.1:443|s").member()).isEqualTo("10.0.0.1:443");
  }

  @Test
  void parse_emptySetMember_isRejected() {
    assertThat(reason("users:|s")).isEqualTo("set member is empty; expected name:member|s");
  }

  @Test
  void parse_tags_becomeSortedMetricTags() {
    StatsdSample sample = one("users.online:1|c|#region:eu,env:prod");

    assertThat(sample.tags())
        .containsExactly(MetricTag.of("env", "prod"), MetricTag.of("region", "eu"));
  }

  @Test
  void parse_tagWithoutValue_hasEmptyValue() {
    assertThat(one("a:1|c|#canary").tags()).containsExactly(MetricTag.of("canary", ""));
  }

  @Test
  void parse_tagValueWithColons_keepsTextAfterFirstColon() {
    assertThat(one("a:1|c|#url:http://x:8080").tags())
        .containsExactly(MetricTag.of("url", "http://x:8080"));
  }

  @Test
  void parse_tagKeyWithInvalidCharacters_isMappedLikeNames() {
    assertThat(one("a:1|c|#k8s-pod/name:web-1").tags())
        .containsExactly(MetricTag.of("k8s_pod_name", "web-1"));
  }

  @Test
  void parse_sampleRateAndTagsInEitherOrder_areRead() {
    StatsdSample first = one("hits:1|c|@0.5|#env:prod");
    StatsdSample second = one("hits:1|c|#env:prod|@0.5");

    assertThat(second).isEqualTo(first);
    assertThat(first.value()).isEqualTo(2);
  }

  @Test
  void parse_emptyTagList_isRejected() {
    assertThat(reason("a:1|c|#")).isEqualTo("tag list after '#' is empty");
  }

  @Test
  void parse_emptyTagInList_isRejected() {
    assertThat(reason("a:1|c|#env:prod,,region:eu"))
        .isEqualTo("tag list 'env:prod,,region:eu' has an empty tag");
  }

  @Test
  void parse_tagWithEmptyKey_isRejected() {
    assertThat(reason("a:1|c|#:prod")).isEqualTo("tag key is empty");
  }

  @Test
  void parse_tagKeyStartingWithDigit_isRejected() {
    assertThat(reason("a:1|c|#1env:prod"))
        .isEqualTo("tag key '1env' does not start with an ASCII letter");
  }

  @Test
  void parse_repeatedTagKey_isRejected() {
    assertThat(reason("a:1|c|#env:prod,env:dev"))
        .isEqualTo("tag key 'env' appears twice, with values 'dev' and 'prod'");
  }

  @Test
  void parse_tagValueTooLong_isRejected() {
    String value = "v".repeat(1025);

    assertThat(reason("a:1|c|#k:" + value))
        .isEqualTo("tag 'k' has a value of 1025 characters; at most 1024 are accepted");
  }

  @Test
  void parse_multipleValues_giveOneSampleEach() {
    Result result = parse("page.load:1:2:32|ms|@0.5|#env:prod");

    assertThat(result.rejections()).isEmpty();
    assertThat(result.samples())
        .extracting(StatsdSample::value)
        .containsExactly(0.001, 0.002, 0.032);
    assertThat(result.samples())
        .allSatisfy(
            sample -> {
              assertThat(sample.sampleRate()).isEqualTo(0.5);
              assertThat(sample.tags()).containsExactly(MetricTag.of("env", "prod"));
            });
  }

  @Test
  void parse_multipleGaugeValues_keepEachSign() {
    assertThat(parse("g:5:+1:-2|g").samples())
        .extracting(StatsdSample::type, StatsdSample::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(StatsdType.GAUGE, 5.0),
            org.assertj.core.groups.Tuple.tuple(StatsdType.GAUGE_DELTA, 1.0),
            org.assertj.core.groups.Tuple.tuple(StatsdType.GAUGE_DELTA, -2.0));
  }

  @Test
  void parse_multipleValuesWithOneBad_rejectsWholeLine() {
    assertThat(reason("page.load:1:x:3|ms")).isEqualTo("value 'x' is not a number");
  }

  @Test
  void parse_emptyValueBetweenColons_isRejected() {
    assertThat(reason("page.load:1::3|ms")).isEqualTo("value '' is not a number");
  }

  @Test
  void parse_dogstatsdTimestamp_replacesReceiveTime() {
    assertThat(one("a:1|c|T1772366400").timestamp()).isEqualTo(Instant.ofEpochSecond(1772366400));
  }

  @Test
  void parse_badTimestamp_isRejected() {
    assertThat(reason("a:1|c|Tyesterday"))
        .isEqualTo("timestamp 'Tyesterday' is invalid; expected T followed by Unix seconds");
    assertThat(reason("a:1|c|T"))
        .isEqualTo("timestamp 'T' is invalid; expected T followed by Unix seconds");
    assertThat(reason("a:1|c|T-5"))
        .isEqualTo("timestamp 'T-5' is invalid; expected T followed by Unix seconds");
  }

  @Test
  void parse_containerId_isIgnored() {
    StatsdSample sample =
        one("a:1|c|#env:prod|c:83c0a99c0a54c0c187f461c7980e9b57f3f6a8b0c918c8d93df19a9de6f3fe1d");

    assertThat(sample.tags()).containsExactly(MetricTag.of("env", "prod"));
    assertThat(sample.value()).isEqualTo(1);
  }

  @Test
  void parse_unknownLowercaseExtensionField_isIgnored() {
    assertThat(one("a:1|c|e:it-false,cn-x|card:low").value()).isEqualTo(1);
  }

  @Test
  void parse_unknownField_isRejected() {
    assertThat(reason("a:1|c|x"))
        .isEqualTo(
            "unknown field 'x'; expected @<rate>, #<tags>, T<unix seconds> or c:<container id>");
  }

  @Test
  void parse_fieldGivenTwice_isRejected() {
    assertThat(reason("a:1|c|@0.5|@0.1")).isEqualTo("sample rate '@' is given twice");
    assertThat(reason("a:1|c|#a:b|#c:d")).isEqualTo("tags '#' is given twice");
  }

  @Test
  void parse_trailingPipe_isRejected() {
    assertThat(reason("a:1|c|"))
        .isEqualTo("field 1 after the type is empty; remove the doubled or trailing '|'");
  }

  @Test
  void parse_badValue_isRejected() {
    assertThat(reason("a:abc|c")).isEqualTo("value 'abc' is not a number");
  }

  @Test
  void parse_valuesJavaWouldAcceptButStatsdDoesNot_areRejected() {
    assertThat(reason("a:NaN|g")).isEqualTo("value 'NaN' is not a number");
    assertThat(reason("a:Infinity|g")).isEqualTo("value 'Infinity' is not a number");
    assertThat(reason("a:0x10|g")).isEqualTo("value '0x10' is not a number");
    assertThat(reason("a:1d|g")).isEqualTo("value '1d' is not a number");
    assertThat(reason("a: 1|g")).isEqualTo("value ' 1' is not a number");
    assertThat(reason("a:1e|g")).isEqualTo("value '1e' is not a number");
  }

  @Test
  void parse_decimalForms_areRead() {
    assertThat(one("a:.5|g").value()).isEqualTo(0.5);
    assertThat(one("a:5.|g").value()).isEqualTo(5);
    assertThat(one("a:2E-3|h").value()).isEqualTo(0.002);
  }

  @Test
  void parse_valueOutOfRange_isRejected() {
    assertThat(reason("a:1e400|g")).isEqualTo("value '1e400' is out of range");
  }

  @Test
  void parse_unknownType_isRejected() {
    assertThat(reason("a:1|x")).isEqualTo("unknown type 'x'; expected c, g, ms, h, d or s");
  }

  @Test
  void parse_missingType_isRejected() {
    assertThat(reason("a:1|")).isEqualTo("missing type after '|'; expected c, g, ms, h, d or s");
  }

  @Test
  void parse_badSampleRate_isRejected() {
    String expected = "' is invalid; expected a number greater than 0 and at most 1";

    assertThat(reason("a:1|c|@0")).isEqualTo("sample rate '0" + expected);
    assertThat(reason("a:1|c|@1.5")).isEqualTo("sample rate '1.5" + expected);
    assertThat(reason("a:1|c|@-0.1")).isEqualTo("sample rate '-0.1" + expected);
    assertThat(reason("a:1|c|@")).isEqualTo("sample rate '" + expected);
    assertThat(reason("a:1|c|@half")).isEqualTo("sample rate 'half" + expected);
  }

  @Test
  void parse_missingPipe_isRejected() {
    assertThat(reason("a:1")).isEqualTo("missing '|' and type; expected name:value|type");
  }

  @Test
  void parse_missingColon_isRejected() {
    assertThat(reason("a|c"))
        .isEqualTo("missing ':' between name and value; expected name:value|type");
  }

  @Test
  void parse_emptyName_isRejected() {
    assertThat(reason(":1|c")).isEqualTo("metric name is empty");
  }

  @Test
  void parse_dogstatsdEventsAndServiceChecks_areRejectedByName() {
    assertThat(reason("_e{5,4}:title|text"))
        .isEqualTo("DogStatsD events (_e) are not accepted; only metric lines are");
    assertThat(reason("_sc|redis|0"))
        .isEqualTo("DogStatsD service checks (_sc) are not accepted; only metric lines are");
  }

  @Test
  void parse_overlongLine_isRejectedWithoutReadingIt() {
    StatsdParser small = new StatsdParser(20, 100);

    Result result = small.parse("a:1|c\nvery.long.metric.name:1|c\nb:2|c", RECEIVED);

    assertThat(result.samples()).extracting(StatsdSample::name).containsExactly("a", "b");
    assertThat(result.rejections())
        .containsExactly(
            new Rejection(
                2, "very.long.metric.name:1|c", "line has 25 characters; at most 20 are accepted"));
  }

  @Test
  void parse_rejectionQuotesLongLineCutAndControlCharactersEscaped() {
    String line = "bad\u0007line " + "x".repeat(300);

    Rejection rejection = parse(line).rejections().get(0);

    assertThat(rejection.line()).startsWith("bad\\x07line xxx").endsWith("x...");
    assertThat(rejection.line()).hasSize(StatsdParser.QUOTED_LINE_LENGTH + 3 + 3);
  }

  @Test
  void parse_severalLines_readsEach() {
    Result result = parse("a:1|c\nb:2|g\nc:3|ms\n");

    assertThat(result.lines()).isEqualTo(3);
    assertThat(result.samples()).extracting(StatsdSample::name).containsExactly("a", "b", "c");
  }

  @Test
  void parse_crlfAndBlankLines_areTolerated() {
    Result result = parse("a:1|c\r\n\r\n\nb:2|c\r\n");

    assertThat(result.rejections()).isEmpty();
    assertThat(result.lines()).isEqualTo(2);
    assertThat(result.samples()).extracting(StatsdSample::name).containsExactly("a", "b");
  }

  @Test
  void parse_badLineInTheMiddle_doesNotPoisonTheOthers() {
    Result result = parse("first:1|c\nsecond:oops|c\nthird:3|c\n");

    assertThat(result.lines()).isEqualTo(3);
    assertThat(result.samples()).extracting(StatsdSample::name).containsExactly("first", "third");
    assertThat(result.rejections())
        .containsExactly(new Rejection(2, "second:oops|c", "value 'oops' is not a number"));
  }

  @Test
  void parse_lineNumbersCountEmptyLines() {
    Result result = parse("a:1|c\n\nbad\n");

    assertThat(result.rejections()).extracting(Rejection::lineNumber).containsExactly(3);
  }

  @Test
  void parse_moreLinesThanLimit_readsFirstAndReportsRestOnce() {
    StatsdParser small = new StatsdParser(100, 2);

    Result result = small.parse("a:1|c\nb:1|c\n\nc:1|c\nd:1|c\ne:1|c\n", RECEIVED);

    assertThat(result.samples()).extracting(StatsdSample::name).containsExactly("a", "b");
    assertThat(result.lines()).isEqualTo(2);
    assertThat(result.droppedLines()).isEqualTo(3);
    assertThat(result.rejections())
        .containsExactly(
            new Rejection(
                4,
                "c:1|c",
                "datagram has more than 2 lines; this line and the 2 non-empty lines after it were"
                    + " not read"));
  }

  @Test
  void parse_emptyDatagram_hasNothing() {
    Result result = parse("");

    assertThat(result.samples()).isEmpty();
    assertThat(result.rejections()).isEmpty();
    assertThat(result.lines()).isZero();
  }

  @Test
  void nameRule_keepsDotsAndMapsOtherCharactersToUnderscore() {
    assertThat(one("api-gw.req/s:1|c").name()).isEqualTo("api_gw.req_s");
    assertThat(one("my app.hits:1|c").name()).isEqualTo("my_app.hits");
    assertThat(one("Caf\u00e9.visits:1|c").name()).isEqualTo("Caf_.visits");
    assertThat(one("emoji\uD83D\uDE00.count:1|c").name()).isEqualTo("emoji_.count");
    assertThat(one("a..b.:1|c").name()).isEqualTo("a..b.");
  }

  @Test
  void nameRule_nameNotStartingWithLetter_isRejected() {
    assertThat(reason("5xx.count:1|c"))
        .isEqualTo("metric name '5xx.count' does not start with an ASCII letter");
    assertThat(reason(".hits:1|c"))
        .isEqualTo("metric name '.hits' does not start with an ASCII letter");
    assertThat(reason("-hits:1|c"))
        .isEqualTo("metric name '-hits' does not start with an ASCII letter");
  }

  @Test
  void nameRule_overlongName_isRejected() {
    String name = "n".repeat(201);

    assertThat(reason(name + ":1|c"))
        .isEqualTo(
            "metric name '" + "n".repeat(64) + "...' has 201 characters; at most 200 are accepted");
  }

  @Test
  void nameRule_nameOfExactlyMaxLength_isAccepted() {
    String name = "n".repeat(200);

    assertThat(one(name + ":1|c").name()).isEqualTo(name);
  }

  @Test
  void limits_mustBePositive() {
    assertThatThrownBy(() -> new StatsdParser(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("StatsD limits must be at least 1; got max line length 0 and max lines 1");
  }
}
