package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ApiVersionTest {

  @ParameterizedTest
  @CsvSource({"1.0, 1, 0", "1.0.3, 1, 0", "2, 2, 0", "' 1.4 ', 1, 4", "1.0-SNAPSHOT, 1, 0"})
  void parse_versionText_majorAndMinor(String text, int major, int minor) {
    assertThat(ApiVersion.parse(text)).isEqualTo(new ApiVersion(major, minor));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "1.x", "-1.0"})
  void parse_notAVersion_rejectedQuotingText(String text) {
    assertThatThrownBy(() -> ApiVersion.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("API version '" + text + "' is not of the form MAJOR.MINOR, such as 1.0");
  }

  @Test
  void parse_null_rejected() {
    assertThatThrownBy(() -> ApiVersion.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("API version 'null' is not of the form MAJOR.MINOR, such as 1.0");
  }

  @Test
  void apiVersion_negativePart_rejected() {
    assertThatThrownBy(() -> new ApiVersion(1, -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("API version 1.-2 has a negative part");
  }

  @Test
  void accepts_sameMajorOlderOrEqualMinor_only() {
    ApiVersion host = new ApiVersion(1, 3);

    assertThat(host.accepts(new ApiVersion(1, 0))).isTrue();
    assertThat(host.accepts(new ApiVersion(1, 3))).isTrue();
    assertThat(host.accepts(new ApiVersion(1, 4))).isFalse();
    assertThat(host.accepts(new ApiVersion(2, 0))).isFalse();
    assertThat(host.accepts(new ApiVersion(0, 9))).isFalse();
  }

  @Test
  void current_acceptsItself() {
    assertThat(ApiVersion.CURRENT.accepts(ApiVersion.CURRENT)).isTrue();
    assertThat(ApiVersion.CURRENT).hasToString("1.0");
  }

  @Test
  void compareTo_majorFirstThenMinor() {
    assertThat(new ApiVersion(1, 9)).isLessThan(new ApiVersion(2, 0));
    assertThat(new ApiVersion(1, 2)).isGreaterThan(new ApiVersion(1, 1));
    assertThat(new ApiVersion(1, 2)).isEqualByComparingTo(new ApiVersion(1, 2));
  }

  @Test
  void manifestAttribute_isTheDocumentedName() {
    assertThat(ApiVersion.MANIFEST_ATTRIBUTE).isEqualTo("Nexus-Monitoring-Api-Version");
  }
}
