package nexus.monitoring.plugin.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

final class EpochNanosTest {

  @Test
  void of_roundTripsTheWholeRepresentableSpan() {
    for (Instant instant :
        new Instant[] {
          EpochNanos.EARLIEST,
          Instant.parse("1969-12-31T23:59:59.999999999Z"),
          Instant.EPOCH,
          Instant.parse("2025-06-01T12:34:56.789012345Z"),
          EpochNanos.LATEST
        }) {
      assertThat(EpochNanos.toInstant(EpochNanos.of(instant))).isEqualTo(instant);
    }
    assertThat(EpochNanos.of(EpochNanos.LATEST)).isEqualTo(Long.MAX_VALUE);
    assertThat(EpochNanos.of(EpochNanos.EARLIEST)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void of_beyondTheSpan_overflows() {
    assertThatThrownBy(() -> EpochNanos.of(EpochNanos.LATEST.plusNanos(1)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> EpochNanos.of(EpochNanos.EARLIEST.minusNanos(1)))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void clamped_beyondTheSpan_givesTheExtremes() {
    assertThat(EpochNanos.clamped(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
    assertThat(EpochNanos.clamped(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    assertThat(EpochNanos.clamped(Instant.ofEpochSecond(1, 5))).isEqualTo(1_000_000_005L);
  }
}
