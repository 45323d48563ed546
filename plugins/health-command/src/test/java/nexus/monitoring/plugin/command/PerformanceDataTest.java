package nexus.monitoring.plugin.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PerformanceDataTest {

  @ParameterizedTest
  @CsvSource({
    "t=2.5s, 2.5",
    "t=250ms, 0.25",
    "t=1500us, 0.0015",
    "t=42ns, 0.000000042",
    "t=85%, 0.85",
    "t=512B, 512",
    "t=2KB, 2000",
    "t=2kB, 2000",
    "t=3MB, 3000000",
    "t=1GB, 1000000000",
    "t=2TB, 2000000000000",
    "t=2KiB, 2048",
    "t=1MiB, 1048576",
    "t=1GiB, 1073741824",
    "t=1234c, 1234",
    "t=7, 7",
    "t=-3.5, -3.5",
  })
  void details_unit_convertsToBaseUnit(String item, double expected) {
    Map<String, Object> details = PerformanceData.details(item);

    assertThat((double) details.get("perf.t"))
        .isCloseTo(expected, within(Math.abs(expected) * 1e-9 + 1e-15));
    assertThat(details).doesNotContainKeys("perf.t.uom", "perf.errors");
  }

  @Test
  void details_allFields_convertedWithTheValuesUnit() {
    Map<String, Object> details = PerformanceData.details("rta=12.5ms;100;500;0;1000");

    assertThat(details)
        .containsExactly(
            Map.entry("perf.rta", 0.0125),
            Map.entry("perf.rta.warn", 0.1),
            Map.entry("perf.rta.crit", 0.5),
            Map.entry("perf.rta.min", 0.0),
            Map.entry("perf.rta.max", 1.0));
  }

  @Test
  void details_missingFields_areLeftOut() {
    Map<String, Object> details = PerformanceData.details("users=3;;10 load=0.5;;;;");

    assertThat(details)
        .containsExactly(
            Map.entry("perf.users", 3.0),
            Map.entry("perf.users.crit", 10.0),
            Map.entry("perf.load", 0.5));
  }

  @Test
  void details_quotedLabelWithSpacesAndQuote_isNormalised() {
    Map<String, Object> details =
        PerformanceData.details("'Free Space /var'=10% 'it''s'=1 '/'=5B /home/data=6B");

    assertThat(details)
        .containsEntry("perf.free_space_var", 0.1)
        .containsEntry("perf.it_s", 1.0)
        .containsEntry("perf.root", 5.0)
        .containsEntry("perf.home_data", 6.0)
        .doesNotContainKey("perf.errors");
  }

  @Test
  void details_rangeThresholds_keptAsWritten() {
    Map<String, Object> details = PerformanceData.details("temp=42;@10:20;~:50");

    assertThat(details)
        .containsEntry("perf.temp", 42.0)
        .containsEntry("perf.temp.warn", "@10:20")
        .containsEntry("perf.temp.crit", "~:50");
  }

  @Test
  void details_unknownUnit_keepsValueAndNamesTheUnit() {
    Map<String, Object> details = PerformanceData.details("temp=42C;50;60");

    assertThat(details)
        .containsEntry("perf.temp", 42.0)
        .containsEntry("perf.temp.uom", "C")
        .containsEntry("perf.temp.warn", 50.0);
  }

  @Test
  void details_undeterminedValue_isSkippedWithoutError() {
    assertThat(PerformanceData.details("rta=U;;;; pl=0%"))
        .containsExactly(Map.entry("perf.pl", 0.0));
  }

  @Test
  void details_malformedItems_skippedAndNotedWhileOthersCount() {
    Map<String, Object> details =
        PerformanceData.details("good=1 novalue= text=abc dup=1 dup=2 badmin=1;;;x %%=4 ok=2");

    assertThat(details)
        .containsEntry("perf.good", 1.0)
        .containsEntry("perf.dup", 1.0)
        .containsEntry("perf.ok", 2.0)
        .doesNotContainKeys("perf.novalue", "perf.text", "perf.badmin");
    assertThat((String) details.get("perf.errors"))
        .contains("'novalue=' has no value")
        .contains("'text=abc' has no numeric value")
        .contains("'dup=2' repeats label dup")
        .contains("'badmin=1;;;x' has a min that is not a number")
        .contains("'%%=4' has a label with no letter or digit");
  }

  @Test
  void details_unclosedQuote_reportsErrorAndStops() {
    Map<String, Object> details = PerformanceData.details("a=1 'broken label=2");

    assertThat(details).containsEntry("perf.a", 1.0);
    assertThat((String) details.get("perf.errors")).contains("has an unclosed quote");
  }

  @Test
  void details_nothing_givesNoDetails() {
    assertThat(PerformanceData.details("  ")).isEmpty();
  }

  @Test
  void normalise_foldsToLowerCaseLettersDigitsAndUnderscores() {
    assertThat(PerformanceData.normalise("Queue-Depth (orders)")).isEqualTo("queue_depth_orders");
    assertThat(PerformanceData.normalise("/")).isEqualTo("root");
    assertThat(PerformanceData.normalise("__x__")).isEqualTo("x");
  }
}
