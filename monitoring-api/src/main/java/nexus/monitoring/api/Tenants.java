package nexus.monitoring.api;

/**
 * The rule for tenant identifiers: 1 to 64 characters of ASCII letters, digits, {@code _}, {@code
 * -} and {@code .}.
 *
 * @since 1.0
 */
public final class Tenants {
  /** The tenant of data recorded without a tenant context. */
  public static final String DEFAULT = "default";

  private Tenants() {}

  /**
   * Returns {@code tenant} when it follows the rule.
   *
   * @throws InvalidMetricException naming the value and the rule
   */
  public static String requireValid(String tenant) {
    if (tenant == null || tenant.isEmpty() || tenant.length() > 64) {
      throw new InvalidMetricException(
          "tenant '" + tenant + "' is invalid: expected 1 to 64 characters");
    }
    for (int i = 0; i < tenant.length(); i++) {
      char c = tenant.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '.';
      if (!ok) {
        throw new InvalidMetricException(
            "tenant '"
                + tenant
                + "' is invalid: character '"
                + c
                + "' at index "
                + i
                + " is not an ASCII letter, digit, '_', '-' or '.'");
      }
    }
    return tenant;
  }
}
