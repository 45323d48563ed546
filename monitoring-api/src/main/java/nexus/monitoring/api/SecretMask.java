package nexus.monitoring.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and masks secrets in configuration values and text, so that no password reaches a log, a
 * health result or a listing.
 *
 * <p>A secret is:
 *
 * <ul>
 *   <li>the password in a URI's user info: {@code redis://:s3cret@cache:6379}, {@code
 *       jdbc:postgresql://app:s3cret@db/orders}, {@code amqp://guest:guest@broker};
 *   <li>the value of a password-like parameter in a URI or connection string: {@code password},
 *       {@code passwd}, {@code pwd}, {@code secret}, {@code token}, {@code access_token}, {@code
 *       apikey}, {@code api-key}, {@code api_key}, separated by {@code ?}, {@code &} or {@code ;};
 *   <li>the whole value of a setting whose key names a secret ({@link #isSecretKey}).
 * </ul>
 *
 * <pre>{@code
 * SecretMask.uris("jdbc:postgresql://app:s3cret@db/orders?password=x")
 *     // "jdbc:postgresql://app:****@db/orders?password=****"
 * }</pre>
 *
 * @since 1.0
 */
public final class SecretMask {
  /** What a secret is replaced with. */
  public static final String MASK = "****";

  // A scheme starts only where no scheme character precedes it, so the search is linear in the
  // length of the text: a long run of letters is scanned once, not once per starting position.
  private static final Pattern USER_INFO =
      Pattern.compile(
          "(?<![a-zA-Z0-9+.\\-])([a-zA-Z][a-zA-Z0-9+.\\-]*:(?:[a-zA-Z][a-zA-Z0-9+.\\-]*:)*//)"
              + "([^/?#\\s@]*)@");
  // A key ending in a password-like word (password, db_password, --password, api-key), then '='
  // and the value. The key starts only where no key character precedes it, for a linear search.
  private static final Pattern PARAMETER =
      Pattern.compile(
          "(?i)(?<![a-z0-9_.\\-])([a-z0-9_.\\-]*?"
              + "(?:password|passwd|pwd|secret|token|apikey|api-key|api_key)\\s*=\\s*)"
              + "([^&;,\\s'\")\\]}>]*)");
  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i).*(password|passwd|secret|token|api-?key|apikey|api_key|credential|private-key).*");

  private SecretMask() {}

  /** Whether a settings key by its name holds a secret ({@code password}, {@code api-key}, ...). */
  public static boolean isSecretKey(String key) {
    return key != null && SECRET_KEY.matcher(key).matches();
  }

  /**
   * The secrets inside one value: user-info passwords and password-like parameters, as they are
   * written (not decoded). Empty when it holds none.
   */
  public static List<String> secretsIn(String value) {
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    Set<String> secrets = new LinkedHashSet<>();
    Matcher userInfo = USER_INFO.matcher(value);
    while (userInfo.find()) {
      String info = userInfo.group(2);
      int colon = info.indexOf(':');
      if (colon >= 0 && colon < info.length() - 1) {
        secrets.add(info.substring(colon + 1));
      }
    }
    Matcher parameter = PARAMETER.matcher(value);
    while (parameter.find()) {
      if (!parameter.group(2).isEmpty()) {
        secrets.add(parameter.group(2));
      }
    }
    return List.copyOf(secrets);
  }

  /** {@code text} with every URI password and password-like parameter value masked. */
  public static String uris(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    Matcher userInfo = USER_INFO.matcher(text);
    while (userInfo.find()) {
      String info = userInfo.group(2);
      int colon = info.indexOf(':');
      String masked =
          colon >= 0 && colon < info.length() - 1 ? info.substring(0, colon + 1) + MASK : info;
      userInfo.appendReplacement(out, Matcher.quoteReplacement(userInfo.group(1) + masked + "@"));
    }
    userInfo.appendTail(out);
    StringBuilder result = new StringBuilder();
    Matcher parameter = PARAMETER.matcher(out);
    while (parameter.find()) {
      String replacement =
          parameter.group(2).isEmpty() ? parameter.group() : parameter.group(1) + MASK;
      parameter.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    parameter.appendTail(result);
    return result.toString();
  }

  /**
   * {@code text} with every occurrence of each of {@code secrets} masked, longest first so that a
   * secret containing another is masked whole, and with {@link #uris} applied as well.
   */
  public static String redact(String text, Collection<String> secrets) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<String> ordered = new ArrayList<>(secrets);
    ordered.sort(Comparator.comparingInt(String::length).reversed());
    String result = text;
    for (String secret : ordered) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret, MASK);
      }
    }
    return uris(result);
  }
}
