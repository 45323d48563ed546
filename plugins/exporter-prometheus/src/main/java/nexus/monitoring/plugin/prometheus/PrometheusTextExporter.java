package nexus.monitoring.plugin.prometheus;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import nexus.monitoring.api.ExportFormat;
import nexus.monitoring.api.MetricSnapshot;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.spi.MetricExporter;

/**
 * Exporter type {@code prometheus}: writes snapshots in the Prometheus text exposition format 0.0.4
 * ({@link ExportFormat#PROMETHEUS_TEXT}), UTF-8, one line per sample, no timestamps.
 *
 * <h2>Names</h2>
 *
 * <ul>
 *   <li>A metric name becomes a valid Prometheus name by turning every character outside {@code
 *       [a-zA-Z0-9_:]} into {@code _}: {@code http.server.requests} is {@code
 *       http_server_requests}.
 *   <li>A COUNTER is rendered as type {@code counter} under its name with {@code _total} added when
 *       missing. Format 0.0.4 has no notion of a family name distinct from the sample name, so
 *       {@code # HELP}, {@code # TYPE} and the sample all use the suffixed name: {@code # TYPE
 *       jobs_total counter}, then {@code jobs_total{...} 7}.
 *   <li>A TIMING, recorded in seconds, gets {@code _seconds} added when missing, as the Prometheus
 *       naming conventions ask for a base unit. Other types and units keep their name.
 *   <li>TIMING and HISTOGRAM are rendered as type {@code summary}: one sample per quantile with a
 *       {@code quantile} label, then {@code _sum} and {@code _count}. Minimum, maximum and
 *       exemplars have no place in this format and are left out.
 *   <li>A tag key becomes a label name by turning every character outside {@code [a-zA-Z0-9_]},
 *       colons included, into {@code _}.
 * </ul>
 *
 * <h2>Labels</h2>
 *
 * <p>Every series carries the label {@value MetricTag#TENANT_KEY} with its tenant, the default
 * tenant included, so that a series means the same whichever tenants a host has. {@code tenant}
 * and, in summaries, {@code quantile} are reserved: a tag whose label name is already taken on the
 * series is renamed with the prefix {@code exported_} (repeated until free), as Prometheus itself
 * does for clashing target labels. Tags whose key needs no translation claim their name before
 * translated ones, so {@code a_b} keeps its name and {@code a.b} becomes {@code exported_a_b}.
 * Labels are written sorted by name, {@code quantile} last.
 *
 * <h2>Collisions</h2>
 *
 * <p>Different metric names can translate to the same family name ({@code a.b} and {@code a_b}).
 * Snapshots are grouped by family name whatever order they arrive in, and families are written in
 * order of name, so the output does not depend on the order of the input. Within a family, a metric
 * whose name is the family name already ({@code a_b}, or {@code jobs_total} for a counter) comes
 * first, then the others by name; the first one sets the type and HELP. Then:
 *
 * <ul>
 *   <li>metrics of the same type share the one family, under one {@code # HELP} and {@code # TYPE};
 *   <li>a series whose name and labels equal those of a series already written is skipped;
 *   <li>a metric of another type is skipped;
 *   <li>a family that would write a sample name another family already writes (a gauge {@code
 *       x_sum} beside the summary {@code x}) is skipped whole; the family whose name sorts first
 *       keeps the name.
 * </ul>
 *
 * <p>Every skip is reported on a comment line, {@code # nexus-monitoring: skipped ...}, after the
 * family it concerns, which scrapers ignore and a person reading {@code /metrics} sees.
 *
 * <h2>Text</h2>
 *
 * <p>HELP is the metric's description, or its original name when the description is empty, with
 * backslash and line feed escaped. Label values escape backslash, double quote and line feed.
 * Values are written as Go's {@code ParseFloat} reads them: {@code NaN}, {@code +Inf}, {@code
 * -Inf}, {@code 42}, {@code 0.25}, {@code 1.0E20}.
 *
 * <p>The exporter holds no state and is safe to call from several threads at once.
 */
final class PrometheusTextExporter implements MetricExporter {
  private static final String NOTE = "# nexus-monitoring: skipped ";
  private static final String QUANTILE = "quantile";

  /** Metrics already named as their family first, then by name, then by labels. */
  private static final Comparator<Candidate> PRECEDENCE =
      Comparator.comparingInt(Candidate::rank)
          .thenComparing(c -> c.snapshot().name())
          .thenComparing(Candidate::labels);

  @Inject
  PrometheusTextExporter() {}

  @Override
  public ExportFormat format() {
    return ExportFormat.PROMETHEUS_TEXT;
  }

  @Override
  public void export(List<MetricSnapshot> snapshots, OutputStream out) throws IOException {
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(out, "out");
    Scrape scrape = new Scrape(out);

    Map<String, String> sampleNameOwners = new HashMap<>();
    for (Map.Entry<String, List<Candidate>> family : scrape.groupByFamily(snapshots).entrySet()) {
      scrape.writeFamily(family.getKey(), family.getValue(), sampleNameOwners);
    }

    scrape.text.flush();
  }

