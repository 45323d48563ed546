package nexus.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SecretMaskTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:postgresql://app:S3cret@db:5432/orders | jdbc:postgresql://app:****@db:5432/orders",
        "redis://:R3dis@cache:6379/0 | redis://:****@cache:6379/0",
        "amqp://guest:guest@127.0.0.1:5672/%2f | amqp://guest:****@127.0.0.1:5672/%2f",
        "jdbc:postgresql://db/orders?user=app&password=S3cret&ssl=true"
            + " | jdbc:postgresql://db/orders?user=app&password=****&ssl=true",
        "jdbc:sqlserver://db;user=app;Password=S3cret;encrypt=true"
            + " | jdbc:sqlserver://db;user=app;Password=****;encrypt=true",
        "https://svc/health?token=abc123 | https://svc/health?token=****",
        "redis://cache:6379 | redis://cache:6379",
        "jdbc:h2:mem:test | jdbc:h2:mem:test",
      })
  void uris_masksPasswordsAndPasswordParameters(String input, String expected) {
    assertThat(SecretMask.uris(input)).isEqualTo(expected);
  }

  @Test
  void uris_insideAnErrorMessage_masksEveryUri() {
    String message =
        "cannot connect to redis://:one@a:1 or to jdbc:postgresql://u:two@b/db, giving up";

    assertThat(SecretMask.uris(message))
        .isEqualTo(
            "cannot connect to redis://:****@a:1 or to jdbc:postgresql://u:****@b/db, giving up");
  }

  @Test
  void uris_parameterInProse_masksTheValueOnlyUpToAQuoteOrBracket() {
    assertThat(SecretMask.uris("bad url 'jdbc:mysql://db/x?password=x1:y' (rejected)"))
        .isEqualTo("bad url 'jdbc:mysql://db/x?password=****' (rejected)");
    assertThat(SecretMask.uris("login as user=app password=hunter2 failed"))
        .isEqualTo("login as user=app password=**** failed");
    assertThat(SecretMask.uris("(token=abc)")).isEqualTo("(token=****)");
  }

  @Test
  void uris_commandLineAndEnvironmentForms_masked() {
    assertThat(SecretMask.uris("check_pgsql --password=Arg5ecret -H db"))
        .isEqualTo("check_pgsql --password=**** -H db");
    assertThat(SecretMask.uris("DB_PASSWORD=Env5ecret run")).isEqualTo("DB_PASSWORD=**** run");
    assertThat(SecretMask.uris("db.api-key=k3y")).isEqualTo("db.api-key=****");
    assertThat(SecretMask.uris("passwordless=true token_count=5"))
        .isEqualTo("passwordless=true token_count=5");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // a bound on hanging, not a speed requirement
  void uris_longTextWithoutSeparators_isMaskedInLinearTime() {
    String text = "OK - big | a=1 " + "x".repeat(2_000_000) + " redis://:pw@h:1";

    // Quadratic matching would take hours on two million characters; linear takes milliseconds.
    assertThat(SecretMask.uris(text)).endsWith(" redis://:****@h:1");
    assertThat(SecretMask.uris("a.b".repeat(500_000) + "=1")).hasSize(1_500_002);
  }

  @Test
  void secretsIn_findsUserInfoPasswordAndParameters() {
    assertThat(SecretMask.secretsIn("jdbc:postgresql://app:S3cret@db/orders?password=Other"))
        .containsExactly("S3cret", "Other");
    assertThat(SecretMask.secretsIn("redis://cache:6379")).isEmpty();
    assertThat(SecretMask.secretsIn("redis://user@cache:6379")).isEmpty();
    assertThat(SecretMask.secretsIn(null)).isEmpty();
  }

  @Test
  void redact_masksKnownSecretsLongestFirst() {
    String text = "login with hunter2 failed; hunter2hunter2 is also wrong";

    assertThat(SecretMask.redact(text, List.of("hunter2", "hunter2hunter2")))
        .isEqualTo("login with **** failed; **** is also wrong");
  }

  @Test
  void isSecretKey_namesThatHoldSecrets() {
    assertThat(SecretMask.isSecretKey("password")).isTrue();
    assertThat(SecretMask.isSecretKey("db-password")).isTrue();
    assertThat(SecretMask.isSecretKey("api-key")).isTrue();
    assertThat(SecretMask.isSecretKey("details-token")).isTrue();
    assertThat(SecretMask.isSecretKey("url")).isFalse();
    assertThat(SecretMask.isSecretKey("path")).isFalse();
  }
}
