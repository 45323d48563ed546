package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class TraceContextTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  @Test
  void traceContext_validIds_kept() {
    TraceContext context = new TraceContext(TRACE, SPAN);

    assertThat(context.traceId()).isEqualTo(TRACE);
    assertThat(context.spanId()).isEqualTo(SPAN);
  }

  @Test
  void traceContext_upperCaseHex_lowercased() {
    TraceContext context = new TraceContext(TRACE.toUpperCase(), SPAN.toUpperCase());

    assertThat(context).isEqualTo(new TraceContext(TRACE, SPAN));
  }

  @Test
  void traceContext_shortTraceId_rejectedNamingExpectedLength() {
    assertThatThrownBy(() -> new TraceContext("abc", SPAN))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("trace id 'abc' is invalid: expected 32 hex characters, not all zero");
  }

  @Test
  void traceContext_nonHexSpanId_rejected() {
    assertThatThrownBy(() -> new TraceContext(TRACE, "00f067aa0ba902bz"))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "span id '00f067aa0ba902bz' is invalid: expected 16 hex characters, not all zero");
  }

  @Test
  void traceContext_allZeroIds_rejectedAsW3cInvalid() {
    assertThatThrownBy(() -> new TraceContext("0".repeat(32), SPAN))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageStartingWith("trace id '00000000000000000000000000000000' is invalid");
    assertThatThrownBy(() -> new TraceContext(TRACE, "0".repeat(16)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageStartingWith("span id '0000000000000000' is invalid");
  }

  @Test
  void traceContext_nullId_rejected() {
    assertThatThrownBy(() -> new TraceContext(null, SPAN))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("trace id must not be null");
  }
}
