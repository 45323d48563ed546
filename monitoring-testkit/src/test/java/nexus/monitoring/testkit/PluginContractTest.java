package nexus.monitoring.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.inject.Inject;
import nexus.monitoring.api.spi.PluginSettings;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

final class PluginContractTest {

  static final class Injectable {
    @Inject
    Injectable(PluginSettings settings) {}
  }

  static final class NotAnnotated {
    NotAnnotated(PluginSettings settings) {}
  }

  static final class TakesAString {
    @Inject
    TakesAString(String settings) {}
  }

  @Test
  void assertInjectableWithSettings_oneInjectConstructorTakingSettings_passes() {
    assertThatCode(() -> PluginContract.assertInjectableWithSettings(Injectable.class))
        .doesNotThrowAnyException();
  }

  @Test
  void assertInjectableWithSettings_noInjectConstructor_failsNamingTheType() {
    assertThatThrownBy(() -> PluginContract.assertInjectableWithSettings(NotAnnotated.class))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("NotAnnotated: constructors annotated @Inject");
  }

  @Test
  void assertInjectableWithSettings_otherParameter_failsNamingTheType() {
    assertThatThrownBy(() -> PluginContract.assertInjectableWithSettings(TakesAString.class))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("TakesAString: parameters of the @Inject constructor");
  }
}
