package nexus.monitoring.plugin.storage.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nexus.monitoring.api.MetricStorageException;

/**
 * The store's tables and the steps that build them, one version at a time.
 *
 * <p>Each applied step is a row of {@code schema_version}; the store's version is the highest. A
 * later release appends a step to {@link #MIGRATIONS} and never edits an earlier one, so a store
 * written by any release opens in every later one. A store of a newer version than this code knows
 * is refused rather than guessed at.
 *
 * <p>Version 1:
 *
 * <pre>
 * series      one row per distinct (name, tenant, type, tags); ids are never reused or deleted,
 *             so a cached id stays valid even while another process purges the same file
 * aggregates  one row per stored MetricAggregate, pointing at its series; instants and durations
 *             in nanoseconds since the epoch; seq tells apart aggregates of one series and start
 *             (0, then 1, ...); NULL in a REAL column is NaN, and bit i of negative_zeros marks
 *             -0.0 in the i-th value column (SQLite keeps no sign on zero)
 * </pre>
 *
 * <p>The aggregates table is clustered by its key ({@code WITHOUT ROWID}): one series' history lies
 * on consecutive pages, so reading it touches a page per few dozen aggregates instead of one per
 * aggregate, several times faster than a heap table with an index; a flush of every series costs
 * more to write, one page per series, which is the cheaper side for metric history.
 */
final class Schema {
  /** {@code PRAGMA application_id} of a metric store: "NXMS". */
  static final int APPLICATION_ID = 0x4E584D53;

  /** One step from version {@code version - 1} to {@code version}. */
  record Migration(int version, String description, List<String> statements) {}

  static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              1,
              "series and aggregates",
              List.of(
                  """
                  CREATE TABLE series (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    tenant TEXT NOT NULL,
                    type TEXT NOT NULL,
                    tags TEXT NOT NULL,
                    UNIQUE (name, tenant, type, tags)
                  )""",
                  """
                  CREATE TABLE aggregates (
                    series_id INTEGER NOT NULL REFERENCES series (id),
                    start_ns INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    step_ns INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    sum REAL,
                    sum_of_squares REAL,
                    min REAL,
                    max REAL,
                    last REAL,
                    negative_zeros INTEGER NOT NULL,
                    sketch BLOB,
                    exemplar_value REAL,
                    exemplar_trace_id TEXT,
                    exemplar_span_id TEXT,
                    exemplar_ns INTEGER,
                    PRIMARY KEY (series_id, start_ns, seq)
                  ) WITHOUT ROWID""",
                  "PRAGMA application_id = " + APPLICATION_ID)));

  /** What {@link #migrate} found and left. */
  record Versions(int found, int now) {}

  private Schema() {}

  /** The version this code writes. */
  static int latestVersion() {
    return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
  }

  /**
   * Brings the store open on {@code connection} (in auto-commit mode) to {@link #latestVersion()}
   * in one transaction: all pending steps, or none of them.
   *
   * @param store names the store in messages
   * @throws MetricStorageException when the file holds something other than a metric store, or a
   *     store newer than this code
   */
  static Versions migrate(Connection connection, String store) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      try {
        int found = currentVersion(statement, store);
        if (found > latestVersion()) {
          throw new MetricStorageException(
              store
                  + " has schema version "
                  + found
                  + ", newer than the latest this plugin knows ("
                  + latestVersion()
                  + "); run a storage-embedded plugin at least as new as the one that wrote it");
        }
        statement.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                + " description TEXT NOT NULL, applied_at TEXT NOT NULL)");
        for (Migration migration : MIGRATIONS) {
          if (migration.version() > found) {
            apply(connection, statement, migration);
          }
        }
        statement.execute("COMMIT");
        return new Versions(found, latestVersion());
      } catch (SQLException | RuntimeException e) {
        try {
          statement.execute("ROLLBACK");
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    }
  }

  /** The highest applied version, 0 for an empty file; refuses files that are not metric stores. */
  private static int currentVersion(Statement statement, String store) throws SQLException {
    int applicationId;
    try (ResultSet rs = statement.executeQuery("PRAGMA application_id")) {
      applicationId = rs.next() ? rs.getInt(1) : 0;
    }
    List<String> tables = new ArrayList<>();
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                + " ORDER BY name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    if (applicationId == 0 && tables.isEmpty()) {
      return 0;
    }
    if (applicationId != APPLICATION_ID || !tables.contains("schema_version")) {
      throw new MetricStorageException(
          store
              + " is a SQLite database of something else (application id "
              + applicationId
              + ", tables "
              + tables
              + "), not a metric store; move it away or set path to another directory");
    }
    try (ResultSet rs = statement.executeQuery("SELECT max(version) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static void apply(Connection connection, Statement statement, Migration migration)
      throws SQLException {
    for (String sql : migration.statements()) {
      statement.execute(sql);
    }
    try (var insert =
        connection.prepareStatement(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
      insert.setInt(1, migration.version());
      insert.setString(2, migration.description());
      insert.setString(3, Instant.now().toString());
      insert.executeUpdate();
    }
  }
}
