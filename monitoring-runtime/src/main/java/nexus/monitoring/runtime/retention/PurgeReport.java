package nexus.monitoring.runtime.retention;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.PurgeResult;
import nexus.monitoring.api.RetentionPolicy;

/**
 * What one retention pass did, or would do when it was a dry run: per metric, how many aggregates
 * expired and how many were downsampled into how many, and which metrics failed.
 *
 * @param at the time the pass judged ages against
 * @param dryRun whether the pass only counted, changing nothing
 * @param metrics one entry per stored metric that a policy applies to, in name order
 * @param failures one entry per metric the storage failed on; the pass went on with the others
 */
public record PurgeReport(
    Instant at, boolean dryRun, List<MetricPurge> metrics, List<Failure> failures) {

  public PurgeReport {
    Objects.requireNonNull(at, "at");
    metrics = List.copyOf(metrics);
    failures = List.copyOf(failures);
  }

  /**
   * What retention did to one metric.
   *
   * @param metricName the metric
   * @param type its type
   * @param policy the policy it follows
   * @param expiredBefore aggregates ending at or before this instant expired
   * @param deleted aggregates deleted (or, in a dry run, that would be) because they expired
   * @param downsampled aggregates replaced (or that would be) by downsampled ones
   * @param downsampledInto how many aggregates replaced them
   */
  public record MetricPurge(
      String metricName,
      MetricType type,
      RetentionPolicy policy,
      Instant expiredBefore,
      long deleted,
      long downsampled,
      long downsampledInto) {

    /** Whether the pass deleted or downsampled anything of this metric. */
    public boolean changedAnything() {
      return deleted > 0 || downsampled > 0;
    }

    /** {@code http.requests: deleted 12, downsampled 360 into 6}, for logs and the CLI. */
    public String describe() {
      return metricName
          + ": deleted "
          + deleted
          + ", downsampled "
          + downsampled
          + " into "
          + downsampledInto;
    }
  }

  /**
   * A metric the pass could not finish.
   *
   * @param metricName the metric
   * @param reason what the storage reported
   */
  public record Failure(String metricName, String reason) {}

  /** The counts over every metric. */
  public PurgeResult total() {
    PurgeResult total = PurgeResult.NONE;
    for (MetricPurge purge : metrics) {
      total = total.plus(new PurgeResult(purge.deleted(), purge.downsampled()));
    }
    return total;
  }

  /** Whether any metric lost or had downsampled any aggregate (or would have, in a dry run). */
  public boolean changedAnything() {
    return metrics.stream().anyMatch(MetricPurge::changedAnything);
  }

  /**
   * One line: {@code deleted 12 and downsampled 360 aggregates of 2 metrics (a: ..., b: ...)},
   * naming only metrics that changed, and the failures if any.
   */
  public String summary() {
    List<MetricPurge> changed = metrics.stream().filter(MetricPurge::changedAnything).toList();
    PurgeResult total = total();
    StringBuilder out = new StringBuilder(dryRun ? "would delete " : "deleted ");
    out.append(total.deletedSamples())
        .append(" and ")
        .append(dryRun ? "would downsample " : "downsampled ")
        .append(total.downsampledSamples())
        .append(" aggregates of ")
        .append(changed.size())
        .append(changed.size() == 1 ? " metric" : " metrics");
    if (!changed.isEmpty()) {
      out.append(" (");
      for (int i = 0; i < changed.size(); i++) {
        out.append(i == 0 ? "" : "; ").append(changed.get(i).describe());
      }
      out.append(')');
    }
    if (!failures.isEmpty()) {
      out.append("; failed on ").append(failures.size()).append(" metrics (");
      for (int i = 0; i < failures.size(); i++) {
        Failure failure = failures.get(i);
        out.append(i == 0 ? "" : "; ")
            .append(failure.metricName())
            .append(": ")
            .append(failure.reason());
      }
      out.append(')');
    }
    return out.toString();
  }
}
