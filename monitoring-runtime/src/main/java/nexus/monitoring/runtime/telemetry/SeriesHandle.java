package nexus.monitoring.runtime.telemetry;

/**
 * The base of the pre-resolved handles. A handle keeps the series it was resolved to; when the
 * tracker has retired that series for being idle, the next recording resolves the series again (for
 * the same tenant, name and tags) and keeps the new one, so a handle never stops working.
 *
 * <p>When the tracker neither samples nor asks for trace contexts (known when it is built), a
 * handle is <em>direct</em>: while the series it was resolved to is live, it records straight into
 * that series' state, read from final fields, with one volatile read of {@link Series#retired} and
 * nothing else in front of the state's own work. Once that series is retired the handle takes the
 * tracker's general path for good, which revives the series as before.
 */
abstract class SeriesHandle {
  final DefaultTelemetryTracker tracker;

  /** The series the handle was resolved to; the direct path records into it while it is live. */
  final Series bound;

  /** Whether the direct path may be taken at all. */
  final boolean direct;

  private Series series;

  SeriesHandle(DefaultTelemetryTracker tracker, Series series) {
    this.tracker = tracker;
    this.bound = series;
    this.direct = tracker.recordsDirectly();
    this.series = series;
  }

  /** Whether the direct path applies now: the tracker allows it and the bound series is live. */
  final boolean directNow() {
    return direct && !bound.retired;
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
    return bound.state.key.name;
  }

  @Override
  public String toString() {
    return series.toString();
  }
}
