package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class ExportFormatTest {

  @Test
  void constants_carryTheServedContentTypes() {
    assertThat(ExportFormat.PROMETHEUS_TEXT.contentType())
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(ExportFormat.OPENMETRICS_TEXT.mediaType()).isEqualTo("application/openmetrics-text");
    assertThat(ExportFormat.JSON.name()).isEqualTo("json");
  }

  @Test
  void exportFormat_mediaType_lowercased() {
    assertThat(new ExportFormat("x", "Application/JSON", "application/json").mediaType())
        .isEqualTo("application/json");
  }

  @Test
  void exportFormat_mediaTypeWithoutSlash_rejectedNamingFormatAndValue() {
    assertThatThrownBy(() -> new ExportFormat("custom", "json", "json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("export format 'custom' has media type 'json'; expected type/subtype");
  }

  @Test
  void exportFormat_blankName_rejected() {
    assertThatThrownBy(() -> new ExportFormat(" ", "a/b", "a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("export format needs a name");
  }

  @Test
  void exportFormat_blankContentType_rejected() {
    assertThatThrownBy(() -> new ExportFormat("custom", "a/b", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("export format 'custom' needs a content type");
  }
}
