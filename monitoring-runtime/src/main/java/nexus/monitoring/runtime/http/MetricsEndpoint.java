package nexus.monitoring.runtime.http;

import java.util.List;
import java.util.Locale;
import nexus.monitoring.api.spi.MetricExporter;

/** Picks the exporter that serves a scrape, by the scraper's {@code Accept} header. */
final class MetricsEndpoint {
  private MetricsEndpoint() {}

  /**
   * The exporter whose media type the header names with the highest quality, or the first exporter
   * when the header is absent or names none of them (Prometheus sends a list that always ends in a
   * wildcard).
   */
  static MetricExporter choose(List<MetricExporter> exporters, String accept) {
    if (exporters.isEmpty()) {
      return null;
    }
    if (accept == null || accept.isBlank()) {
      return exporters.get(0);
    }
    MetricExporter best = null;
    double bestQuality = 0;
    for (String part : accept.split(",")) {
      String[] params = part.trim().split(";");
      String mediaType = params[0].trim().toLowerCase(Locale.ROOT);
      double quality = 1.0;
      for (int i = 1; i < params.length; i++) {
        String p = params[i].trim();
        if (p.startsWith("q=")) {
          try {
            quality = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            quality = 0;
          }
        }
      }
      for (MetricExporter exporter : exporters) {
        if (exporter.format().mediaType().equals(mediaType) && quality > bestQuality) {
          best = exporter;
          bestQuality = quality;
        }
      }
    }
    return best != null ? best : exporters.get(0);
  }
}
