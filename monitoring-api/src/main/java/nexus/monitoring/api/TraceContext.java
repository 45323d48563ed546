package nexus.monitoring.api;

import java.util.Locale;

/**
 * The OpenTelemetry trace a sample was recorded in, kept as an exemplar so a dashboard can jump
 * from a slow bucket to the trace behind it.
 *
 * @param traceId 32 lowercase hex characters, not all zero
 * @param spanId 16 lowercase hex characters, not all zero
 * @since 1.0
 */
public record TraceContext(String traceId, String spanId) {
  /**
   * @throws InvalidMetricException when either id has the wrong length, a non-hex character, or is
   *     all zeros (the W3C trace-context "invalid" value)
   */
  public TraceContext {
    traceId = requireHex("trace id", traceId, 32);
    spanId = requireHex("span id", spanId, 16);
  }

  private static String requireHex(String field, String value, int length) {
    if (value == null) {
      throw new InvalidMetricException(field + " must not be null");
    }
    String lower = value.toLowerCase(Locale.ROOT);
    boolean allZero = true;
    boolean hex = lower.length() == length;
    for (int i = 0; hex && i < lower.length(); i++) {
      char c = lower.charAt(i);
      hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      allZero &= c == '0';
    }
    if (!hex || allZero) {
      throw new InvalidMetricException(
          field
              + " '"
              + value
              + "' is invalid: expected "
              + length
              + " hex characters, not all zero");
    }
    return lower;
  }
}
