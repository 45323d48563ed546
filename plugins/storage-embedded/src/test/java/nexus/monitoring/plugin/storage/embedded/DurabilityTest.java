package nexus.monitoring.plugin.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import nexus.monitoring.api.MetricAggregate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code MetricStorage} promises about {@code kill -9}: a child JVM appends batches and
 * acknowledges each once {@code append} returned; the test kills it with SIGKILL right after an
 * acknowledgment, while it is busy appending the next batch, and checks that every acknowledged
 * batch is in the store, and every batch in the store is whole.
 */
final class DurabilityTest {
  private static final String MODULE = DurabilityTest.class.getModule().getName();

  @TempDir Path home;

  @Test
  void killedAfterAcknowledgment_everyAcknowledgedBatchSurvivesWhole() throws Exception {
    long next = 0;
    // Kill points vary so the kill lands at different moments of a write and of a checkpoint.
    for (long acknowledgments : new long[] {3, 40, 250}) {
      long lastAcknowledged = runAndKill(next, acknowledgments);

      Map<Long, Long> sizes = batchSizes();
      for (long batch = 0; batch <= lastAcknowledged; batch++) {
        assertThat(sizes.get(batch))
            .as("acknowledged batch %d after a kill", batch)
            .isEqualTo(DurabilityChild.BATCH_SIZE);
      }
      assertThat(sizes.values())
          .as("every stored batch is whole")
          .containsOnly((long) DurabilityChild.BATCH_SIZE);
      assertThat(sizes.keySet())
          .as("batches are contiguous")
          .containsExactlyElementsOf(
              java.util.stream.LongStream.rangeClosed(0, sizes.size() - 1).boxed().toList());
      next = sizes.size();
    }
  }

  /**
   * Starts the child appending from batch {@code first}, waits for {@code acknowledgments} of them,
   * kills it at once and returns the last batch it acknowledged.
   */
  private long runAndKill(long first, long acknowledgments) throws Exception {
    Process child = new ProcessBuilder(command(first)).redirectErrorStream(false).start();
    long lastAcknowledged = first - 1;
    long seen = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ack ")) {
          lastAcknowledged = Long.parseLong(line.substring(4));
          if (++seen == acknowledgments) {
            child.destroyForcibly();
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child ended").isTrue();
    assertThat(seen)
        .as("acknowledgments before the kill; child stderr: %s", stderr(child))
        .isEqualTo(acknowledgments);
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    return lastAcknowledged;
  }

  private Map<Long, Long> batchSizes() {
    try (EmbeddedMetricStorage storage = EmbeddedMetricStorageTest.open(home)) {
      List<MetricAggregate> all =
          storage.readAll(
              DurabilityChild.METRIC, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
      return all.stream()
          .collect(
              Collectors.groupingBy(MetricAggregate::count, TreeMap::new, Collectors.counting()));
    }
  }

  /** The child runs on the module path, as the host does, with the test classes patched in. */
  private List<String> command(long first) throws Exception {
    Path testClasses =
        Path.of(DurabilityTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=org.xerial.sqlitejdbc");
    command.add("--module-path");
    command.add(System.getProperty("jdk.module.path"));
    command.add("--patch-module");
    command.add(MODULE + "=" + testClasses);
    // Test-only libraries such as the plugin test kit are on the class path, as surefire puts them.
    command.add("--class-path");
    command.add(System.getProperty("java.class.path"));
    command.add("--add-reads");
    command.add(MODULE + "=ALL-UNNAMED");
    command.add("--module");
    command.add(MODULE + "/" + DurabilityChild.class.getName());
    command.add(home.toString());
    command.add(String.valueOf(first));
    return command;
  }

  private static String stderr(Process child) {
    try {
      return new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
