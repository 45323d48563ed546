package nexus.monitoring.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nexus.monitoring.api.HealthCheckResult;
import nexus.monitoring.runtime.health.HealthReport;
import nexus.monitoring.runtime.logging.SecretRedactor;

/**
 * Renders a {@link HealthReport} as {@code application/health+json}: a top-level {@code status} of
 * pass, warn or fail, and one {@code checks} entry per check, keyed by the check's name.
 *
 * <p>Beyond the draft's fields ({@code componentId}, {@code componentType}, {@code status}, {@code
 * time}, {@code output}), each entry carries the host's own status name, whether it is critical,
 * its groups, its duration, last change, whether it is pending, stale or flapping, its recent
 * history and all observed values as {@code details}; the draft allows such extensions. Without
 * details, {@code output}, {@code details} and the history's messages are left out, so an
 * unauthenticated caller learns each check's status and nothing of what it saw.
 *
 * <p>Every document passes through the host's {@link SecretRedactor} before it is returned.
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

  /**
   * What a probe shows: its status, and {@code "output": "pending"} when a check of the group has
   * not finished its first run and the probe waits for it.
   */
  public byte[] probe(String status, boolean pending) {
    ObjectNode root = mapper.createObjectNode();
    root.put("status", status);
    if (pending) {
      root.put("output", "pending");
    }
    return write(root);
  }

  /** The full report with every message and observed value. */
  public byte[] full(HealthReport report) {
    return full(report, true);
  }

  /**
   * The full report.
   *
   * @param withDetails whether messages, observed values and history messages are included
   */
  public byte[] full(HealthReport report, boolean withDetails) {
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
      if (withDetails && !result.message().isEmpty()) {
        item.put("output", result.message());
      }
      item.put("nexus:status", result.status().name());
      item.put("nexus:critical", entry.critical());
      item.put("nexus:durationMs", result.duration().toNanos() / 1e6);
      item.put("nexus:lastChange", entry.lastChange().toString());
      item.put("nexus:pending", entry.pending());
      item.put("nexus:stale", entry.stale());
      item.put("nexus:flapping", entry.flapping());
      if (!entry.groups().isEmpty()) {
        ArrayNode groups = item.putArray("nexus:groups");
        entry.groups().stream().sorted().forEach(groups::add);
      }
      if (withDetails && !result.details().isEmpty()) {
        ObjectNode details = item.putObject("details");
        for (Map.Entry<String, Object> d : result.details().entrySet()) {
          details.putPOJO(d.getKey(), d.getValue());
        }
      }
      if (!entry.history().isEmpty()) {
        ArrayNode history = item.putArray("nexus:history");
        for (HealthReport.Sample sample : entry.history()) {
          ObjectNode run = history.addObject();
          run.put("status", sample.status().name());
          run.put("time", sample.time().toString());
          run.put("durationMs", sample.duration().toNanos() / 1e6);
          if (withDetails && !sample.message().isEmpty()) {
            run.put("output", sample.message());
          }
        }
      }
    }
    return write(root);
  }

  private byte[] write(ObjectNode root) {
    try {
      String text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
      return SecretRedactor.redact(text).getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("health report cannot be written as JSON", e);
    }
  }
}
