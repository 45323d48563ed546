package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class NoSamplingStrategyTest {

  @ParameterizedTest
  @EnumSource(MetricType.class)
  void noSampling_recordsEverythingAtScaleOne(MetricType type) {
    NoSamplingStrategy strategy = NoSamplingStrategy.INSTANCE;

    assertThat(strategy.shouldRecord("m", type, List.of(MetricTag.of("a", "b")))).isTrue();
    assertThat(strategy.scaleFactor("m", type)).isEqualTo(1.0);
    assertThat(new NoSamplingStrategy().shouldRecord("m", type, List.of())).isTrue();
  }
}
