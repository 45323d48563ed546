package nexus.monitoring.api;

/**
 * The version of this contract, {@code MAJOR.MINOR}.
 *
 * <p>A plugin declares the version it was built against, either automatically (javac records the
 * version of {@code nexus.monitoring.api} in the plugin's module descriptor) or with the manifest
 * attribute {@value #MANIFEST_ATTRIBUTE}. The host loads a plugin only when it is {@linkplain
 * #accepts compatible}: same major version, minor version not newer than the host's.
 *
 * @since 1.0
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
  /** The version of the API this host and its plugins share. */
  public static final ApiVersion CURRENT = new ApiVersion(1, 0);

  /** Jar manifest attribute a plugin may use to declare the API version it was built against. */
  public static final String MANIFEST_ATTRIBUTE = "Nexus-Monitoring-Api-Version";

  /**
   * @throws IllegalArgumentException when a part is negative
   */
  public ApiVersion {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException(
          "API version " + major + "." + minor + " has a negative part");
    }
  }

  /**
   * Parses {@code MAJOR.MINOR}, ignoring any further parts ({@code 1.0.3} is 1.0).
   *
   * @throws IllegalArgumentException naming the text when it is not a version
   */
  public static ApiVersion parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("[.\\-+]");
    try {
      if (parts.length >= 2) {
        return new ApiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      }
      if (parts.length == 1) {
        return new ApiVersion(Integer.parseInt(parts[0]), 0);
      }
    } catch (NumberFormatException e) {
      // falls through to the message below, which quotes the text
    }
    throw new IllegalArgumentException(
        "API version '" + text + "' is not of the form MAJOR.MINOR, such as 1.0");
  }

  /** Whether a host of this version can load a plugin built against {@code pluginVersion}. */
  public boolean accepts(ApiVersion pluginVersion) {
    return pluginVersion.major == major && pluginVersion.minor <= minor;
  }

  @Override
  public int compareTo(ApiVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
