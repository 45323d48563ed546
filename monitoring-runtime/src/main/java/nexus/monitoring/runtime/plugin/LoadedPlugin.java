package nexus.monitoring.runtime.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * A plugin whose layer resolved and whose entry point registered its types.
 *
 * @param id the plugin's name: its jar's name without {@code .jar}, or its folder's name
 * @param source the jar or folder it was loaded from
 * @param modules the modules of its layer, {@code name@version}
 * @param apiVersion the API version it declared, or {@code "undeclared"}
 * @param layer the layer its classes live in
 * @param contributions the types it contributes
 */
public record LoadedPlugin(
    String id,
    Path source,
    List<String> modules,
    String apiVersion,
    ModuleLayer layer,
    List<Contribution> contributions) {}
