package nexus.monitoring.plugin.command;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;

/** Check programs for tests: scripts written to a temporary folder, and the installed plugins. */
final class CheckPrograms {
  /** Where Debian's monitoring-plugins-basic installs the plugins. */
  static final Path NAGIOS_PLUGINS = Path.of("/usr/lib/nagios/plugins");

  private CheckPrograms() {}

  /** Writes an executable {@code /bin/sh} script named {@code name} into {@code folder}. */
  static Path script(Path folder, String name, String body) throws IOException {
    Path script = folder.resolve(name);
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  /**
   * The installed Nagios plugin {@code name}; skips the test when it is missing, but fails it under
   * {@code CI=true}, where .ci/run installs monitoring-plugins-basic.
   */
  static Path requireNagiosPlugin(String name) {
    Path plugin = NAGIOS_PLUGINS.resolve(name);
    if (!Files.isExecutable(plugin)) {
      String reason =
          plugin + " is not installed (Debian package monitoring-plugins-basic provides it)";
      if ("true".equals(System.getenv("CI"))) {
        fail(reason + "; CI must install it");
      }
      Assumptions.abort(reason);
    }
    return plugin;
  }
}
