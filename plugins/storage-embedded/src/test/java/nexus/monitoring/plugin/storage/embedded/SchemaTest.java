package nexus.monitoring.plugin.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import nexus.monitoring.api.MetricStorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SchemaTest {
  @TempDir Path home;

  private Path storeFile() {
    return home.resolve("data/metrics/metrics.db");
  }

  @Test
  void migrations_areNumberedFromOneWithoutGaps() {
    for (int i = 0; i < Schema.MIGRATIONS.size(); i++) {
      assertThat(Schema.MIGRATIONS.get(i).version()).isEqualTo(i + 1);
    }
    assertThat(Schema.latestVersion()).isEqualTo(Schema.MIGRATIONS.size());
  }

  @Test
  void newStore_recordsEveryAppliedVersionAndItsApplicationId() throws Exception {
    EmbeddedMetricStorageTest.open(home).close();

    assertThat(query("SELECT version || ' ' || description FROM schema_version ORDER BY version"))
        .containsExactly("1 series and aggregates");
    assertThat(query("PRAGMA application_id"))
        .containsExactly(String.valueOf(Schema.APPLICATION_ID));
    assertThat(query("PRAGMA journal_mode")).containsExactly("wal");
  }

  @Test
  void reopen_atLatestVersion_appliesNothingAgain() throws Exception {
    EmbeddedMetricStorageTest.open(home).close();
    EmbeddedMetricStorageTest.open(home).close();

    assertThat(query("SELECT count(*) FROM schema_version")).containsExactly("1");
  }

  @Test
  void open_storeOfNewerVersion_isRefusedNamingBothVersions() throws Exception {
    EmbeddedMetricStorageTest.open(home).close();
    update("INSERT INTO schema_version VALUES (2, 'from the future', '2030-01-01T00:00:00Z')");

    assertThatThrownBy(() -> EmbeddedMetricStorageTest.open(home))
        .isInstanceOf(MetricStorageException.class)
        .hasMessage(
            "embedded storage 'metrics' ("
                + storeFile()
                + ") has schema version 2, newer than the latest this plugin knows (1); run a"
                + " storage-embedded plugin at least as new as the one that wrote it");
  }

  @Test
  void open_fileThatIsNotADatabase_isRefusedNamingTheFile() throws Exception {
    Files.createDirectories(storeFile().getParent());
    Files.writeString(storeFile(), "these are not the pages you are looking for ".repeat(200));

    assertThatThrownBy(() -> EmbeddedMetricStorageTest.open(home))
        .isInstanceOf(MetricStorageException.class)
        .hasMessageStartingWith(
            "embedded storage 'metrics' ("
                + storeFile()
                + ") could not open: the file is not a SQLite database (")
        .hasMessageEndingWith("); move it away or set path to another directory");
  }

  @Test
  void open_sqliteDatabaseOfSomethingElse_isRefused() throws Exception {
    Files.createDirectories(storeFile().getParent());
    update("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");

    assertThatThrownBy(() -> EmbeddedMetricStorageTest.open(home))
        .isInstanceOf(MetricStorageException.class)
        .hasMessage(
            "embedded storage 'metrics' ("
                + storeFile()
                + ") is a SQLite database of something else (application id 0, tables [users]),"
                + " not a metric store; move it away or set path to another directory");
  }

  @Test
  void open_emptyExistingFile_becomesAStore() throws Exception {
    Files.createDirectories(storeFile().getParent());
    Files.createFile(storeFile());

    EmbeddedMetricStorageTest.open(home).close();

    assertThat(query("SELECT max(version) FROM schema_version")).containsExactly("1");
  }

  private List<String> query(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + storeFile());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  private void update(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + storeFile());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
