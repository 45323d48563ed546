package nexus.monitoring.runtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.Metric;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.TraceContext;
import nexus.monitoring.runtime.ingest.JsonIngest.Rejection;
import nexus.monitoring.runtime.ingest.JsonIngest.Result;
import org.junit.jupiter.api.Test;

final class JsonIngestTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  private final JsonIngest ingest =
      new JsonIngest(
          JsonIngest.DEFAULT_MAX_BODY_BYTES,
          JsonIngest.DEFAULT_MAX_ITEMS,
          Clock.fixed(NOW, ZoneOffset.UTC));

  private Result ingest(String body) {
    return ingest.ingest(body.getBytes(StandardCharsets.UTF_8), "acme");
  }

  private String response(Result result) {
    return new String(ingest.responseBody(result), StandardCharsets.UTF_8);
  }

  /** The error of a batch of one sample, given as the sample's JSON object. */
  private String error(String sample) {
    Result result = ingest("[" + sample + "]");
    assertThat(result.accepted()).isEmpty();
    assertThat(result.rejected()).hasSize(1);
    return result.rejected().get(0).error();
  }

  @Test
  void array_ofValidSamples_isAcceptedWithTenantOfCaller() {
    Result result =
        ingest(
            """
            [{"name":"orders.placed","type":"counter","value":1,"tags":{"region":"eu"}},
             {"name":"queue.depth","type":"gauge","value":-3}]
            """);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.rejected()).isEmpty();
    assertThat(result.accepted())
        .containsExactly(
            new Metric(
                "orders.placed",
                MetricType.COUNTER,
                1,
                java.util.List.of(MetricTag.of("region", "eu")),
                NOW,
                "acme",
                null),
            new Metric(
                "queue.depth", MetricType.GAUGE, -3, java.util.List.of(), NOW, "acme", null));
    assertThat(response(result)).isEqualTo("{\"accepted\":2,\"rejected\":[]}");
  }

  @Test
  void objectWithMetricsArray_isAccepted() {
    Result result = ingest("{\"metrics\":[{\"name\":\"a\",\"type\":\"histogram\",\"value\":4}]}");

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.accepted()).extracting(Metric::type).containsExactly(MetricType.HISTOGRAM);
  }

  @Test
  void typeNames_ignoreCase() {
    Result result = ingest("[{\"name\":\"a\",\"type\":\"TIMING\",\"value\":0.25}]");

    assertThat(result.accepted()).extracting(Metric::type).containsExactly(MetricType.TIMING);
    assertThat(result.accepted().get(0).value()).isEqualTo(0.25);
  }

  @Test
  void timestamp_isoString_isKept() {
    Result result =
        ingest(
            "[{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"timestamp\":\"2026-01-02T03:04:05.5Z\"}]");

    assertThat(result.accepted().get(0).timestamp())
        .isEqualTo(Instant.parse("2026-01-02T03:04:05.5Z"));
  }

  @Test
  void timestamp_isoStringWithOffset_isKept() {
    Result result =
        ingest(
            "[{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"timestamp\":\"2026-01-02T05:04:05+02:00\"}]");

    assertThat(result.accepted().get(0).timestamp())
        .isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
  }

  @Test
  void timestamp_epochMillis_isKept() {
    Result result =
        ingest("[{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"timestamp\":1772366400123}]");

    assertThat(result.accepted().get(0).timestamp())
        .isEqualTo(Instant.ofEpochMilli(1772366400123L));
  }

  @Test
  void timestamp_absentOrNull_isNow() {
    Result result =
        ingest(
            "[{\"name\":\"a\",\"type\":\"gauge\",\"value\":1},"
                + "{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"timestamp\":null}]");

    assertThat(result.accepted()).extracting(Metric::timestamp).containsExactly(NOW, NOW);
  }

  @Test
  void traceContext_isKeptAsExemplarSource() {
    Result result =
        ingest(
            "[{\"name\":\"a\",\"type\":\"timing\",\"value\":1,\"traceId\":\""
                + TRACE.toUpperCase()
                + "\",\"spanId\":\""
                + SPAN
                + "\"}]");

    assertThat(result.accepted().get(0).traceContext()).isEqualTo(new TraceContext(TRACE, SPAN));
  }

  @Test
  void mixedBatch_acceptsGoodSamplesAndListsRejectedWithIndex() {
    Result result =
        ingest(
            """
            [{"name":"good.one","type":"counter","value":1},
             {"name":"bad one","type":"counter","value":1},
             {"name":"good.two","type":"gauge","value":2},
             {"name":"bad.two","type":"counter","value":-1}]
            """);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.accepted()).extracting(Metric::name).containsExactly("good.one", "good.two");
    assertThat(result.rejected())
        .containsExactly(
            new Rejection(
                1,
                "name 'bad one' is invalid: expected an ASCII letter followed by letters, digits,"
                    + " '_', '.' or ':', at most 200 characters"),
            new Rejection(3, "value -1 is negative; only a gauge may be negative, not a counter"));
    assertThat(response(result))
        .isEqualTo(
            "{\"accepted\":2,\"rejected\":[{\"index\":1,\"error\":\"name 'bad one' is invalid:"
                + " expected an ASCII letter followed by letters, digits, '_', '.' or ':', at most"
                + " 200 characters\"},{\"index\":3,\"error\":\"value -1 is negative; only a gauge"
                + " may be negative, not a counter\"}]}");
  }

  @Test
  void everySampleRejected_is400() {
    Result result = ingest("[{\"name\":\"a\"},{\"type\":\"gauge\"}]");

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.rejected())
        .containsExactly(new Rejection(0, "type is missing"), new Rejection(1, "name is missing"));
  }

  @Test
  void emptyBatch_is200WithNothingAccepted() {
    Result result = ingest("[]");

    assertThat(result.status()).isEqualTo(200);
    assertThat(response(result)).isEqualTo("{\"accepted\":0,\"rejected\":[]}");
  }

  @Test
  void sampleErrors_nameFieldAndValue() {
    assertThat(error("42")).isEqualTo("sample is a number; expected an object");
    assertThat(error("{\"name\":null,\"type\":\"gauge\",\"value\":1}"))
        .isEqualTo("name is missing");
    assertThat(error("{\"name\":42,\"type\":\"gauge\",\"value\":1}"))
        .isEqualTo("name must be a string; got a number 42");
    assertThat(error("{\"name\":\"9lives\",\"type\":\"gauge\",\"value\":1}"))
        .isEqualTo(
            "name '9lives' is invalid: expected an ASCII letter followed by letters, digits, '_',"
                + " '.' or ':', at most 200 characters");
    assertThat(error("{\"name\":\"a\",\"type\":\"summary\",\"value\":1}"))
        .isEqualTo("type 'summary' is invalid: expected counter, gauge, timing or histogram");
    assertThat(error("{\"name\":\"a\",\"type\":[\"gauge\"],\"value\":1}"))
        .isEqualTo("type must be a string; got an array [\"gauge\"]");
    assertThat(error("{\"name\":\"a\",\"type\":\"gauge\"}")).isEqualTo("value is missing");
    assertThat(error("{\"name\":\"a\",\"type\":\"gauge\",\"value\":\"12\"}"))
        .isEqualTo("value must be a number; got a string \"12\"");
    assertThat(error("{\"name\":\"a\",\"type\":\"gauge\",\"value\":true}"))
        .isEqualTo("value must be a number; got a boolean true");
    assertThat(error("{\"name\":\"a\",\"type\":\"timing\",\"value\":-0.5}"))
        .isEqualTo("value -0.5 is negative; only a gauge may be negative, not a timing");
    assertThat(error("{\"name\":\"a\",\"type\":\"histogram\",\"value\":-2}"))
        .isEqualTo("value -2 is negative; only a gauge may be negative, not a histogram");
  }

  @Test
  void valueOutOfDoubleRange_isRejected() {
    assertThat(error("{\"name\":\"a\",\"type\":\"gauge\",\"value\":1e400}"))
        .isEqualTo("value 1E+400 is out of range; expected a finite number");
  }

  @Test
  void tagErrors_nameTagAndValue() {
    assertThat(error("{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"tags\":[\"x\"]}"))
        .isEqualTo("tags must be an object of string values; got an array [\"x\"]");
    assertThat(error("{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"tags\":{\"status\":200}}"))
        .isEqualTo("tag 'status' must have a string value; got a number 200");
    assertThat(error("{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"tags\":{\"a b\":\"x\"}}"))
        .isEqualTo(
            "tag key 'a b' is invalid: expected an ASCII letter followed by letters, digits, '_',"
                + " '.' or ':', at most 200 characters");
    assertThat(
            error(
                "{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"tags\":{\"k\":\""
                    + "v".repeat(1025)
                    + "\"}}"))
        .isEqualTo("tag 'k' has a value of 1025 characters; at most 1024 are accepted");
  }

  @Test
  void tenant_cannotComeFromBody() {
    assertThat(error("{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"tenant\":\"other\"}"))
        .isEqualTo(
            "field 'tenant' is not accepted: the tenant comes from the caller's credentials");
    assertThat(
            error(
                "{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"tags\":{\"tenant\":\"other\"}}"))
        .isEqualTo("tag 'tenant' is reserved: the tenant comes from the caller's credentials");
  }

  @Test
  void unknownField_isRejected() {
    assertThat(error("{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"tag\":{}}"))
        .isEqualTo(
            "unknown field 'tag'; expected name, type, value, tags, timestamp, traceId, spanId");
  }

  @Test
  void timestampErrors_quoteTheValue() {
    assertThat(error("{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"timestamp\":\"yesterday\"}"))
        .isEqualTo(
            "timestamp 'yesterday' is invalid: expected an ISO-8601 instant such as"
                + " 2026-03-01T12:00:00Z or integer epoch milliseconds");
    assertThat(error("{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"timestamp\":1.5}"))
        .isEqualTo(
            "timestamp 1.5 is invalid: expected an ISO-8601 instant string or integer epoch"
                + " milliseconds");
    assertThat(error("{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,\"timestamp\":-1}"))
        .isEqualTo("timestamp -1 is before 1970-01-01T00:00:00Z");
  }

  @Test
  void traceErrors_nameTheField() {
    String base = "{\"name\":\"a\",\"type\":\"gauge\",\"value\":1,";

    assertThat(error(base + "\"traceId\":\"" + TRACE + "\"}"))
        .isEqualTo("traceId is given without spanId; give both or neither");
    assertThat(error(base + "\"spanId\":\"" + SPAN + "\"}"))
        .isEqualTo("spanId is given without traceId; give both or neither");
    assertThat(error(base + "\"traceId\":\"xyz\",\"spanId\":\"" + SPAN + "\"}"))
        .isEqualTo("traceId 'xyz' is invalid: expected 32 hex characters, not all zero");
    assertThat(error(base + "\"traceId\":\"" + TRACE + "\",\"spanId\":\"0000000000000000\"}"))
        .isEqualTo(
            "spanId '0000000000000000' is invalid: expected 16 hex characters, not all zero");
    assertThat(error(base + "\"traceId\":1,\"spanId\":\"" + SPAN + "\"}"))
        .isEqualTo("traceId must be a string; got a number 1");
  }

  @Test
  void malformedJson_isOneErrorNamingLineAndColumn() {
    Result result = ingest("[\n  {\"name\": \"a\",\n   \"type\": }\n]");

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.accepted()).isEmpty();
    assertThat(result.error())
        .startsWith("malformed JSON at line 3, column 12: Unexpected character ('}'");
    assertThat(response(result))
        .startsWith("{\"accepted\":0,\"rejected\":[],\"error\":\"malformed JSON at line 3");
  }

  @Test
  void duplicateField_isMalformed() {
    Result result = ingest("[{\"name\":\"a\",\"name\":\"b\",\"type\":\"gauge\",\"value\":1}]");

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.error()).startsWith("malformed JSON at line 1, column ").contains("'name'");
  }

  @Test
  void trailingContent_isMalformed() {
    Result result = ingest("[] []");

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.error()).startsWith("malformed JSON at line 1, column ");
  }

  @Test
  void wrongShapes_areRefusedWithExpectation() {
    String shape = "expected a JSON array of samples or an object {\"metrics\": [...]}";

    assertThat(ingest("").error()).isEqualTo("body is empty; " + shape);
    assertThat(ingest("  ").error()).isEqualTo("body is empty; " + shape);
    assertThat(ingest("\"metrics\"").error()).isEqualTo("body is a string; " + shape);
    assertThat(ingest("{}").error()).isEqualTo("field 'metrics' is absent; " + shape);
    assertThat(ingest("{\"metrics\":{}}").error())
        .isEqualTo("field 'metrics' is an object; " + shape);
    assertThat(ingest("{\"metrics\":[],\"tenant\":\"x\"}").error())
        .isEqualTo("unknown top-level field 'tenant'; " + shape);
    assertThat(ingest("{}").status()).isEqualTo(400);
  }

  @Test
  void bodyOverByteLimit_is413() {
    JsonIngest small = new JsonIngest(10, 100, Clock.fixed(NOW, ZoneOffset.UTC));

    Result result = small.ingest("[1,2,3,4,5,6]".getBytes(StandardCharsets.UTF_8), "acme");

    assertThat(result.status()).isEqualTo(413);
    assertThat(result.error())
        .isEqualTo("body exceeds 10 bytes; split the batch into smaller requests");
  }

  @Test
  void streamOverByteLimit_is413WithoutReadingAll() {
    JsonIngest small = new JsonIngest(10_000, 100, Clock.fixed(NOW, ZoneOffset.UTC));
    CountingStream body = new CountingStream(1_000_000);

    Result result = small.ingest(body, "acme");

    assertThat(result.status()).isEqualTo(413);
    assertThat(body.served).isLessThan(20_000);
  }

  @Test
  void streamWithinLimit_isRead() {
    Result result =
        ingest.ingest(
            new ByteArrayInputStream(
                "[{\"name\":\"a\",\"type\":\"gauge\",\"value\":1}]"
                    .getBytes(StandardCharsets.UTF_8)),
            "acme");

    assertThat(result.accepted()).hasSize(1);
  }

  @Test
  void batchOverItemLimit_is413() {
    JsonIngest small = new JsonIngest(1000, 2, Clock.fixed(NOW, ZoneOffset.UTC));
    String sample = "{\"name\":\"a\",\"type\":\"gauge\",\"value\":1}";

    Result atLimit =
        small.ingest(("[" + sample + "," + sample + "]").getBytes(StandardCharsets.UTF_8), "acme");
    Result overLimit =
        small.ingest(
            ("{\"metrics\":[" + sample + "," + sample + "," + sample + "]}")
                .getBytes(StandardCharsets.UTF_8),
            "acme");

    assertThat(atLimit.status()).isEqualTo(200);
    assertThat(overLimit.status()).isEqualTo(413);
    assertThat(overLimit.accepted()).isEmpty();
    assertThat(overLimit.error())
        .isEqualTo("batch has 3 samples; at most 2 are accepted per request, split the batch");
  }

  @Test
  void defaultLimits_acceptTenThousandSamples() {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < JsonIngest.DEFAULT_MAX_ITEMS; i++) {
      body.append(i == 0 ? "" : ",").append("{\"name\":\"a\",\"type\":\"counter\",\"value\":1}");
    }

    Result result = ingest(body.append(']').toString());

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.accepted()).hasSize(10_000);
  }

  @Test
  void invalidCallerTenant_isTheCallersBug() {
    assertThatThrownBy(() -> ingest.ingest("[]".getBytes(StandardCharsets.UTF_8), "no spaces"))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageStartingWith("tenant 'no spaces' is invalid");
  }

  @Test
  void longValues_areCutInMessages() {
    String name = "bad name " + "x".repeat(200);

    assertThat(error("{\"name\":\"" + name + "\",\"type\":\"gauge\",\"value\":1}"))
        .startsWith("name '" + name.substring(0, 100) + "...' is invalid");
  }

  /** Serves {@code size} bytes of '[' and counts how many were read. */
  private static final class CountingStream extends java.io.InputStream {
    private final int size;
    private int served;

    CountingStream(int size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (served >= size) {
        return -1;
      }
      served++;
      return '[';
    }
  }
}
