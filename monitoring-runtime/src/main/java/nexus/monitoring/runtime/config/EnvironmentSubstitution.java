package nexus.monitoring.runtime.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nexus.monitoring.api.SecretMask;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in configuration values with environment
 * variables. {@code $$} stands for a literal {@code $}.
 *
 * <p>Substitution happens on scalar values after YAML parsing, so a variable can never inject
 * structure into the file.
 */
final class EnvironmentSubstitution {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?}");
  private final Function<String, String> environment;

  EnvironmentSubstitution(Function<String, String> environment) {
    this.environment = environment;
  }

  static EnvironmentSubstitution of(Map<String, String> environment) {
    return new EnvironmentSubstitution(environment::get);
  }

  /**
   * @param location where the value came from, for the error message
   * @throws IllegalArgumentException naming the variable when it is unset and has no default, or
   *     when a reference is not closed
   */
  String substitute(String value, String location) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c != '$' || i + 1 >= value.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = value.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      if (next != '{') {
        out.append(c);
        i++;
        continue;
      }
      int end = value.indexOf('}', i + 2);
      if (end < 0) {
        throw new IllegalArgumentException(
            location + ": '" + value + "' has an unclosed ${ at index " + i);
      }
      String reference = value.substring(i + 2, end);
      int defaultAt = reference.indexOf(":-");
      String name = defaultAt < 0 ? reference : reference.substring(0, defaultAt);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException(
            location
                + ": '${"
                + reference
                + "}' does not name an environment variable (expected letters, digits and _)");
      }
      String resolved = environment.apply(name);
      if (resolved == null || (defaultAt >= 0 && resolved.isEmpty())) {
        if (defaultAt < 0) {
          throw new IllegalArgumentException(
              location
                  + ": environment variable "
                  + name
                  + " is not set (write ${"
                  + name
                  + ":-default} to give a default)");
        }
        resolved = reference.substring(defaultAt + 2);
      }
      out.append(resolved);
      i = end + 1;
    }
    return out.toString();
  }

  /**
   * The values of the variables {@code value} refers to whose names say they hold a secret ({@code
   * ${DB_PASSWORD}}, {@code ${API_TOKEN}}), so that they are masked wherever they end up, even in a
   * setting that does not look secret, such as a command's arguments.
   */
  Set<String> secretReferences(String value) {
    Set<String> secrets = new LinkedHashSet<>();
    Matcher reference = REFERENCE.matcher(value);
    while (reference.find()) {
      String name = reference.group(1);
      String resolved = environment.apply(name);
      if (SecretMask.isSecretKey(name) && resolved != null && !resolved.isEmpty()) {
        secrets.add(resolved);
      }
    }
    return secrets;
  }
}
