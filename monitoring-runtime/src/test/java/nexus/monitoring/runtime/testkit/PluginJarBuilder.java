package nexus.monitoring.runtime.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Assembles a plugin jar in a test: compiles Java sources (including {@code module-info.java})
 * against a module path that holds only what a plugin author has, and packs the classes.
 *
 * <pre>{@code
 * Path jar = new PluginJarBuilder("com.acme.check")
 *     .modulePath(apiJar, jakartaInjectJar)
 *     .moduleInfo("module com.acme.check { requires nexus.monitoring.api;"
 *         + " provides nexus.monitoring.api.spi.MonitoringPlugin with com.acme.AcmePlugin; }")
 *     .source("com.acme.AcmePlugin", "package com.acme; ...")
 *     .build(pluginsDir.resolve("acme.jar"));
 * }</pre>
 */
public final class PluginJarBuilder {
  private final String moduleName;
  private final List<Path> modulePath = new ArrayList<>();
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, String> manifest = new LinkedHashMap<>();
  private final Map<String, byte[]> resources = new LinkedHashMap<>();
  private String moduleInfo;
  private String moduleVersion;

  public PluginJarBuilder(String moduleName) {
    this.moduleName = moduleName;
  }

  /** Jars and directories to compile against. */
  public PluginJarBuilder modulePath(Path... entries) {
    modulePath.addAll(List.of(entries));
    return this;
  }

  /** The module declaration; without one the jar becomes an automatic module. */
  public PluginJarBuilder moduleInfo(String declaration) {
    this.moduleInfo = declaration;
    return this;
  }

  /** A class by its binary name, such as {@code com.acme.AcmeCheck}. */
  public PluginJarBuilder source(String className, String code) {
    sources.put(className, code);
    return this;
  }

  /** A main manifest attribute. */
  public PluginJarBuilder manifestAttribute(String name, String value) {
    manifest.put(name, value);
    return this;
  }

  /** A file in the jar, such as {@code META-INF/services/...}. */
  public PluginJarBuilder resource(String path, String content) {
    resources.put(path, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** The version javac records for the module. */
  public PluginJarBuilder moduleVersion(String version) {
    this.moduleVersion = version;
    return this;
  }

  /**
   * Compiles and writes the jar.
   *
   * @throws IllegalStateException with javac's diagnostics when compilation fails
   */
  public Path build(Path jar) throws IOException {
    Path work = Files.createTempDirectory("plugin-src-" + moduleName);
    Path src = work.resolve("src");
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    List<String> files = new ArrayList<>();
    if (moduleInfo != null) {
      files.add(write(src.resolve("module-info.java"), moduleInfo).toString());
    }
    for (Map.Entry<String, String> s : sources.entrySet()) {
      Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
      files.add(write(file, s.getValue()).toString());
    }

    List<String> options = new ArrayList<>(List.of("--release", "21", "-d", classes.toString()));
    if (!modulePath.isEmpty()) {
      String path =
          String.join(java.io.File.pathSeparator, modulePath.stream().map(Path::toString).toList());
      options.addAll(List.of(moduleInfo != null ? "--module-path" : "--class-path", path));
    }
    if (moduleVersion != null && moduleInfo != null) {
      options.addAll(List.of("--module-version", moduleVersion));
    }
    options.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("tests need a JDK (javax.tools), not a JRE");
    }
    StringWriter diagnostics = new StringWriter();
    int exit =
        javac.run(
            null,
            new java.io.PrintStream(OutputStream.nullOutputStream()),
            new java.io.PrintStream(new WriterStream(diagnostics), true, StandardCharsets.UTF_8),
            options.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException(
          "plugin " + moduleName + " does not compile:\n" + diagnostics);
    }
    for (Map.Entry<String, byte[]> r : resources.entrySet()) {
      Path file = classes.resolve(r.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, r.getValue());
    }
    pack(classes, jar);
    deleteRecursively(work);
    return jar;
  }

  private void pack(Path classes, Path jar) throws IOException {
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((k, v) -> mf.getMainAttributes().put(new Attributes.Name(k), v));
    Files.createDirectories(jar.toAbsolutePath().getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path file :
          walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  /** Adapts javac's byte output to a writer. */
  private static final class WriterStream extends OutputStream {
    private final StringWriter target;

    WriterStream(StringWriter target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      target.write(b);
    }
  }
}
