package nexus.monitoring.plugin.command;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard output of a check program, split the way the Monitoring Plugins guidelines lay it
 * out: a first line of text, optional performance data after a {@code |} on that line, further
 * lines of long text, and more performance data after a {@code |} in the long text, which runs to
 * the end of the output.
 *
 * <pre>
 * DISK OK - 42% free | /=57GB;;;0;100
 * /var 12% free
 * /home 80% free | /var=88B;;;0;100
 * /home=20B;;;0;100
 * </pre>
 *
 * @param text the first line up to its {@code |}, stripped; empty when the program printed nothing
 * @param longText the lines after the first, up to the second {@code |}, stripped; may be empty
 * @param performanceData every performance data part, in the order printed, joined by a space
 */
record PluginOutput(String text, String longText, String performanceData) {

  static PluginOutput parse(String output) {
    String normalised = output.replace("\r\n", "\n");
    int newline = normalised.indexOf('\n');
    String first = newline < 0 ? normalised : normalised.substring(0, newline);
    String rest = newline < 0 ? "" : normalised.substring(newline + 1);

    List<String> performance = new ArrayList<>(2);
    String text = first;
    int bar = first.indexOf('|');
    if (bar >= 0) {
      text = first.substring(0, bar);
      performance.add(first.substring(bar + 1).strip());
    }

    String longText = rest;
    int restBar = rest.indexOf('|');
    if (restBar >= 0) {
      longText = rest.substring(0, restBar);
      // Past the second bar, line breaks only separate more items.
      performance.add(rest.substring(restBar + 1).replace('\n', ' ').strip());
    }
    performance.removeIf(String::isEmpty);
    return new PluginOutput(text.strip(), longText.strip(), String.join(" ", performance));
  }
}
