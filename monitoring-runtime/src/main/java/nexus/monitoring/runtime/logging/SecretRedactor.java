package nexus.monitoring.runtime.logging;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nexus.monitoring.api.SecretMask;

/**
 * The host-wide set of secrets found in the configuration, and the one place text is masked before
 * it leaves the host: log lines, health results, {@code /health}, {@code check} and {@code plugins}
 * output, configuration errors.
 *
 * <p>The set is process-wide because the log converters that use it are created by Logback, not by
 * the host. It only grows: masking a secret of a configuration that is no longer loaded costs
 * nothing, while forgetting one too early could leak it. Every text also goes through {@link
 * SecretMask#uris}, so a password in a URI that never was in the configuration (one a plugin built
 * itself, say) is masked as well.
 */
public final class SecretRedactor {
  /**
   * Literal secrets shorter than this are not replaced wherever they occur, because masking every
   * {@code "ab"} in a log would destroy it; such a secret is still masked inside URIs and
   * password-like parameters.
   */
  public static final int MIN_LITERAL_LENGTH = 4;

  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  private static volatile List<String> snapshot = List.of();

  private SecretRedactor() {}

  /** Adds secrets to mask from now on; blank and too short ones are ignored. */
  public static void register(Collection<String> secrets) {
    boolean added = false;
    for (String secret : secrets) {
      if (secret != null && secret.strip().length() >= MIN_LITERAL_LENGTH) {
        added |= SECRETS.add(secret);
      }
    }
    if (added) {
      synchronized (SecretRedactor.class) {
        snapshot = List.copyOf(SECRETS);
      }
    }
  }

  /** {@code text} with every registered secret and every URI password masked. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return SecretMask.redact(text, snapshot);
  }
}
