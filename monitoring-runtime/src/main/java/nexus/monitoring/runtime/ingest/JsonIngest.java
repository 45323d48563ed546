package nexus.monitoring.runtime.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.Metric;
import nexus.monitoring.api.MetricNames;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.Tenants;
import nexus.monitoring.api.TraceContext;

/**
 * Reads the body of {@code POST /api/v1/metrics}: a batch of samples, validated one by one into
 * {@link Metric}s of the caller's tenant.
 *
 * <p>The body is a JSON array of samples, or an object whose only field {@code metrics} is that
 * array:
 *
 * <pre>{@code
 * [{"name": "orders.placed", "type": "counter", "value": 1, "tags": {"region": "eu"}},
 *  {"name": "queue.depth", "type": "gauge", "value": 17, "timestamp": "2026-03-01T12:00:00Z"},
 *  {"name": "checkout.duration", "type": "timing", "value": 0.231, "timestamp": 1772366400000,
 *   "traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7"}]
 * }</pre>
 *
 * <p>Each sample has {@code name} (following {@link MetricNames}; not renamed), {@code type}
 * ({@code counter}, {@code gauge}, {@code timing} or {@code histogram}, any case), {@code value} (a
 * JSON number; timings in seconds; only gauges may be negative), and optionally {@code tags} (an
 * object of string values; the key {@code tenant} is reserved), {@code timestamp} (an ISO-8601
 * instant string or integer epoch milliseconds; now when absent) and {@code traceId} with {@code
 * spanId} (both or neither). An optional field may also be {@code null}. Any other field, including
 * {@code tenant}, rejects the sample: the tenant is always the caller's.
 *
 * <p>A sample that breaks a rule is rejected with its index and the first rule it breaks, naming
 * the field and quoting the value; the other samples are accepted. The status is:
 *
 * <ul>
 *   <li>200 when the batch was read and at least one sample was accepted, or the batch was empty;
 *       rejected samples are listed.
 *   <li>400 when every sample was rejected, the body is not JSON (the error names line and column)
 *       or not of either shape.
 *   <li>413 when the body exceeds the byte limit (default 5 MiB) or the batch the item limit
 *       (default 10,000); nothing is accepted.
 * </ul>
 *
 * <p>The response body is {@code {"accepted":N,"rejected":[{"index":i,"error":"..."}]}}, with an
 * {@code "error"} field added when the whole body was refused. Thread-safe.
 */
public final class JsonIngest {
  /** Largest body read by default: 5 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

  /** Most samples in one batch by default. */
  public static final int DEFAULT_MAX_ITEMS = 10_000;

  /** The media type of the response. */
  public static final String MEDIA_TYPE = "application/json";

  private static final Set<String> FIELDS =
      Set.of("name", "type", "value", "tags", "timestamp", "traceId", "spanId");
  private static final String FIELD_LIST = "name, type, value, tags, timestamp, traceId, spanId";
  private static final String SHAPE =
      "expected a JSON array of samples or an object {\"metrics\": [...]}";
  private static final int QUOTED_LENGTH = 100;

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // Keeps a number's text, so an error can quote 1e400 rather than Infinity.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();
  private final int maxBodyBytes;
  private final int maxItems;
  private final Clock clock;

  /** An ingest with the default limits and the system clock. */
  public JsonIngest() {
    this(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_ITEMS, Clock.systemUTC());
  }

  /**
   * @param maxBodyBytes largest body read, at least 1
   * @param maxItems most samples in a batch, at least 1
   * @param clock stamps samples that have no timestamp
   */
  public JsonIngest(int maxBodyBytes, int maxItems, Clock clock) {
    if (maxBodyBytes < 1 || maxItems < 1) {
      throw new IllegalArgumentException(
          "JSON ingest limits must be at least 1; got max body bytes "
              + maxBodyBytes
              + " and max items "
              + maxItems);
    }
    this.maxBodyBytes = maxBodyBytes;
    this.maxItems = maxItems;
    this.clock = clock;
  }

  /**
   * What became of one request.
   *
   * @param status the HTTP status to answer with
   * @param accepted the samples to record, in body order
   * @param rejected one per rejected sample, in body order
   * @param error why the whole body was refused, or {@code null}
   */
  public record Result(int status, List<Metric> accepted, List<Rejection> rejected, String error) {
    public Result {
      accepted = List.copyOf(accepted);
      rejected = List.copyOf(rejected);
    }

    static Result refused(int status, String error) {
      return new Result(status, List.of(), List.of(), error);
    }
  }

  /**
   * A sample that was not accepted.
   *
   * @param index 0-based position in the batch
   * @param error the rule broken, naming the field and quoting the value
   */
  public record Rejection(int index, String error) {}

