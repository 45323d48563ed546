package nexus.monitoring.runtime.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.Map;

/** Factory for configuration nodes that do not come from a file's text. */
public final class ConfigNodes {
  private ConfigNodes() {}

  /** An empty mapping at {@code path} of {@code file}, for an instance with no settings. */
  public static ConfigNode empty(Path file, String path) {
    return new ConfigNode(
        file, path, JsonNodeFactory.instance.objectNode(), EnvironmentSubstitution.of(Map.of()));
  }
}
