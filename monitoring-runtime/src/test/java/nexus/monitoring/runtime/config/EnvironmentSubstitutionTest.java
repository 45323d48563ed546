package nexus.monitoring.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class EnvironmentSubstitutionTest {
  private final EnvironmentSubstitution env =
      EnvironmentSubstitution.of(Map.of("HOST", "db", "PORT", "5432"));

  @Test
  void substitute_replacesEveryReference() {
    assertThat(env.substitute("jdbc://${HOST}:${PORT}/x", "k")).isEqualTo("jdbc://db:5432/x");
  }

  @Test
  void substitute_doubleDollar_isALiteralDollar() {
    assertThat(env.substitute("cost $$5 ${HOST}", "k")).isEqualTo("cost $5 db");
  }

  @Test
  void substitute_loneDollar_staysAsIs() {
    assertThat(env.substitute("a$b $", "k")).isEqualTo("a$b $");
  }

  @Test
  void substitute_unclosedReference_isAnError() {
    assertThatThrownBy(() -> env.substitute("x ${HOST", "f: k"))
        .hasMessage("f: k: 'x ${HOST' has an unclosed ${ at index 2");
  }

  @Test
  void substitute_invalidName_isAnError() {
    assertThatThrownBy(() -> env.substitute("${1X}", "f: k"))
        .hasMessageContaining("'${1X}' does not name an environment variable");
  }
}
