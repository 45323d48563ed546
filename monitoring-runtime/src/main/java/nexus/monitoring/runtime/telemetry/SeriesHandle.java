package nexus.monitoring.runtime.telemetry;

/**
 * The base of the pre-resolved handles. A handle keeps the series it was resolved to; when the
 * tracker has retired that series for being idle, the next recording resolves the series again (for
 * the same tenant, name and tags) and keeps the new one, so a handle never stops working.
 *
 * <p>When the tracker neither samples nor asks for trace contexts (known when it is built), a
 * handle is <em>direct</em>: while its series is live it records straight into the series' state,
 * with one volatile read of {@link Series#retired} and nothing else in front of the state's own
 * work.
 */
abstract class SeriesHandle {
  final DefaultTelemetryTracker tracker;

  /** Whether the tracker lets handles record straight into the state. */
  final boolean direct;

  /**
   * The series last resolved; a racy but safe read, since a {@link Series} is immutable but its
   * flag. Replaced on revival, so a retired front is no longer reachable from the handle and the
   * tracker can let its state go.
   */
  Series series;

  SeriesHandle(DefaultTelemetryTracker tracker, Series series) {
    this.tracker = tracker;
    this.direct = tracker.recordsDirectly();
    this.series = series;
  }

  /** The live series, resolved again if the one held was retired. */
  final Series live() {
    Series s = series;
    if (s.retired) {
      s = tracker.revive(s);
      series = s;
    }
    return s;
  }

  @Override
  public String toString() {
    return series.toString();
  }
}