  /**
   * Reads a body from {@code in}, at most the byte limit plus one byte, then as {@link
   * #ingest(byte[], String)}.
   *
   * @throws UncheckedIOException when reading fails
   */
  public Result ingest(InputStream in, String tenant) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      int read;
      while ((read = in.read(chunk)) >= 0) {
        body.write(chunk, 0, read);
        if (body.size() > maxBodyBytes) {
          return tooLarge();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the metrics body failed", e);
    }
    return ingest(body.toByteArray(), tenant);
  }

  /**
   * Validates every sample of {@code body} as metrics of {@code tenant}.
   *
   * @param tenant the caller's tenant, from its credentials; follows {@link Tenants}
   * @throws InvalidMetricException when {@code tenant} breaks the tenant rule: a bug of the caller,
   *     not of the body
   */
  public Result ingest(byte[] body, String tenant) {
    Tenants.requireValid(tenant);
    if (body.length > maxBodyBytes) {
      return tooLarge();
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      return Result.refused(400, malformed(e));
    } catch (IOException e) {
      return Result.refused(400, "body could not be read: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      return Result.refused(400, "body is empty; " + SHAPE);
    }

    JsonNode items = root;
    if (root.isObject()) {
      Iterator<String> names = root.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!name.equals("metrics")) {
          return Result.refused(400, "unknown top-level field '" + name + "'; " + SHAPE);
        }
      }
      items = root.get("metrics");
      if (items == null || !items.isArray()) {
        return Result.refused(400, "field 'metrics' is " + describe(items) + "; " + SHAPE);
      }
    } else if (!root.isArray()) {
      return Result.refused(400, "body is " + describe(root) + "; " + SHAPE);
    }
    if (items.size() > maxItems) {
      return Result.refused(
          413,
          "batch has "
              + items.size()
              + " samples; at most "
              + maxItems
              + " are accepted per request, split the batch");
    }