  /**
   * One snapshot with its rendered labels; {@code rank} is 0 when its name is the family name
   * already, 1 when it was translated or suffixed.
   */
  private record Candidate(MetricSnapshot snapshot, String labels, int rank) {}

  /**
   * The state of one call of {@link #export}: the output buffer, and what is computed once per
   * scrape rather than once per series (family names, label names, quantile labels).
   */
  private static final class Scrape {
    final Utf8Buffer text;
    private final StringBuilder labels = new StringBuilder(128);
    private final Map<String, String> labelNames = new HashMap<>();
    private final Map<Double, String> quantileLabels = new HashMap<>();
    private String lastMetricName;
    private MetricType lastType;
    private String lastFamilyName;

    Scrape(OutputStream out) {
      this.text = new Utf8Buffer(out);
    }

    TreeMap<String, List<Candidate>> groupByFamily(List<MetricSnapshot> snapshots) {
      TreeMap<String, List<Candidate>> families = new TreeMap<>();
      List<Candidate> current = null;
      for (int i = 0; i < snapshots.size(); i++) {
        MetricSnapshot snapshot = snapshots.get(i);
        if (snapshot == null) {
          throw new NullPointerException("snapshot at index " + i + " is null");
        }
        String familyName;
        if (snapshot.name().equals(lastMetricName) && snapshot.type() == lastType) {
          familyName = lastFamilyName; // snapshots of one metric usually arrive together
        } else {
          familyName = PrometheusNames.familyName(snapshot.name(), snapshot.type());
          lastMetricName = snapshot.name();
          lastType = snapshot.type();
          lastFamilyName = familyName;
          current = families.computeIfAbsent(familyName, name -> new ArrayList<>());
        }
        int rank = snapshot.name().equals(familyName) ? 0 : 1;
        current.add(new Candidate(snapshot, renderLabels(snapshot), rank));
      }
      // Already in order when the input is (a tracker's snapshot is), which the sort checks in
      // one pass.
      families.values().forEach(candidates -> candidates.sort(PRECEDENCE));
      return families;
    }

    void writeFamily(String name, List<Candidate> candidates, Map<String, String> sampleNameOwners)
        throws IOException {
      MetricSnapshot first = candidates.get(0).snapshot();
      MetricType type = first.type();
      String prometheusType = prometheusType(type);
      List<String> sampleNames = sampleNames(name, type);

      for (String sampleName : sampleNames) {
        String owner = sampleNameOwners.get(sampleName);
        if (owner != null) {
          Set<String> notes = new LinkedHashSet<>();
          for (Candidate candidate : candidates) {
            notes.add(
                describe(candidate.snapshot())
                    + ": sample name '"
                    + sampleName
                    + "' is already written by family '"
                    + owner
                    + "'");
          }
          writeNotes(notes);
          return;
        }
      }
      sampleNames.forEach(sampleName -> sampleNameOwners.put(sampleName, name));

      text.append("# HELP ")
          .append(name)
          .append(' ')
          .append(PrometheusText.escapeHelp(help(candidates, type)))
          .append('\n');
      text.append("# TYPE ").append(name).append(' ').append(prometheusType).append('\n');
      // Candidates are sorted by name, then labels, so when they all share one name a repeated
      // series is next to the one it repeats; only several names need a map of what was written.
      Map<String, MetricSnapshot> seriesOwners = oneName(candidates) ? null : new HashMap<>();
      Candidate previous = null;
      Set<String> notes = new LinkedHashSet<>();
      for (Candidate candidate : candidates) {
        MetricSnapshot snapshot = candidate.snapshot();
        if (snapshot.type() != type) {
          notes.add(
              describe(snapshot)
                  + ": its name '"
                  + name
                  + "' belongs to "
                  + prometheusType
                  + " family of "
                  + describe(first));
          continue;
        }
        MetricSnapshot earlier;
        if (seriesOwners != null) {
          earlier = seriesOwners.putIfAbsent(candidate.labels(), snapshot);
        } else if (previous != null && previous.labels().equals(candidate.labels())) {
          earlier = previous.snapshot();
        } else {
          earlier = null;
          previous = candidate;
        }
        if (earlier != null) {
          notes.add(
              "a series of "
                  + describe(snapshot)
                  + " {"
                  + candidate.labels()
                  + "}: "
                  + describe(earlier)
                  + " has a series with the same name and labels");
        } else {
          writeSamples(name, candidate);
        }
      }
      writeNotes(notes);
    }

    private static boolean oneName(List<Candidate> candidates) {
      String name = candidates.get(0).snapshot().name();
      for (Candidate candidate : candidates) {
        if (!candidate.snapshot().name().equals(name)) {
          return false;
        }
      }
      return true;
    }

