package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class PurgeResultTest {

  @Test
  void plus_addsBothCounts() {
    assertThat(new PurgeResult(3, 10).plus(new PurgeResult(2, 0)))
        .isEqualTo(new PurgeResult(5, 10));
    assertThat(PurgeResult.NONE.plus(PurgeResult.NONE)).isEqualTo(PurgeResult.NONE);
  }

  @Test
  void purgeResult_negativeCount_rejectedQuotingBoth() {
    assertThatThrownBy(() -> new PurgeResult(-1, 0))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "purge result has deletedSamples -1 and downsampledSamples 0; expected counts of"
                + " zero or more");
  }

  @Test
  void plus_overflow_throwsRatherThanWraps() {
    assertThatThrownBy(() -> new PurgeResult(Long.MAX_VALUE, 0).plus(new PurgeResult(1, 0)))
        .isInstanceOf(ArithmeticException.class);
  }
}
