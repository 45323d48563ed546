package nexus.monitoring.api.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import nexus.monitoring.api.ExportFormat;
import nexus.monitoring.api.MetricSnapshot;

/**
 * Renders metric snapshots in one wire format, for a scrape of {@code /metrics} or a push to a
 * backend.
 *
 * <p>The host chooses the exporter whose {@link #format()} matches the scraper's {@code Accept}
 * header. Implementations translate metric names and tag keys to their format's rules and escape
 * every value; they must be safe to call from several threads at once.
 *
 * @since 1.0
 */
public interface MetricExporter {

  /** The format this exporter writes. */
  ExportFormat format();

  /**
   * Writes {@code snapshots} to {@code out}. Snapshots of one metric name arrive together; the
   * exporter does not close {@code out}.
   */
  void export(List<MetricSnapshot> snapshots, OutputStream out) throws IOException;
}
