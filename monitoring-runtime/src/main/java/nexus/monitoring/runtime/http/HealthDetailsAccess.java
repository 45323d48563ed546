package nexus.monitoring.runtime.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import nexus.monitoring.runtime.config.HostConfig.DetailsVisibility;

/**
 * Decides whether a request to {@code /health} sees messages and observed values, per {@code
 * health.details}. Probes and {@code /healthz} never show them, whoever asks.
 */
public final class HealthDetailsAccess {
  /** What a request is allowed. */
  enum Decision {
    DETAILS,
    STATUS_ONLY,
    /** It sent a token, and the token is wrong. */
    REFUSED
  }

  private static final String BEARER = "Bearer ";

  private final DetailsVisibility visibility;
  private final byte[] token;

  /**
   * @param token the token {@code authorized} compares with; ignored otherwise
   */
  public HealthDetailsAccess(DetailsVisibility visibility, String token) {
    if (visibility == DetailsVisibility.AUTHORIZED && (token == null || token.isBlank())) {
      throw new IllegalArgumentException("health.details authorized needs a details token");
    }
    this.visibility = visibility;
    this.token = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
  }

  /** Details for everyone. */
  public static HealthDetailsAccess always() {
    return new HealthDetailsAccess(DetailsVisibility.ALWAYS, null);
  }

  Decision decide(String authorization) {
    return switch (visibility) {
      case ALWAYS -> Decision.DETAILS;
      case NEVER -> Decision.STATUS_ONLY;
      case AUTHORIZED -> {
        if (authorization == null || authorization.isBlank()) {
          yield Decision.STATUS_ONLY;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
          yield Decision.REFUSED;
        }
        byte[] offered =
            authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        // Constant time, so the response time does not reveal how much of the token matched.
        yield MessageDigest.isEqual(offered, token) ? Decision.DETAILS : Decision.REFUSED;
      }
    };
  }
}
