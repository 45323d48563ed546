package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class ExceptionsTest {

  static Stream<Arguments> exceptions() {
    return Stream.of(
        exception(MonitoringException::new, MonitoringException::new),
        exception(HealthCheckFailedException::new, HealthCheckFailedException::new),
        exception(MetricStorageException::new, MetricStorageException::new),
        exception(AlertThresholdExceededException::new, AlertThresholdExceededException::new),
        exception(InvalidMetricException::new, InvalidMetricException::new),
        exception(InvalidConfigurationException::new, InvalidConfigurationException::new),
        exception(CardinalityLimitExceededException::new, CardinalityLimitExceededException::new),
        exception(UnsupportedAggregationException::new, UnsupportedAggregationException::new));
  }

  private static Arguments exception(
      Function<String, MonitoringException> withMessage,
      BiFunction<String, Throwable, MonitoringException> withCause) {
    return Arguments.of(withMessage, withCause);
  }

  @ParameterizedTest
  @MethodSource("exceptions")
  void exception_isUncheckedMonitoringException_keepingMessageAndCause(
      Function<String, MonitoringException> withMessage,
      BiFunction<String, Throwable, MonitoringException> withCause) {
    IOException cause = new IOException("disk gone");

    MonitoringException plain = withMessage.apply("what happened");
    MonitoringException caused = withCause.apply("what happened", cause);

    assertThat(plain).isInstanceOf(RuntimeException.class).hasMessage("what happened");
    assertThat(caused).hasMessage("what happened").hasCause(cause);
  }
}
