package nexus.monitoring.runtime.cli;

import java.util.ArrayList;
import java.util.List;
import nexus.monitoring.runtime.health.HealthReport;

/** Plain-text tables for terminal output. */
final class Tables {
  private Tables() {}

  static String health(HealthReport report) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CHECK", "TYPE", "STATUS", "TIME", "MESSAGE"});
    for (HealthReport.Entry entry : report.entries()) {
      long micros = entry.result().duration().toNanos() / 1_000;
      String time = micros < 1_000 ? micros + "us" : (micros / 1_000) + "ms";
      String status = entry.result().status().name();
      if (entry.effectiveStatus() != entry.result().status()) {
        status += " (non-critical: " + entry.effectiveStatus() + ")";
      }
      rows.add(
          new String[] {
            entry.name(), entry.type(), status, time, oneLine(entry.result().message())
          });
    }
    return render(rows) + "OVERALL: " + report.status() + "\n";
  }

  static String render(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        out.append(row[i]);
        if (i < columns - 1) {
          out.append(" ".repeat(width[i] - row[i].length() + 2));
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  static String oneLine(String text) {
    return nexus.monitoring.runtime.plugin.PluginLoader.printable(
        text.replace('\n', ' ').replace('\r', ' '));
  }
}
