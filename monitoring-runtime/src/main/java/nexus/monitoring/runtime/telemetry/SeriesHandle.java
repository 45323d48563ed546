package nexus.monitoring.runtime.telemetry;

/**
 * The base of the pre-resolved handles. A handle keeps the series it was resolved to; when the
 * tracker has retired that series for being idle, the next recording resolves the series again (for
 * the same tenant, name and tags) and keeps the new one, so a handle never stops working.
 */
abstract class SeriesHandle {
  final DefaultTelemetryTracker tracker;
  private Series series;

  SeriesHandle(DefaultTelemetryTracker tracker, Series series) {
    this.tracker = tracker;
    this.series = series;
  }

  /** The live series; a racy but safe read, since a {@link Series} is immutable but its flag. */
  final Series live() {
    Series s = series;
    if (s.retired) {
      s = tracker.revive(s);
      series = s;
    }
    return s;
  }

  final String name() {
    return series.state.key.name;
  }

  @Override
  public String toString() {
    return series.toString();
  }
}