    Instant now = clock.instant();
    List<Metric> accepted = new ArrayList<>(items.size());
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        accepted.add(sample(items.get(i), tenant, now));
      } catch (InvalidMetricException e) {
        rejected.add(new Rejection(i, e.getMessage()));
      }
    }
    int status = accepted.isEmpty() && !rejected.isEmpty() ? 400 : 200;
    return new Result(status, accepted, rejected, null);
  }

  /** The response body for {@code result}. */
  public byte[] responseBody(Result result) {
    ObjectNode root = mapper.createObjectNode();
    root.put("accepted", result.accepted().size());
    ArrayNode list = root.putArray("rejected");
    for (Rejection rejection : result.rejected()) {
      list.addObject().put("index", rejection.index()).put("error", rejection.error());
    }
    if (result.error() != null) {
      root.put("error", result.error());
    }
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of numbers and strings did not render as JSON", e);
    }
  }

  private Result tooLarge() {
    return Result.refused(
        413, "body exceeds " + maxBodyBytes + " bytes; split the batch into smaller requests");
  }

  private static Metric sample(JsonNode item, String tenant, Instant now) {
    if (!item.isObject()) {
      throw new InvalidMetricException("sample is " + describe(item) + "; expected an object");
    }
    Iterator<String> fields = item.fieldNames();
    while (fields.hasNext()) {
      String field = fields.next();
      if (field.equals("tenant")) {
        throw new InvalidMetricException(
            "field 'tenant' is not accepted: the tenant comes from the caller's credentials");
      }
      if (!FIELDS.contains(field)) {
        throw new InvalidMetricException(
            "unknown field '" + quote(field) + "'; expected " + FIELD_LIST);
      }
    }

    String name = requiredString(item, "name");
    if (!MetricNames.isValid(name)) {
      throw new InvalidMetricException(
          "name '"
              + quote(name)
              + "' is invalid: expected an ASCII letter followed by letters, digits, '_', '.' or"
              + " ':', at most "
              + MetricNames.MAX_LENGTH
              + " characters");
    }
    MetricType type = type(requiredString(item, "type"));
    double value = value(item.get("value"), type);
    List<MetricTag> tags = tags(item.get("tags"));
    Instant timestamp = timestamp(item.get("timestamp"), now);
    TraceContext trace = trace(item.get("traceId"), item.get("spanId"));
    return new Metric(name, type, value, tags, timestamp, tenant, trace);
  }

  private static String requiredString(JsonNode item, String field) {
    JsonNode node = item.get(field);
    if (node == null || node.isNull()) {
      throw new InvalidMetricException(field + " is missing");
    }
    if (!node.isTextual()) {
      throw new InvalidMetricException(
          field + " must be a string; got " + describe(node) + " " + quote(node.toString()));
    }
    return node.textValue();
  }

  private static MetricType type(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "counter" -> MetricType.COUNTER;
      case "gauge" -> MetricType.GAUGE;
      case "timing" -> MetricType.TIMING;
      case "histogram" -> MetricType.HISTOGRAM;
      default ->
          throw new InvalidMetricException(
              "type '"
                  + quote(text)
                  + "' is invalid: expected counter, gauge, timing or histogram");
    };
  }

  private static double value(JsonNode node, MetricType type) {
    if (node == null || node.isNull()) {
      throw new InvalidMetricException("value is missing");
    }
    if (!node.isNumber()) {
      throw new InvalidMetricException(
          "value must be a number; got " + describe(node) + " " + quote(node.toString()));
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw new InvalidMetricException(
          "value " + quote(node.toString()) + " is out of range; expected a finite number");
    }
    if (value < 0 && type != MetricType.GAUGE) {
      throw new InvalidMetricException(
          "value "
              + node
              + " is negative; only a gauge may be negative, not a "
              + type.name().toLowerCase(Locale.ROOT));
    }
    return value;
  }

  private static List<MetricTag> tags(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isObject()) {
      throw new InvalidMetricException(
          "tags must be an object of string values; got "
              + describe(node)
              + " "
              + quote(node.toString()));
    }
    List<MetricTag> tags = new ArrayList<>(node.size());
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      if (key.equals(MetricTag.TENANT_KEY)) {
        throw new InvalidMetricException(
            "tag 'tenant' is reserved: the tenant comes from the caller's credentials");
      }
      if (!value.isTextual()) {
        throw new InvalidMetricException(
            "tag '"
                + quote(key)
                + "' must have a string value; got "
                + describe(value)
                + " "
                + quote(value.toString()));
      }
      tags.add(new MetricTag(key, value.textValue()));
    }
    return tags;
  }

  private static Instant timestamp(JsonNode node, Instant now) {
    if (node == null || node.isNull()) {
      return now;
    }
    Instant timestamp;
    if (node.isTextual()) {
      try {
        timestamp = Instant.parse(node.textValue());
      } catch (DateTimeException e) {
        throw new InvalidMetricException(
            "timestamp '"
                + quote(node.textValue())
                + "' is invalid: expected an ISO-8601 instant such as 2026-03-01T12:00:00Z or"
                + " integer epoch milliseconds");
      }
    } else if (node.isIntegralNumber() && node.canConvertToLong()) {
      timestamp = Instant.ofEpochMilli(node.longValue());
    } else {
      throw new InvalidMetricException(
          "timestamp "
              + quote(node.toString())
              + " is invalid: expected an ISO-8601 instant string or integer epoch milliseconds");
    }
    if (timestamp.isBefore(Instant.EPOCH)) {
      throw new InvalidMetricException(
          "timestamp " + quote(node.toString()) + " is before 1970-01-01T00:00:00Z");
    }
    return timestamp;
  }

  private static TraceContext trace(JsonNode traceId, JsonNode spanId) {
    boolean hasTrace = traceId != null && !traceId.isNull();
    boolean hasSpan = spanId != null && !spanId.isNull();
    if (!hasTrace && !hasSpan) {
      return null;
    }
    if (hasTrace != hasSpan) {
      throw new InvalidMetricException(
          (hasTrace ? "traceId is given without spanId" : "spanId is given without traceId")
              + "; give both or neither");
    }
    String trace = hexField("traceId", traceId, 32);
    String span = hexField("spanId", spanId, 16);
    return new TraceContext(trace, span);
  }

  private static String hexField(String field, JsonNode node, int length) {
    if (!node.isTextual()) {
      throw new InvalidMetricException(
          field + " must be a string; got " + describe(node) + " " + quote(node.toString()));
    }
    String text = node.textValue();
    boolean valid = text.length() == length;
    boolean allZero = true;
    for (int i = 0; valid && i < text.length(); i++) {
      char c = Character.toLowerCase(text.charAt(i));
      valid = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      allZero &= c == '0';
    }
    if (!valid || allZero) {
      throw new InvalidMetricException(
          field
              + " '"
              + quote(text)
              + "' is invalid: expected "
              + length
              + " hex characters, not all zero");
    }
    return text;
  }

  private static String malformed(JsonProcessingException e) {
    JsonLocation where = e.getLocation();
    String what = e.getOriginalMessage();
    int newline = what.indexOf('\n');
    if (newline >= 0) {
      what = what.substring(0, newline);
    }
    if (where == null) {
      return "malformed JSON: " + what;
    }
    return "malformed JSON at line "
        + where.getLineNr()
        + ", column "
        + where.getColumnNr()
        + ": "
        + what;
  }

  /** The JSON kind of {@code node}, with an article: "a string", "an array", "absent". */
  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "absent";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String quote(String text) {
    return text.length() <= QUOTED_LENGTH ? text : text.substring(0, QUOTED_LENGTH) + "...";
  }
}
