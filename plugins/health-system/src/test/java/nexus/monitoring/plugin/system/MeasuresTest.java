package nexus.monitoring.plugin.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class MeasuresTest {

  @Test
  void bytes_belowOneKibibyte_showsPlainBytes() {
    assertThat(Measures.bytes(0)).isEqualTo("0 B");
    assertThat(Measures.bytes(1023)).isEqualTo("1023 B");
  }

  @Test
  void bytes_keepsAboutThreeSignificantDigits() {
    assertThat(Measures.bytes(1024)).isEqualTo("1.0 KiB");
    assertThat(Measures.bytes((long) (45.6 * (1L << 30)))).isEqualTo("45.6 GiB");
    assertThat(Measures.bytes(370L << 30)).isEqualTo("370 GiB");
    assertThat(Measures.bytes(3L << 40)).isEqualTo("3.0 TiB");
  }

  @Test
  void bytes_roundingCarriesIntoNextUnit() {
    assertThat(Measures.bytes((1L << 20) - 1)).isEqualTo("1.0 MiB");
    assertThat(Measures.bytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
  }

  @Test
  void percent_showsOneDecimal() {
    assertThat(Measures.percent(0.12324)).isEqualTo("12.3%");
    assertThat(Measures.percent(1)).isEqualTo("100.0%");
  }

  @Test
  void threshold_dropsTrailingZeros() {
    assertThat(Measures.threshold(0.15)).isEqualTo("15%");
    assertThat(Measures.threshold(0.025)).isEqualTo("2.5%");
    assertThat(Measures.threshold(0.0001)).isEqualTo("0.01%");
    assertThat(Measures.threshold(1)).isEqualTo("100%");
  }
}
