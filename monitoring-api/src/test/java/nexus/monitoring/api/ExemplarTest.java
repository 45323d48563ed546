package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

final class ExemplarTest {

  private static final TraceContext TRACE =
      new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void exemplar_validParts_kept() {
    Exemplar exemplar = new Exemplar(0.25, TRACE, T);

    assertThat(exemplar.value()).isEqualTo(0.25);
    assertThat(exemplar.trace()).isEqualTo(TRACE);
  }

  @Test
  void exemplar_nanValue_rejected() {
    assertThatThrownBy(() -> new Exemplar(Double.NaN, TRACE, T))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("exemplar value NaN is not a finite number");
  }

  @Test
  void exemplar_missingTrace_rejected() {
    assertThatThrownBy(() -> new Exemplar(1, null, T))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("exemplar needs both a trace context and a timestamp");
  }
}
