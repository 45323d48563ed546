package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class AlertContextTest {

  private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
  private static final Instant END = Instant.parse("2025-03-01T12:30:00Z");

  private static AlertContext.Builder highErrorRate() {
    return AlertContext.builder("HighErrorRate", AlertSeverity.CRITICAL)
        .label("service", "checkout")
        .startsAt(START);
  }

  @Test
  void builder_defaults_firingNoValueDefaultTenantDerivedFingerprint() {
    AlertContext alert = highErrorRate().build();

    assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(alert.isFiring()).isTrue();
    assertThat(alert.hasValue()).isFalse();
    assertThat(alert.summary()).isEmpty();
    assertThat(alert.tenant()).isEqualTo(Tenants.DEFAULT);
    assertThat(alert.ends()).isEmpty();
    assertThat(alert.fingerprint())
        .isEqualTo(AlertContext.fingerprintOf("default", "HighErrorRate", alert.labels()));
  }

  @Test
  void fingerprintOf_isPinnedSha256PrefixOfTenantNameAndLabels() {
    // sha256("default\nHighErrorRate\nservice=checkout\n"), first 8 bytes: stable across hosts.
    assertThat(
            AlertContext.fingerprintOf("default", "HighErrorRate", Map.of("service", "checkout")))
        .isEqualTo("5d7525ca87cc294d");
  }

  @Test
  void fingerprintOf_labelOrder_doesNotMatter() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");

    assertThat(AlertContext.fingerprintOf("t", "n", ab))
        .isEqualTo(AlertContext.fingerprintOf("t", "n", ba));
  }

  @Test
  void fingerprintOf_tenantNameOrLabelChange_changesFingerprint() {
    String base = AlertContext.fingerprintOf("t", "n", Map.of("a", "1"));

    assertThat(AlertContext.fingerprintOf("u", "n", Map.of("a", "1"))).isNotEqualTo(base);
    assertThat(AlertContext.fingerprintOf("t", "m", Map.of("a", "1"))).isNotEqualTo(base);
    assertThat(AlertContext.fingerprintOf("t", "n", Map.of("a", "2"))).isNotEqualTo(base);
  }

  @Test
  void fingerprintOf_separatorsInValues_doNotCollide() {
    assertThat(AlertContext.fingerprintOf("t", "n", Map.of("a", "x\nb=y")))
        .isNotEqualTo(AlertContext.fingerprintOf("t", "n", Map.of("a", "x", "b", "y")));
  }

  @Test
  void alert_labelsSortedAnnotationsInInsertionOrderBothUnmodifiable() {
    AlertContext alert =
        highErrorRate()
            .label("region", "eu")
            .annotation("runbook_url", "https://runbooks/errors")
            .annotation("description", "too many 5xx")
            .build();

    assertThat(alert.labels().keySet()).containsExactly("region", "service");
    assertThat(alert.annotations().keySet()).containsExactly("runbook_url", "description");
    assertThatThrownBy(() -> alert.labels().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void resolve_keepsFingerprintAndSetsEnd() {
    AlertContext firing = highErrorRate().value(0.072).summary("5xx at 7.2%").build();

    AlertContext resolved = firing.resolve(END);

    assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.isFiring()).isFalse();
    assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint());
    assertThat(resolved.ends()).contains(END);
    assertThat(resolved.value()).isEqualTo(0.072);
  }

  @Test
  void resolve_endBeforeStart_rejectedQuotingBoth() {
    AlertContext firing = highErrorRate().build();

    assertThatThrownBy(() -> firing.resolve(Instant.parse("2025-03-01T11:00:00Z")))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "alert 'HighErrorRate' has endsAt 2025-03-01T11:00:00Z before startsAt"
                + " 2025-03-01T12:00:00Z; expected endsAt at or after startsAt");
  }

  @Test
  void builder_resolvedWithoutEnd_rejected() {
    assertThatThrownBy(() -> highErrorRate().resolvedAt(null).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "alert 'HighErrorRate' is RESOLVED but has no endsAt; expected the time it cleared");
  }

  @Test
  void alert_firingWithEnd_rejected() {
    AlertContext valid = highErrorRate().build();

    assertThatThrownBy(
            () ->
                new AlertContext(
                    valid.name(),
                    valid.severity(),
                    AlertStatus.FIRING,
                    valid.fingerprint(),
                    valid.labels(),
                    valid.annotations(),
                    valid.summary(),
                    valid.value(),
                    START,
                    END,
                    valid.tenant()))
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "alert 'HighErrorRate' is FIRING but has endsAt 2025-03-01T12:30:00Z; expected none");
  }

  @Test
  void alert_blankName_rejected() {
    assertThatThrownBy(() -> AlertContext.builder("  ", AlertSeverity.INFO).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("alert name '  ' is invalid: expected 1 to 200 characters, not blank");
  }

  @Test
  void alert_controlCharacterInName_rejectedNamingCodeAndIndex() {
    assertThatThrownBy(() -> AlertContext.builder("a\tb", AlertSeverity.INFO).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("alert name 'a\tb' is invalid: control character U+0009 at index 1");
  }

  @Test
  void alert_noSeverity_rejected() {
    assertThatThrownBy(() -> AlertContext.builder("Down", null).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("alert 'Down' has no severity");
  }

  @Test
  void alert_infiniteValue_rejected() {
    assertThatThrownBy(() -> highErrorRate().value(Double.POSITIVE_INFINITY).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "alert 'HighErrorRate' has value Infinity; expected a finite number or NaN for none");
  }

  @Test
  void alert_invalidLabelKey_rejectedNamingAlertAndKey() {
    assertThatThrownBy(() -> highErrorRate().label("bad-key", "x").build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessageStartingWith("alert 'HighErrorRate' label key 'bad-key' is invalid");
  }

  @Test
  void alert_nullAnnotationValue_rejected() {
    assertThatThrownBy(() -> highErrorRate().annotation("description", null).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("alert 'HighErrorRate' annotation 'description' has a null value");
  }

  @Test
  void alert_givenFingerprintWithSpace_rejected() {
    assertThatThrownBy(() -> highErrorRate().fingerprint("a b").build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "alert 'HighErrorRate' has fingerprint 'a b'; expected 1 to 128 ASCII letters,"
                + " digits, '_', '-', '.' or ':'");
  }

  @Test
  void alert_givenFingerprint_keptInsteadOfDerived() {
    assertThat(highErrorRate().fingerprint("rule-7:checkout").build().fingerprint())
        .isEqualTo("rule-7:checkout");
  }

  @Test
  void alert_startBeforeEpoch_rejected() {
    assertThatThrownBy(
            () -> highErrorRate().startsAt(Instant.parse("1969-01-01T00:00:00Z")).build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage(
            "alert 'HighErrorRate' has startsAt 1969-01-01T00:00:00Z before"
                + " 1970-01-01T00:00:00Z");
  }

  @Test
  void alert_invalidTenant_rejected() {
    assertThatThrownBy(() -> highErrorRate().tenant("").build())
        .isInstanceOf(InvalidMetricException.class)
        .hasMessage("tenant '' is invalid: expected 1 to 64 characters");
  }
}
