package nexus.monitoring.runtime.telemetry;

/**
 * What handles and lookups hold: the live front of one series. The recorded values live in its
 * {@link SeriesState}, which holds no reference back, so that after retirement the tracker can tell
 * from a weak reference to this front when nothing can record into the state any more.
 */
final class Series {
  final SeriesState state;

  /**
   * Set once, after the series has left the tracker's map. A handle that sees it resolves the
   * series again; a writer that read it as {@code false} just before may still record into the
   * state, which the tracker keeps draining until the front is unreachable.
   */
  volatile boolean retired;

  Series(SeriesState state) {
    this.state = state;
  }

  @Override
  public String toString() {
    return state.type + " " + state.key + (retired ? " (retired)" : "");
  }
}