    private void writeSamples(String name, Candidate candidate) throws IOException {
      MetricSnapshot snapshot = candidate.snapshot();
      String labels = candidate.labels();
      if (snapshot.distribution() == null) {
        text.append(name).append('{').append(labels).append("} ");
        value(snapshot.value()).append('\n');
        return;
      }
      MetricSnapshot.Distribution distribution = snapshot.distribution();
      for (Map.Entry<Double, Double> quantile : distribution.quantiles().entrySet()) {
        text.append(name)
            .append('{')
            .append(labels)
            .append(",quantile=\"")
            .append(quantileLabels.computeIfAbsent(quantile.getKey(), PrometheusText::quantile))
            .append("\"} ");
        value(quantile.getValue()).append('\n');
      }
      text.append(name).append("_sum{").append(labels).append("} ");
      value(distribution.sum()).append('\n');
      text.append(name).append("_count{").append(labels).append("} ");
      text.append(distribution.count()).append('\n');
    }

    private Utf8Buffer value(double value) throws IOException {
      if (value == Math.rint(value) && Math.abs(value) < PrometheusText.PLAIN_INTEGER_LIMIT) {
        return text.append((long) value);
      }
      return text.append(PrometheusText.value(value));
    }

    /**
     * The label set of a series, rendered as {@code name="value",...} without braces: the tenant,
     * then the tags, renamed where they clash (see the class comment), sorted by label name.
     */
    private String renderLabels(MetricSnapshot snapshot) {
      List<MetricTag> tags = snapshot.tags();
      boolean distribution = snapshot.type().isDistribution();
      for (int i = 0; i < tags.size(); i++) {
        String key = tags.get(i).key();
        if (!labelName(key).equals(key)
            || key.equals(MetricTag.TENANT_KEY)
            || (distribution && key.equals(QUANTILE))) {
          return renderRenamedLabels(snapshot);
        }
      }

      // Every key is its own label name and none is reserved, and snapshot tags are sorted by
      // key: one pass, with the tenant in its place.
      StringBuilder rendered = labels;
      rendered.setLength(0);
      boolean tenantWritten = false;
      for (int i = 0; i < tags.size(); i++) {
        MetricTag tag = tags.get(i);
        if (!tenantWritten && tag.key().compareTo(MetricTag.TENANT_KEY) > 0) {
          appendLabel(rendered, MetricTag.TENANT_KEY, snapshot.tenant());
          tenantWritten = true;
        }
        appendLabel(rendered, tag.key(), tag.value());
      }
      if (!tenantWritten) {
        appendLabel(rendered, MetricTag.TENANT_KEY, snapshot.tenant());
      }
      return rendered.toString();
    }

    private String labelName(String key) {
      String name = labelNames.get(key);
      if (name == null) {
        name = PrometheusNames.labelName(key);
        labelNames.put(key, name);
      }
      return name;
    }

    private static void appendLabel(StringBuilder rendered, String name, String value) {
      if (!rendered.isEmpty()) {
        rendered.append(',');
      }
      rendered
          .append(name)
          .append("=\"")
          .append(PrometheusText.escapeLabelValue(value))
          .append('"');
    }

    /** {@link #renderLabels} for tags whose keys are translated or clash with reserved labels. */
    private String renderRenamedLabels(MetricSnapshot snapshot) {
      Set<String> taken = new HashSet<>();
      taken.add(MetricTag.TENANT_KEY);
      if (snapshot.type().isDistribution()) {
        taken.add(QUANTILE);
      }
      TreeMap<String, String> labels = new TreeMap<>();
      labels.put(MetricTag.TENANT_KEY, snapshot.tenant());
      // Keys that need no translation first; snapshot tags are already sorted by key.
      List<MetricTag> tags = new ArrayList<>(snapshot.tags());
      tags.sort(
          Comparator.comparingInt(
              (MetricTag tag) -> labelName(tag.key()).equals(tag.key()) ? 0 : 1));
      for (MetricTag tag : tags) {
        String label = labelName(tag.key());
        while (!taken.add(label)) {
          label = "exported_" + label;
        }
        labels.put(label, tag.value());
      }

      StringBuilder rendered = new StringBuilder();
      for (Map.Entry<String, String> label : labels.entrySet()) {
        appendLabel(rendered, label.getKey(), label.getValue());
      }
      return rendered.toString();
    }

    private void writeNotes(Set<String> notes) throws IOException {
      for (String note : notes) {
        text.append(NOTE).append(note).append('\n');
      }
    }
  }

  /** The first non-empty description among the metrics that share the family, else a name. */
  private static String help(List<Candidate> candidates, MetricType type) {
    for (Candidate candidate : candidates) {
      MetricSnapshot snapshot = candidate.snapshot();
      if (snapshot.type() == type && !snapshot.description().isEmpty()) {
        return snapshot.description();
      }
    }
    return candidates.get(0).snapshot().name();
  }

  private static String prometheusType(MetricType type) {
    return switch (type) {
      case COUNTER -> "counter";
      case GAUGE -> "gauge";
      case TIMING, HISTOGRAM -> "summary";
    };
  }

  /** Every sample name a family of {@code type} writes. */
  private static List<String> sampleNames(String name, MetricType type) {
    return type.isDistribution() ? List.of(name, name + "_sum", name + "_count") : List.of(name);
  }

  private static String describe(MetricSnapshot snapshot) {
    return snapshot.type() + " '" + snapshot.name() + "'";
  }
}
