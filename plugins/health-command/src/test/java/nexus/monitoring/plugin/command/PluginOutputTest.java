package nexus.monitoring.plugin.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class PluginOutputTest {

  @Test
  void parse_textOnly_hasNoLongTextOrPerformanceData() {
    PluginOutput output = PluginOutput.parse("PING OK - all fine\n");

    assertThat(output).isEqualTo(new PluginOutput("PING OK - all fine", "", ""));
  }

  @Test
  void parse_firstLineBar_splitsTextFromPerformanceData() {
    PluginOutput output = PluginOutput.parse("DISK OK - 42% free | /=57B;;;0;100\n");

    assertThat(output.text()).isEqualTo("DISK OK - 42% free");
    assertThat(output.performanceData()).isEqualTo("/=57B;;;0;100");
  }

  @Test
  void parse_secondBarInLongText_startsPerformanceDataToTheEnd() {
    PluginOutput output =
        PluginOutput.parse(
            "DISK OK | root=1B\r\n/var 12% free\n/home 80% free | var=2B\nhome=3B\n\nlast=4B\n");

    assertThat(output.text()).isEqualTo("DISK OK");
    assertThat(output.longText()).isEqualTo("/var 12% free\n/home 80% free");
    assertThat(output.performanceData()).isEqualTo("root=1B var=2B home=3B  last=4B");
  }

  @Test
  void parse_empty_givesEmptyParts() {
    assertThat(PluginOutput.parse("")).isEqualTo(new PluginOutput("", "", ""));
  }
}
