package nexus.monitoring.runtime.telemetry;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.MetricType;

/**
 * What all series of one metric name share: the type it was first recorded with, its text, and its
 * live series.
 *
 * <p>The live series are kept here as well as in the tracker's table so that a snapshot finds each
 * name's series without walking the whole table, and so that their order, sorted once, is reused by
 * every snapshot until a series of the name is created or retired.
 */
final class MetricFamily {
  private static final Series[] NONE = {};

  final String name;
  private volatile MetricType type;
  private volatile String description = "";
  private volatile String unit = "";

  // Guarded by this.
  private final Set<Series> members = new HashSet<>();
  private Series[] sorted = NONE; // null when members changed since the last sort

  MetricFamily(String name) {
    this.name = name;
  }

  /**
   * Binds the name to {@code requested} on first use.
   *
   * @throws InvalidMetricException naming both types when the name already has another
   */
  void bind(MetricType requested) {
    MetricType bound = type;
    if (bound == null) {
      synchronized (this) {
        if (type == null) {
          type = requested;
        }
        bound = type;
      }
    }
    if (bound != requested) {
      throw conflict(name, bound, requested);
    }
  }

  static InvalidMetricException conflict(String name, MetricType bound, MetricType requested) {
    return new InvalidMetricException(
        "metric '"
            + name
            + "' is a "
            + bound
            + "; it cannot also be recorded as a "
            + requested
            + " (a name keeps the type it was first recorded with)");
  }

  void describe(String description, String unit) {
    this.description = description;
    this.unit = unit;
  }

  String description() {
    return description;
  }

  /** The described unit; a timing without one is in seconds. */
  String unit() {
    String u = unit;
    return u.isEmpty() && type == MetricType.TIMING ? "seconds" : u;
  }

  /** Adds a series just created in the tracker's table. */
  synchronized void add(Series series) {
    if (members.add(series)) {
      sorted = null;
    }
  }

  /** Removes a series that left the tracker's table. */
  synchronized void remove(Series series) {
    if (members.remove(series)) {
      sorted = null;
    }
  }

  /** The live series in {@code order}; the caller must not modify the array. */
  synchronized Series[] sortedSeries(Comparator<Series> order) {
    Series[] result = sorted;
    if (result == null) {
      result = members.toArray(NONE);
      Arrays.sort(result, order);
      sorted = result;
    }
    return result;
  }
}
