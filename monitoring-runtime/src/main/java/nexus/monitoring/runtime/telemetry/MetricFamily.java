package nexus.monitoring.runtime.telemetry;

import nexus.monitoring.api.InvalidMetricException;
import nexus.monitoring.api.MetricType;

/** What all series of one metric name share: the type it was first recorded with, and its text. */
final class MetricFamily {
  final String name;
  private volatile MetricType type;
  private volatile String description = "";
  private volatile String unit = "";

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
}
