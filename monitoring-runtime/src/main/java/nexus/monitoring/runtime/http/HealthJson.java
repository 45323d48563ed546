package nexus.monitoring.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.runtime.health.HealthReport;

/**
 * Renders a {@link HealthReport} as {@code application/health+json}: a top-level {@code status} of
 * pass, warn or fail, and one {@code checks} entry per check, keyed by the check's name.
 *
 * <p>Beyond the draft's fields ({@code componentId}, {@code componentType}, {@code status}, {@code
 * time}, {@code output}, {@code observedValue}), each entry carries the host's own status name,
 * whether it is critical, its groups, its duration and all observed values as {@code details}; the
 * draft allows such extensions.
 */
public final class HealthJson {
  public static final String MEDIA_TYPE = "application/health+json";

  private final ObjectMapper mapper = new ObjectMapper();
  private final String version;

  public HealthJson(String version) {
    this.version = version;
  }

  /** Only the aggregate status: what {@code /healthz} shows to anyone. */
  public byte[] statusOnly(HealthReport report) {
    ObjectNode root = mapper.createObjectNode();
    root.put("status", report.status().healthJsonStatus());
    return write(root);
  }

  /** The full report. */
  public byte[] full(HealthReport report) {
    ObjectNode root = mapper.createObjectNode();
    root.put("status", report.status().healthJsonStatus());
    root.put("version", version.split("\\.")[0]);
    root.put("releaseId", version);
    root.put("serviceId", "nexus-monitoring");
    root.put("description", "Nexus Monitoring host; overall " + report.status());
    ObjectNode checks = root.putObject("checks");
    for (HealthReport.Entry entry : report.entries()) {
      HealthCheckResult result = entry.result();
      ArrayNode list = checks.putArray(entry.name());
      ObjectNode item = list.addObject();
      item.put("componentId", entry.name());
      item.put("componentType", entry.type());
      item.put("status", result.status().healthJsonStatus());
      item.put("time", result.timestamp().toString());
      if (!result.message().isEmpty()) {
        item.put("output", result.message());
      }
      item.put("nexus:status", result.status().name());
      item.put("nexus:critical", entry.critical());
      item.put("nexus:durationMs", result.duration().toNanos() / 1e6);
      item.put("nexus:lastChange", entry.lastChange().toString());
      if (!entry.groups().isEmpty()) {
        ArrayNode groups = item.putArray("nexus:groups");
        entry.groups().stream().sorted().forEach(groups::add);
      }
      if (!result.details().isEmpty()) {
        ObjectNode details = item.putObject("details");
        for (Map.Entry<String, Object> d : result.details().entrySet()) {
          details.putPOJO(d.getKey(), d.getValue());
        }
      }
    }
    return write(root);
  }

  private byte[] write(ObjectNode root) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("health report cannot be written as JSON", e);
    }
  }
}
