package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

final class HealthCheckerTest {

  /** Reports fixed latest results; runs nothing. */
  private static final class FixedHealthChecker implements HealthChecker {
    private final Map<String, HealthCheckResult> latest;

    FixedHealthChecker(Map<String, HealthCheckResult> latest) {
      this.latest = new TreeMap<>(latest);
    }

    @Override
    public Set<String> names() {
      return latest.keySet();
    }

    @Override
    public Map<String, HealthCheckResult> runAll() {
      return latest;
    }

    @Override
    public HealthCheckResult run(String name) {
      return latest.get(name);
    }

    @Override
    public Map<String, HealthCheckResult> latestResults() {
      return latest;
    }
  }

  @Test
  void aggregateStatus_worstOfLatestResults() {
    HealthChecker checker =
        new FixedHealthChecker(
            Map.of(
                "root-disk", HealthCheckResult.warning("12% free"),
                "orders-db", HealthCheckResult.critical("connection refused"),
                "heap", HealthCheckResult.healthy("")));

    assertThat(checker.aggregateStatus()).isEqualTo(HealthStatus.CRITICAL);
  }

  @Test
  void aggregateStatus_noResultsYet_isHealthy() {
    assertThat(new FixedHealthChecker(Map.of()).aggregateStatus()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void latest_byName_emptyForUnknown() {
    HealthCheckResult disk = HealthCheckResult.warning("12% free");
    HealthChecker checker = new FixedHealthChecker(Map.of("root-disk", disk));

    assertThat(checker.latest("root-disk")).contains(disk);
    assertThat(checker.latest("nope")).isEmpty();
  }
}
