package nexus.monitoring.api;

import java.util.Locale;

/**
 * A wire format an exporter renders, named for configuration and identified by its media type for
 * content negotiation.
 *
 * @param name short name used in configuration, such as {@code prometheus}
 * @param mediaType the media type without parameters, such as {@code text/plain}
 * @param contentType the full {@code Content-Type} header value served
 * @since 1.0
 */
public record ExportFormat(String name, String mediaType, String contentType) {
  /** Prometheus text exposition format 0.0.4. */
  public static final ExportFormat PROMETHEUS_TEXT =
      new ExportFormat("prometheus", "text/plain", "text/plain; version=0.0.4; charset=utf-8");

  /** OpenMetrics 1.0 text format. */
  public static final ExportFormat OPENMETRICS_TEXT =
      new ExportFormat(
          "openmetrics",
          "application/openmetrics-text",
          "application/openmetrics-text; version=1.0.0; charset=utf-8");

  /** Nexus Monitoring's JSON rendering of snapshots. */
  public static final ExportFormat JSON =
      new ExportFormat("json", "application/json", "application/json");

  /**
   * @throws IllegalArgumentException when a part is blank or the media type has no {@code /}
   */
  public ExportFormat {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("export format needs a name");
    }
    if (mediaType == null || mediaType.indexOf('/') <= 0) {
      throw new IllegalArgumentException(
          "export format '" + name + "' has media type '" + mediaType + "'; expected type/subtype");
    }
    if (contentType == null || contentType.isBlank()) {
      throw new IllegalArgumentException("export format '" + name + "' needs a content type");
    }
    mediaType = mediaType.toLowerCase(Locale.ROOT);
  }
}
