package nexus.monitoring.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One alert notification, as an {@link nexus.monitoring.api.spi.AlertGateway} receives it: which
 * alert, how severe, whether it fires or has resolved, what identifies it, and what a human needs
 * to act on it.
 *
 * <p>Immutable and validated on construction. The {@linkplain #fingerprint() fingerprint}
 * identifies one alert across its firing and resolved notifications and across hosts; the builder
 * derives it from tenant, name and labels (see {@link #fingerprintOf}) unless one is given.
 *
 * <pre>{@code
 * AlertContext alert = AlertContext.builder("HighErrorRate", AlertSeverity.CRITICAL)
 *     .label("service", "checkout")
 *     .summary("5xx ratio 7.2% over 5m, threshold 5%")
 *     .value(0.072)
 *     .startsAt(firstBreach)
 *     .build();
 * // ... later, when the condition clears:
 * gateway.send(alert.resolve(Instant.now()));
 * }</pre>
 *
 * @param name the alert rule's name; 1 to 200 characters, not blank, no control characters
 * @param severity how urgent the alert is
 * @param status firing or resolved
 * @param fingerprint identifies this alert for deduplication; 1 to 128 characters of ASCII letters,
 *     digits, {@code _}, {@code -}, {@code .} and {@code :}
 * @param labels identifying dimensions, keys following {@link MetricNames}, sorted by key
 * @param annotations descriptive texts (runbook URL, description), keys following {@link
 *     MetricNames}, in insertion order; not part of the fingerprint
 * @param summary one line for humans; never null, may be empty
 * @param value the observed value that triggered the alert, or {@code NaN} when the alert has no
 *     numeric value (one raised from a health check, say); never infinite
 * @param startsAt when the condition began to hold; not before the epoch
 * @param endsAt when it cleared: {@code null} while firing, required and not before {@code
 *     startsAt} once resolved
 * @param tenant follows {@link Tenants}
 * @since 1.0
 */
public record AlertContext(
    String name,
    AlertSeverity severity,
    AlertStatus status,
    String fingerprint,
    Map<String, String> labels,
    Map<String, String> annotations,
    String summary,
    double value,
    Instant startsAt,
    Instant endsAt,
    String tenant) {

  /** Longest accepted alert name, in characters. */
  public static final int MAX_NAME_LENGTH = 200;

  /** Longest accepted fingerprint, in characters. */
  public static final int MAX_FINGERPRINT_LENGTH = 128;

  /**
   * @throws InvalidMetricException naming the field and the value when any component is invalid
   */
  public AlertContext {
    requireName(name);
    if (severity == null) {
      throw new InvalidMetricException("alert '" + name + "' has no severity");
    }
    if (status == null) {
      throw new InvalidMetricException("alert '" + name + "' has no status");
    }
    requireFingerprint(name, fingerprint);
    labels = copyOf(name, "label", labels, new TreeMap<>());
    annotations = copyOf(name, "annotation", annotations, new LinkedHashMap<>());
    if (summary == null) {
      throw new InvalidMetricException(
          "alert '" + name + "' has a null summary (use \"\" for none)");
    }
    if (Double.isInfinite(value)) {
      throw new InvalidMetricException(
          "alert '" + name + "' has value " + value + "; expected a finite number or NaN for none");
    }
    if (startsAt == null) {
      throw new InvalidMetricException("alert '" + name + "' has no startsAt");
    }
    if (startsAt.isBefore(Instant.EPOCH)) {
      throw new InvalidMetricException(
          "alert '" + name + "' has startsAt " + startsAt + " before 1970-01-01T00:00:00Z");
    }
    requireEnd(name, status, startsAt, endsAt);
    Tenants.requireValid(tenant);
  }

  /** Starts a firing alert of {@code name} and {@code severity}, starting now, default tenant. */
  public static Builder builder(String name, AlertSeverity severity) {
    return new Builder(name, severity);
  }

  /**
   * The fingerprint the builder derives: 16 lowercase hex characters of a SHA-256 digest over
   * tenant, name and the sorted labels. The same inputs give the same fingerprint on every host and
   * in every version 1.x of this API.
   *
   * @throws InvalidMetricException when a label key or value is null
   */
  public static String fingerprintOf(String tenant, String name, Map<String, String> labels) {
    StringBuilder canonical = new StringBuilder();
    appendEscaped(canonical, String.valueOf(tenant)).append('\n');
    appendEscaped(canonical, String.valueOf(name)).append('\n');
    for (Map.Entry<String, String> label :
        copyOf(name, "label", labels, new TreeMap<>()).entrySet()) {
      appendEscaped(canonical, label.getKey()).append('=');
      appendEscaped(canonical, label.getValue()).append('\n');
    }
    byte[] digest = sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 8);
  }

  /** Whether the alert fires now. */
  public boolean isFiring() {
    return status == AlertStatus.FIRING;
  }

  /** Whether the alert carries an observed value, that is, {@code value()} is not {@code NaN}. */
  public boolean hasValue() {
    return !Double.isNaN(value);
  }

  /** When the alert ended; empty while it fires. */
  public Optional<Instant> ends() {
    return Optional.ofNullable(endsAt);
  }

  /**
   * The resolved notification of this alert: same fingerprint, labels and annotations, status
   * {@link AlertStatus#RESOLVED}, ending at {@code endsAt}.
   *
   * @throws InvalidMetricException when {@code endsAt} is null or before {@link #startsAt()}
   */
  public AlertContext resolve(Instant endsAt) {
    return new AlertContext(
        name,
        severity,
        AlertStatus.RESOLVED,
        fingerprint,
        labels,
        annotations,
        summary,
        value,
        startsAt,
        endsAt,
        tenant);
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new InvalidMetricException(
          "alert name '"
              + name
              + "' is invalid: expected 1 to "
              + MAX_NAME_LENGTH
              + " characters, not blank");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new InvalidMetricException(
            "alert name '"
                + name
                + "' is invalid: control character U+"
                + String.format("%04X", (int) name.charAt(i))
                + " at index "
                + i);
      }
    }
  }

  private static void requireFingerprint(String name, String fingerprint) {
    boolean ok =
        fingerprint != null
            && !fingerprint.isEmpty()
            && fingerprint.length() <= MAX_FINGERPRINT_LENGTH;
    for (int i = 0; ok && i < fingerprint.length(); i++) {
      char c = fingerprint.charAt(i);
      ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '.'
              || c == ':';
    }
    if (!ok) {
      throw new InvalidMetricException(
          "alert '"
              + name
              + "' has fingerprint '"
              + fingerprint
              + "'; expected 1 to "
              + MAX_FINGERPRINT_LENGTH
              + " ASCII letters, digits, '_', '-', '.' or ':'");
    }
  }

  private static void requireEnd(
      String name, AlertStatus status, Instant startsAt, Instant endsAt) {
    if (status == AlertStatus.FIRING && endsAt != null) {
      throw new InvalidMetricException(
          "alert '" + name + "' is FIRING but has endsAt " + endsAt + "; expected none");
    }
    if (status == AlertStatus.RESOLVED && endsAt == null) {
      throw new InvalidMetricException(
          "alert '" + name + "' is RESOLVED but has no endsAt; expected the time it cleared");
    }
    if (endsAt != null && endsAt.isBefore(startsAt)) {
      throw new InvalidMetricException(
          "alert '"
              + name
              + "' has endsAt "
              + endsAt
              + " before startsAt "
              + startsAt
              + "; expected endsAt at or after startsAt");
    }
  }

  private static Map<String, String> copyOf(
      String alert, String field, Map<String, String> entries, Map<String, String> target) {
    if (entries == null) {
      throw new InvalidMetricException(
          "alert '" + alert + "' has null " + field + "s; pass an empty map instead");
    }
    for (Map.Entry<String, String> e : entries.entrySet()) {
      MetricNames.requireValid("alert '" + alert + "' " + field + " key", e.getKey());
      if (e.getValue() == null) {
        throw new InvalidMetricException(
            "alert '" + alert + "' " + field + " '" + e.getKey() + "' has a null value");
      }
      target.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(target);
  }

  private static StringBuilder appendEscaped(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == '=' || c == '\n') {
        out.append('\\');
      }
      out.append(c);
    }
    return out;
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest's documented requirement).
      throw new IllegalStateException("SHA-256 is not available on this JVM", e);
    }
  }

  /**
   * Collects the parts of an {@link AlertContext}; validation happens in {@link #build()}. Starts
   * firing, now, for the default tenant, with no value, labels, annotations or summary.
   */
  public static final class Builder {
    private final String name;
    private final AlertSeverity severity;
    private AlertStatus status = AlertStatus.FIRING;
    private String fingerprint;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private String summary = "";
    private double value = Double.NaN;
    private Instant startsAt = Instant.now();
    private Instant endsAt;
    private String tenant = Tenants.DEFAULT;

    private Builder(String name, AlertSeverity severity) {
      this.name = name;
      this.severity = severity;
    }

    /** Adds an identifying label; it becomes part of the derived fingerprint. */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /** Adds identifying labels; they become part of the derived fingerprint. */
    public Builder labels(Map<String, String> labels) {
      this.labels.putAll(labels);
      return this;
    }

    /** Adds a descriptive text, such as {@code runbook_url}. */
    public Builder annotation(String key, String value) {
      annotations.put(key, value);
      return this;
    }

    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    public Builder value(double value) {
      this.value = value;
      return this;
    }

    public Builder startsAt(Instant startsAt) {
      this.startsAt = startsAt;
      return this;
    }

    /** Marks the alert resolved at {@code endsAt}. */
    public Builder resolvedAt(Instant endsAt) {
      this.status = AlertStatus.RESOLVED;
      this.endsAt = endsAt;
      return this;
    }

    public Builder tenant(String tenant) {
      this.tenant = tenant;
      return this;
    }

    /** Uses {@code fingerprint} instead of the one derived from tenant, name and labels. */
    public Builder fingerprint(String fingerprint) {
      this.fingerprint = fingerprint;
      return this;
    }

    /**
     * @throws InvalidMetricException when any part is invalid
     */
    public AlertContext build() {
      String print = fingerprint;
      if (print == null) {
        requireName(name);
        print = fingerprintOf(tenant, name, labels);
      }
      return new AlertContext(
          name,
          severity,
          status,
          print,
          labels,
          annotations,
          summary,
          value,
          startsAt,
          endsAt,
          tenant);
    }
  }
}
