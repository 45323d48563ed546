package nexus.monitoring.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nexus.monitoring.api.AggregationResult;
import nexus.monitoring.api.MetricTag;

/** Renders an {@link AggregationResult} as the query API's JSON. */
public final class QueryJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private QueryJson() {}

  /**
   * {@code {"metric", "function", "alpha"?, "from", "to", "step", "tenant", "series": [{"tags":
   * {...}, "points": [{"t": ISO-8601, "v": number}]}]}}; a non-finite value is written as a string.
   */
  public static byte[] render(AggregationResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("metric", result.query().metricName());
    root.put("function", result.aggregation().function().name().toLowerCase(java.util.Locale.ROOT));
    if (!Double.isNaN(result.aggregation().alpha())) {
      root.put("alpha", result.aggregation().alpha());
    }
    root.put("from", result.query().from().toString());
    root.put("to", result.query().to().toString());
    root.put("step", result.query().step().toString());
    root.put("tenant", result.query().tenant());
    ArrayNode series = root.putArray("series");
    for (AggregationResult.Series s : result.series()) {
      ObjectNode node = series.addObject();
      ObjectNode tags = node.putObject("tags");
      for (MetricTag tag : s.groupTags()) {
        tags.put(tag.key(), tag.value());
      }
      ArrayNode points = node.putArray("points");
      for (AggregationResult.Point p : s.points()) {
        ObjectNode point = points.addObject();
        point.put("t", p.timestamp().toString());
        if (Double.isFinite(p.value())) {
          point.put("v", p.value());
        } else {
          point.put("v", String.valueOf(p.value()));
        }
      }
    }
    return write(root);
  }

  /** {@code {"error": message}}. */
  public static byte[] error(String message) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("error", message);
    return write(root);
  }

  private static byte[] write(ObjectNode root) {
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("query result cannot be written as JSON", e);
    }
  }
}
