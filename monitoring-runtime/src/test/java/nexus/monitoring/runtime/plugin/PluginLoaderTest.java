package nexus.monitoring.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.spi.ToolProvider;
import nexus.monitoring.api.ApiVersion;
import nexus.monitoring.runtime.testkit.PluginJarBuilder;
import nexus.monitoring.runtime.testkit.SamplePlugins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PluginLoaderTest {
  @TempDir Path plugins;
  @TempDir Path scratch;

  private Path apiJar;
  private Path injectJar;
  private SamplePlugins samples;
  private PluginLoader loader;

  @BeforeEach
  void setUp() throws URISyntaxException {
    apiJar = locationOf(ApiVersion.class);
    injectJar = locationOf(jakarta.inject.Inject.class);
    samples = new SamplePlugins(apiJar, injectJar);
    loader =
        new PluginLoader(
            ApiVersion.class.getModule().getLayer(),
            ApiVersion.CURRENT,
            Injector.class.getModule());
  }

  static Path locationOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void load_workingPlugin_registersItsTypesFromItsOwnLayer() throws IOException {
    samples.healthCheck(plugins.resolve("good.jar"), "com.good", "good-check", "HEALTHY", "ok");

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.quarantined()).isEmpty();
    assertThat(catalog.loaded())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.id()).isEqualTo("good");
              assertThat(p.apiVersion()).isEqualTo(ApiVersion.CURRENT.toString());
              assertThat(p.modules()).singleElement().asString().startsWith("com.good");
            });
    Contribution type = catalog.type(PluginKind.HEALTH_CHECK, "good-check").orElseThrow();
    assertThat(type.implementation().getModule().getLayer())
        .isNotSameAs(ApiVersion.class.getModule().getLayer());
  }

  @Test
  void load_corruptJar_isQuarantinedNamingTheFile() throws IOException {
    Files.write(plugins.resolve("corrupt.jar"), new byte[] {1, 2, 3, 4, 5});

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.loaded()).isEmpty();
    assertThat(catalog.quarantined("corrupt").orElseThrow().reason())
        .startsWith("corrupt.jar is not a readable jar");
  }

  @Test
  void load_missingDependency_isQuarantinedNamingTheModule() throws IOException {
    samples.missingDependency(
        plugins.resolve("needy.jar"), scratch.resolve("absent.jar"), "com.needy", "needy");

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.quarantined("needy").orElseThrow().reason())
        .contains("do not resolve")
        .contains("com.example.absent")
        .contains("com.needy");
  }

  @Test
  void load_splitPackageInPluginFolder_namesBothJarsAndThePackage() throws IOException {
    Path folder = Files.createDirectories(plugins.resolve("split"));
    samples.healthCheck(folder.resolve("a-main.jar"), "com.split", "split", "HEALTHY", "ok");
    new PluginJarBuilder("com.split.extra")
        .moduleInfo("module com.split.extra { }")
        .source("com.split.Extra", "package com.split; public class Extra {}")
        .build(folder.resolve("b-extra.jar"));

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.quarantined("split").orElseThrow().reason())
        .isEqualTo(
            "split package com.split: it is in both a-main.jar (module com.split) and b-extra.jar"
                + " (module com.split.extra); keep one of the jars");
  }

  @Test
  void load_duplicateTypeName_quarantinesTheLaterPluginNamingTheFirst() throws IOException {
    samples.healthCheck(plugins.resolve("a-first.jar"), "com.first", "same", "HEALTHY", "ok");
    samples.healthCheck(plugins.resolve("b-second.jar"), "com.second", "same", "HEALTHY", "ok");

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.loaded()).extracting(LoadedPlugin::id).containsExactly("a-first");
    assertThat(catalog.quarantined("b-second").orElseThrow().reason())
        .startsWith("duplicate health check type 'same': already provided by plugin 'a-first'")
        .contains("com.first.SampleCheck")
        .contains("com.second.SampleCheck");
  }

  @Test
  void load_pluginBuiltForNewerMajorApi_isRefusedBeforeLoading() throws IOException {
    Path futureApi = scratch.resolve("api-2.jar");
    Files.copy(apiJar.toString().endsWith(".jar") ? apiJar : jarOf(apiJar), futureApi);
    int exit =
        ToolProvider.findFirst("jar")
            .orElseThrow()
            .run(
                System.out,
                System.err,
                "--update",
                "--file",
                futureApi.toString(),
                "--module-version",
                "2.0.0");
    assertThat(exit).isZero();
    new SamplePlugins(futureApi, injectJar)
        .healthCheck(plugins.resolve("future.jar"), "com.future", "future", "HEALTHY", "ok");

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.quarantined("future").orElseThrow().reason())
        .startsWith(
            "built for monitoring API 2.0 but this host provides API " + ApiVersion.CURRENT);
  }

  @Test
  void load_manifestDeclaresNewerMinorApi_isRefused() throws IOException {
    samples
        .base("com.minor")
        .manifestAttribute(ApiVersion.MANIFEST_ATTRIBUTE, ApiVersion.CURRENT.major() + ".99")
        .source("com.minor.SamplePlugin", pluginSource("com.minor"))
        .build(plugins.resolve("minor.jar"));

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.quarantined("minor").orElseThrow().reason())
        .startsWith("built for monitoring API " + ApiVersion.CURRENT.major() + ".99 but");
  }

  @Test
  void load_pluginBundlingTheApi_isRefusedWithTheReason() throws IOException {
    Path folder = Files.createDirectories(plugins.resolve("bundler"));
    samples.healthCheck(folder.resolve("bundler.jar"), "com.bundler", "bundler", "HEALTHY", "ok");
    Files.copy(
        apiJar.toString().endsWith(".jar") ? apiJar : jarOf(apiJar),
        folder.resolve("monitoring-api.jar"));

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.quarantined("bundler").orElseThrow().reason())
        .startsWith("bundles its own copy of module nexus.monitoring.api (monitoring-api.jar)");
  }

  @Test
  void load_pluginRequiringJavaxInject_isToldToUseJakarta() throws IOException {
    Path folder = Files.createDirectories(plugins.resolve("legacy"));
    Path javax =
        new PluginJarBuilder("javax.inject")
            .moduleInfo("module javax.inject { exports javax.inject; }")
            .source(
                "javax.inject.Inject",
                "package javax.inject; @java.lang.annotation.Retention("
                    + "java.lang.annotation.RetentionPolicy.RUNTIME) public @interface Inject {}")
            .build(folder.resolve("javax.inject.jar"));
    samples
        .withCheckBody(
            "com.legacy",
            "legacy",
            "  @javax.inject.Inject SampleCheck() {}\n"
                + "  public HealthCheckResult check() { return HealthCheckResult.healthy(\"\"); }\n")
        .modulePath(javax)
        .moduleInfo(
            "module com.legacy { requires nexus.monitoring.api; requires javax.inject; provides"
                + " nexus.monitoring.api.spi.MonitoringPlugin with com.legacy.SamplePlugin; }")
        .build(folder.resolve("legacy.jar"));

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.quarantined("legacy").orElseThrow().reason())
        .contains("requires javax.inject")
        .contains("use jakarta.inject");
  }

  @Test
  void load_jarWithoutPluginProvider_isQuarantinedSayingWhatToAdd() throws IOException {
    new PluginJarBuilder("com.empty")
        .modulePath(apiJar, injectJar)
        .moduleInfo("module com.empty { requires nexus.monitoring.api; }")
        .source("com.empty.Nothing", "package com.empty; public class Nothing {}")
        .build(plugins.resolve("empty.jar"));

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.quarantined("empty").orElseThrow().reason())
        .startsWith("no module in it provides nexus.monitoring.api.spi.MonitoringPlugin")
        .contains("provides nexus.monitoring.api.spi.MonitoringPlugin with ...");
  }

  @Test
  void load_registerThatThrows_quarantinesOnlyThatPlugin() throws IOException {
    samples
        .base("com.thrower")
        .source(
            "com.thrower.SamplePlugin",
            "package com.thrower; public final class SamplePlugin implements"
                + " nexus.monitoring.api.spi.MonitoringPlugin { public void register("
                + "nexus.monitoring.api.spi.PluginRegistry r) { throw new"
                + " IllegalStateException(\"no registry today\"); } }")
        .build(plugins.resolve("thrower.jar"));
    samples.healthCheck(plugins.resolve("zz-good.jar"), "com.good", "good", "HEALTHY", "ok");

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.quarantined("thrower").orElseThrow().reason())
        .isEqualTo(
            "com.thrower.SamplePlugin.register threw IllegalStateException: no registry today");
    assertThat(catalog.loaded()).extracting(LoadedPlugin::id).containsExactly("zz-good");
  }

  @Test
  void load_fileNameWithControlCharacters_getsAPrintableId() throws IOException {
    Files.write(plugins.resolve("line\nbreak.jar"), new byte[] {'P', 'K', 3});

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.quarantined())
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.id()).isEqualTo("line?break");
              assertThat(q.reason()).doesNotContain("\n");
            });
  }

  @Test
  void load_twoVersionsOfOneLibraryInAFolder_areRefusedNamingBoth() throws IOException {
    Path folder = Files.createDirectories(plugins.resolve("twolibs"));
    samples.healthCheck(folder.resolve("main.jar"), "com.twolibs", "twolibs", "HEALTHY", "ok");
    for (String version : new String[] {"3.7", "3.18.0"}) {
      new PluginJarBuilder("org.example.lang")
          .moduleInfo("module org.example.lang { exports org.example.lang; }")
          .moduleVersion(version)
          .source("org.example.lang.Strings", "package org.example.lang; public class Strings {}")
          .build(folder.resolve("lang-" + version + ".jar"));
    }

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.quarantined("twolibs").orElseThrow().reason())
        .isEqualTo(
            "two copies of module org.example.lang: lang-3.18.0.jar (3.18.0) and lang-3.7.jar"
                + " (3.7); keep one of the jars");
  }

  @Test
  void load_upperCaseJarSuffix_isQuarantinedSayingToRenameIt() throws IOException {
    samples.healthCheck(plugins.resolve("LOUD.JAR"), "com.loud", "loud", "HEALTHY", "ok");

    PluginCatalog catalog = loader.load(plugins);

    assertThat(catalog.quarantined("LOUD").orElseThrow().reason())
        .isEqualTo(
            "LOUD.JAR does not end in lowercase .jar, the only suffix the JDK reads as a module"
                + " jar; rename it");
  }

  @Test
  void load_missingDirectory_holdsNoPlugins() {
    PluginCatalog catalog = loader.load(plugins.resolve("absent"));

    assertThat(catalog.loaded()).isEmpty();
    assertThat(catalog.quarantined()).isEmpty();
  }

  private static String pluginSource(String pkg) {
    return "package "
        + pkg
        + "; public final class SamplePlugin implements"
        + " nexus.monitoring.api.spi.MonitoringPlugin { public void register("
        + "nexus.monitoring.api.spi.PluginRegistry r) { } }";
  }

  /** Packs an exploded module directory (the reactor's target/classes) into a jar. */
  private Path jarOf(Path classes) throws IOException {
    Path jar = scratch.resolve("packed-" + classes.getFileName() + ".jar");
    int exit =
        ToolProvider.findFirst("jar")
            .orElseThrow()
            .run(
                System.out,
                System.err,
                "--create",
                "--file",
                jar.toString(),
                "-C",
                classes.toString(),
                ".");
    if (exit != 0) {
      throw new IllegalStateException("jar failed for " + classes);
    }
    return jar;
  }
}
