package nexus.monitoring.runtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

final class ThrottledWarningsTest {
  private final List<String> lines = new ArrayList<>();
  private long nanos = 1_000;
  private final ThrottledWarnings warnings =
      new ThrottledWarnings(
          "lines rejected",
          3,
          Duration.ofSeconds(60),
          () -> nanos,
          (level, message) -> lines.add(level + " " + message));

  @Test
  void firstFaults_areWarnings_thenDebug() {
    for (int i = 1; i <= 5; i++) {
      warnings.report("fault " + i);
    }

    assertThat(lines)
        .containsExactly(
            "WARN fault 1",
            "WARN fault 2",
            "WARN fault 3 (further lines rejected are logged at DEBUG, with a summary at most every"
                + " 60 s)",
            "DEBUG fault 4",
            "DEBUG fault 5");
  }

  @Test
  void afterPeriod_nextFaultWritesSummaryOfDebugOnes() {
    for (int i = 1; i <= 5; i++) {
      warnings.report("fault " + i);
    }
    nanos += Duration.ofSeconds(61).toNanos();
    warnings.report("fault 6");

    assertThat(lines)
        .endsWith(
            "DEBUG fault 6",
            "WARN 3 more lines rejected in the last 61 s (6 since start); latest: fault 6");
  }

  @Test
  void withinPeriod_noSummary() {
    for (int i = 1; i <= 10; i++) {
      warnings.report("fault " + i);
      nanos += Duration.ofSeconds(1).toNanos();
    }

    assertThat(lines).filteredOn(line -> line.startsWith(Level.WARN.name())).hasSize(3);
  }

  @Test
  void flush_writesSummaryOfWhatIsLeft_once() {
    for (int i = 1; i <= 4; i++) {
      warnings.report("fault " + i);
    }
    nanos += Duration.ofSeconds(5).toNanos();
    warnings.flush();
    warnings.flush();

    assertThat(lines)
        .endsWith(
            "DEBUG fault 4",
            "WARN 1 more lines rejected in the last 5 s (4 since start); latest: fault 4");
    assertThat(warnings.total()).isEqualTo(4);
  }

  @Test
  void flush_withNothingSuppressed_writesNothing() {
    warnings.report("fault 1");
    warnings.flush();

    assertThat(lines).containsExactly("WARN fault 1");
  }
}
