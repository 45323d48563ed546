package nexus.monitoring.distribution;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one run of {@code bin/nexus-monitoring} did.
 *
 * @param args the arguments after the launcher
 * @param exitCode the process's exit code
 * @param stdout everything it wrote to standard output
 * @param stderr everything it wrote to standard error (the log goes there)
 * @param elapsed wall time from start to exit, including the JVM's start
 */
record CommandResult(
    List<String> args, int exitCode, String stdout, String stderr, Duration elapsed) {

  /** For assertion messages: the command, its exit code and both outputs. */
  String describe() {
    return "bin/nexus-monitoring "
        + String.join(" ", args)
        + " exited with "
        + exitCode
        + " after "
        + elapsed.toMillis()
        + " ms\n--- stdout ---\n"
        + stdout
        + "--- stderr ---\n"
        + stderr;
  }

  /**
   * The cells of the row for {@code check} in the table {@code check} prints, without its TIME cell
   * (which varies): name, type, status, message. Empty when no row starts with the name.
   */
  List<String> tableRow(String check) {
    return stdout
        .lines()
        .filter(line -> line.startsWith(check + " "))
        .findFirst()
        .map(line -> Arrays.asList(line.trim().split(" {2,}")))
        .map(
            cells ->
                cells.size() == 5
                    ? List.of(cells.get(0), cells.get(1), cells.get(2), cells.get(4))
                    : cells)
        .orElse(List.of());
  }
}
