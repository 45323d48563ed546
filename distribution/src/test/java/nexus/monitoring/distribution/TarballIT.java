package nexus.monitoring.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** {@code target/nexus-monitoring.tar.gz}: what a user downloads and unpacks. */
final class TarballIT {
  /** One entry of a tar archive. */
  record TarEntry(String name, int mode, char type, long size) {
    boolean isFile() {
      return type == '0' || type == '\0';
    }
  }

  private static Path tarball() {
    return Distribution.built().resolveSibling("nexus-monitoring.tar.gz");
  }

  @Test
  void tarball_holdsAnExecutableLauncherAndEveryBundledPlugin() throws IOException {
    Map<String, TarEntry> entries = read(tarball());

    assertThat(entries.get("nexus-monitoring/bin/nexus-monitoring"))
        .as("launcher in %s", entries.keySet())
        .isNotNull()
        .satisfies(
            launcher -> {
              assertThat(launcher.isFile()).isTrue();
              assertThat(Integer.toOctalString(launcher.mode() & 0777)).isEqualTo("755");
            });
    assertThat(entries)
        .containsKeys(
            "nexus-monitoring/plugins/health-system.jar",
            "nexus-monitoring/plugins/exporter-prometheus.jar",
            "nexus-monitoring/plugins/storage-embedded/storage-embedded-1.0.0-SNAPSHOT.jar",
            "nexus-monitoring/plugins/health-network.jar",
            "nexus-monitoring/plugins/health-command.jar",
            "nexus-monitoring/plugins/health-database/health-database-1.0.0-SNAPSHOT.jar",
            "nexus-monitoring/plugins/health-database/postgresql-42.7.14.jar",
            "nexus-monitoring/plugins/health-redis/health-redis-1.0.0-SNAPSHOT.jar",
            "nexus-monitoring/plugins/health-redis/jedis-8.0.2.jar",
            "nexus-monitoring/plugins/health-rabbitmq/health-rabbitmq-1.0.0-SNAPSHOT.jar",
            "nexus-monitoring/plugins/health-rabbitmq/amqp-client-5.38.0.jar",
            "nexus-monitoring/conf/monitoring.yaml",
            "nexus-monitoring/conf/logback.xml");
    assertThat(entries.get("nexus-monitoring/plugins/health-system.jar").size()).isPositive();
  }

  @Test
  void pluginLibraries_liveInTheirPluginFolders_notOnTheHostModulePath() throws IOException {
    List<String> lib =
        read(tarball()).keySet().stream()
            .filter(name -> name.startsWith("nexus-monitoring/lib/"))
            .toList();

    assertThat(lib)
        .isNotEmpty()
        .noneMatch(
            name ->
                name.matches(
                    ".*/(health-|storage-|exporter-|postgresql|sqlite-jdbc|jedis|commons-pool2"
                        + "|gson|json-|redis-authx|amqp-client).*"));
  }

  @Test
  void tarball_holdsTheSameFilesAsTheDistributionDirectory() throws IOException {
    Path directory = Distribution.built();
    List<String> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files =
          walk.filter(Files::isRegularFile)
              .map(p -> "nexus-monitoring/" + directory.relativize(p).toString().replace('\\', '/'))
              .sorted()
              .toList();
    }

    List<String> archived =
        read(tarball()).values().stream()
            .filter(TarEntry::isFile)
            .map(TarEntry::name)
            .sorted()
            .toList();

    assertThat(archived).containsExactlyElementsOf(files);
  }

  /** Reads the headers of a gzipped ustar/GNU/pax tar, skipping file contents. */
  static Map<String, TarEntry> read(Path tarGz) throws IOException {
    Map<String, TarEntry> entries = new LinkedHashMap<>();
    try (InputStream in =
        new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarGz)))) {
      String longName = null;
      while (true) {
        byte[] header = in.readNBytes(512);
        if (header.length < 512) {
          throw new IOException(tarGz + " ends without the two zero blocks that close a tar");
        }
        if (isZero(header)) {
          return entries;
        }
        String name = text(header, 0, 100);
        int mode = (int) octal(header, 100, 8);
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        if (text(header, 257, 6).startsWith("ustar")) {
          String prefix = text(header, 345, 155);
          if (!prefix.isEmpty()) {
            name = prefix + "/" + name;
          }
        }
        long padded = (size + 511) / 512 * 512;
        if (type == 'L' || type == 'x') {
          byte[] data = in.readNBytes((int) padded);
          String content = new String(data, 0, (int) size, StandardCharsets.UTF_8);
          longName = type == 'L' ? content.replace("\0", "") : paxPath(content, longName);
          continue;
        }
        in.skipNBytes(padded);
        if (longName != null) {
          name = longName;
          longName = null;
        }
        entries.put(name, new TarEntry(name, mode, type, size));
      }
    }
  }

  private static String paxPath(String records, String fallback) {
    String path = fallback;
    for (String record : records.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        path = record.substring(space + 1 + "path=".length());
      }
    }
    return path;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] header, int offset, int length) throws IOException {
    String digits = text(header, offset, length).trim();
    if (!digits.matches("[0-7]+")) {
      throw new IOException("tar header field is not octal: '" + digits + "'");
    }
    return Long.parseLong(digits, 8);
  }
}
