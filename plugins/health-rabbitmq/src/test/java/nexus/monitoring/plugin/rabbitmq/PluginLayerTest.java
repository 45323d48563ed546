package nexus.monitoring.plugin.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.Configuration;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import nexus.monitoring.testkit.PluginFolder;
import nexus.monitoring.testkit.PluginLayers;
import nexus.monitoring.testkit.RequiredServers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the plugin folder the way the host does: every jar in it a root module of one layer, with
 * one class loader, above a layer holding what the host's {@code lib/} gives plugins (the API,
 * {@code jakarta.inject}, SLF4J). The RabbitMQ client is an automatic module there, so a split
 * package, a missing module or a class the client needs at run time (Netty, left out on purpose)
 * shows up here.
 *
 * <p>Runs on the class path (see the {@code plugin-layer} execution in the pom): the JVM's boot
 * layer then holds the JDK alone, as the host's would hold no RabbitMQ client. The API classes of
 * the layers built here are not the test's, hence the reflection.
 */
final class PluginLayerTest {
  private static final String PLUGIN_MODULE = "nexus.monitoring.plugin.rabbitmq";
  private static final String API_MODULE = "nexus.monitoring.api";

  @BeforeAll
  static void onTheClassPath() {
    Assumptions.assumeFalse(
        PluginLayerTest.class.getModule().isNamed(),
        "runs in the plugin-layer execution, on the class path: on the module path the JVM's boot"
            + " layer already holds the RabbitMQ client, and a second copy in a child layer cannot be read");
  }

  @Test
  void pluginFolder_holdsTheClientAloneAndNothingTheHostProvides() {
    assertThat(folder().moduleNames())
        .containsExactlyInAnyOrder(PLUGIN_MODULE, "com.rabbitmq.client");
  }

  @Test
  void pluginFolder_hasNoPackageInTwoJars() {
    assertThat(folder().splitPackages()).isEmpty();
  }

  @Test
  void pluginFolder_resolvesAgainstWhatTheHostResolves() {
    // The host starts with --add-modules java.se,jdk.management and its lib/ on the module path.
    Configuration host =
        PluginLayers.hostConfiguration(
            PluginLayers.pathsIn("host.module.jars"),
            Set.of("java.se", "jdk.management", API_MODULE, "org.slf4j"));

    Configuration plugin = folder().resolve(host);

    assertThat(plugin.modules())
        .map(ResolvedModule::name)
        .containsExactlyInAnyOrderElementsOf(folder().moduleNames());
  }

  @Test
  void pluginInItsOwnLayer_probesTheRealBroker() throws Exception {
    RequiredServers.require(
        "RabbitMQ", RabbitCheckTest.RABBITMQ_HOST, RabbitCheckTest.RABBITMQ_PORT);
    ModuleLayer hostLayer =
        PluginLayers.hostLayerWithKit(
            PluginLayers.pathsIn("host.module.jars"), Set.of(API_MODULE, "org.slf4j"));
    ModuleLayer.Controller controller = folder().load(hostLayer);
    ModuleLayer layer = controller.layer();
    Module plugin = PluginLayers.openPackages(controller, PLUGIN_MODULE);

    Class<?> checkType = PluginLayers.registeredTypes(layer).get("health-check:queue");
    assertThat(checkType.getModule()).isSameAs(plugin);

    // A missing queue takes the client through a channel closed by the broker, too.
    String missing = "nexus-test-missing-" + java.util.UUID.randomUUID();
    Object check =
        PluginLayers.newInstance(
            checkType,
            PluginLayers.settings(
                hostLayer, "uri", "amqp://guest:guest@127.0.0.1:5672", "queues", missing));
    Object result =
        hostLayer
            .findLoader(API_MODULE)
            .loadClass("nexus.monitoring.api.spi.HealthCheck")
            .getMethod("check")
            .invoke(check);

    assertThat(call(result, "status")).hasToString("CRITICAL");
    assertThat((String) call(result, "message"))
        .contains("(RabbitMQ ")
        .contains("queue '" + missing + "' does not exist in virtual host '/'");
    Map<?, ?> details = (Map<?, ?>) call(result, "details");
    assertThat(details.get("broker.product")).isEqualTo("RabbitMQ");
    // The client runs from the plugin's layer and logs through the host's SLF4J.
    assertThat(layer.findModule("com.rabbitmq.client").orElseThrow().getLayer()).isSameAs(layer);
    assertThat(layer.findModule("org.slf4j").orElseThrow().getLayer()).isSameAs(hostLayer);
  }

  /** The plugin's classes and its runtime-scope jars: what ships in plugins/health-rabbitmq/. */
  private static PluginFolder folder() {
    return PluginFolder.of(PluginLayers.pathsIn("plugin.folder.jars"))
        .with(PluginLayers.pathsIn("plugin.classes").get(0));
  }

  private static Object call(Object target, String method) throws Exception {
    Method accessor = target.getClass().getMethod(method);
    return accessor.invoke(target);
  }
}
