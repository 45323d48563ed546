package nexus.monitoring.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import nexus.monitoring.api.TraceContext;
import org.junit.jupiter.api.Test;

final class CurrentTraceTest {
  private static final TraceContext OUTER =
      new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
  private static final TraceContext INNER =
      new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "b7ad6b7169203331");

  private final CurrentTrace traces = new CurrentTrace();

  @Test
  void withoutAScope_thereIsNoTraceContext() {
    assertThat(traces.get()).isNull();
  }

  @Test
  void scopesNest_andClosingOneRestoresTheOuterContext() {
    try (CurrentTrace.Scope outer = traces.open(OUTER)) {
      try (CurrentTrace.Scope inner = traces.open(INNER)) {
        assertThat(traces.get()).isEqualTo(INNER);
      }
      assertThat(traces.get()).isEqualTo(OUTER);
      assertThat(traces.callIn(null, traces::get)).isNull();
    }

    assertThat(traces.get()).isNull();
  }

  @Test
  void runIn_restoresTheContextAlsoWhenTheActionThrows() {
    try {
      traces.runIn(
          OUTER,
          () -> {
            throw new IllegalStateException("boom");
          });
    } catch (IllegalStateException expected) {
      // the action's own exception
    }

    assertThat(traces.get()).isNull();
  }
}
