package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TenantsTest {

  @ParameterizedTest
  @ValueSource(strings = {"default", "acme-corp", "team_1", "eu.west", "A"})
  void requireValid_allowedCharacters_accepted(String tenant) {
    assertThat(Tenants.requireValid(tenant)).isEqualTo(tenant);
  }

  @Test
  void requireValid_64Characters_acceptedAnd65Rejected() {
    assertThat(Tenants.requireValid("t".repeat(64))).hasSize(64);
    assertThatThrownBy(() -> Tenants.requireValid("t".repeat(65)))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("tenant '" + "t".repeat(65) + "' is invalid: expected 1 to 64 characters");
  }

  @Test
  void requireValid_empty_rejected() {
    assertThatThrownBy(() -> Tenants.requireValid(""))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("tenant '' is invalid: expected 1 to 64 characters");
  }

  @Test
  void requireValid_slash_rejectedNamingCharacterAndIndex() {
    assertThatThrownBy(() -> Tenants.requireValid("acme/eu"))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "tenant 'acme/eu' is invalid: character '/' at index 4 is not an ASCII letter, digit,"
                + " '_', '-' or '.'");
  }
}
