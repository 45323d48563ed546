package nexus.monitoring.runtime.telemetry;

import java.time.Duration;
import java.time.Instant;
import nexus.monitoring.api.Exemplar;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MetricType;

/**
 * The recorded values of one series. Writers update it lock-free; everything that reads it (drain,
 * snapshot, samples already stored) synchronizes on the state, so readers never see each other's
 * half-done work.
 */
abstract class SeriesState {
  final SeriesKey key;
  final MetricType type;

  /** The latest traced observation, from any source; shown in snapshots. */
  volatile Exemplar latestExemplar;

  /** The latest traced observation recorded here (not one already stored); flushed with a step. */
  volatile Exemplar ownExemplar;

  /** Whether a sample already stored arrived since the last drain; keeps the series alive. */
  volatile boolean storedSinceDrain;

  /** Whether the last {@link #drain} found recorded values (not just a gauge's held value). */
  boolean recordedInLastDrain;

  // Owned by the flushing thread.
  private Exemplar flushedExemplar;
  Instant lastActive;

  SeriesState(SeriesKey key, MetricType type, Instant created) {
    this.key = key;
    this.type = type;
    this.lastActive = created;
  }

  /**
   * Takes what was recorded since the last drain.
   *
   * @param retired whether the series has left the tracker; a retired gauge reports only values set
   *     since, not the value it holds
   * @return the step's aggregate, or {@code null} when there is nothing to report
   */
  abstract MetricAggregate drain(Instant start, Duration step, boolean retired);

  /** The current state, or {@code null} when there is nothing to show (a gauge never set). */
  abstract MetricSnapshot snapshot(String description, String unit);

  /** Records a sample that a storage already holds: visible in snapshots, never drained. */
  abstract void recordStored(double value);

  /** The exemplar for this step's aggregate: the latest own one, unless it was flushed before. */
  final Exemplar exemplarForStep() {
    Exemplar e = ownExemplar;
    if (e == flushedExemplar) {
      return null;
    }
    flushedExemplar = e;
    return e;
  }

  final void exemplar(Exemplar e, boolean own) {
    latestExemplar = e;
    if (own) {
      ownExemplar = e;
    }
  }
}
