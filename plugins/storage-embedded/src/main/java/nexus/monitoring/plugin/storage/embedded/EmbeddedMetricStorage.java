package nexus.monitoring.plugin.storage.embedded;

import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricStorageException;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.QuerySpec;
import nexus.monitoring.api.spi.MetricStorage;
import nexus.monitoring.api.spi.PluginSettings;
import nexus.monitoring.plugin.storage.embedded.AggregateRows.Row;
import nexus.monitoring.plugin.storage.embedded.AggregateRows.Series;
import nexus.monitoring.plugin.storage.embedded.AggregateRows.SeriesKey;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Storage type {@code embedded}: metric history in one SQLite file, {@code <path>/metrics.db}, with
 * no server to run. It is the host's default storage.
 *
 * <p><b>Why SQLite.</b> The storage must keep every batch {@link #append} has returned for through
 * a {@code kill -9} of the host, and must need nothing installed. SQLite in write-ahead-log mode
 * does that: a commit has reached the log file through the operating system before it returns, so
 * it survives the process being killed with {@code synchronous=NORMAL} (no fsync per commit); only
 * a power loss or OS crash can take the last commits, and {@code synchronous: full} closes that too
 * at the cost of an fsync per commit. A SIGKILL test in a child JVM proves the promise on every
 * build. SQLite is the most widely deployed database engine, its file format is stable and
 * documented for the long term, and readers never block the writer in WAL mode. The {@code
 * org.xerial:sqlite-jdbc} jar carries a real module descriptor ({@code org.xerial.sqlitejdbc}) and
 * the native library for every common platform, so the plugin folder is two jars. H2 was passed
 * over because its store writes committed transactions in the background (after a write delay of
 * 500 ms by default), so a kill right after a commit can lose it unless that is configured away,
 * and because its file format has changed incompatibly between major releases. A hand-written log
 * plus segments would need its own recovery, compaction and index code to earn the same trust.
 *
 * <p><b>Settings</b>, all optional:
 *
 * <ul>
 *   <li>{@code path} — the directory of the store file; relative to the installation; default
 *       {@code data/metrics}
 *   <li>{@code synchronous} — {@code normal} (a commit survives the process being killed) or {@code
 *       full} (it also survives power loss; one fsync per commit); default {@code normal}
 *   <li>{@code busy-timeout} — how long a write waits while another process (such as the {@code
 *       purge} command) holds the file's write lock; default {@code 5s}
 *   <li>{@code read-connections} — how many reads run at once, 1 to 64; default {@code 4}
 * </ul>
 *
 * <p>Every method is thread-safe. Writes go through one connection under a lock, each call one
 * transaction, so a batch is stored whole or not at all; reads use a small pool of connections and
 * each runs in one read transaction, so it sees one consistent snapshot. A read first picks the
 * series of the metric (and tenant) that carry every tag filter, then scans each one's key range of
 * start times. The layout is described in {@link Schema}.
 */
final class EmbeddedMetricStorage implements MetricStorage {
  /** The name of the store file inside the configured directory. */
  static final String FILE_NAME = "metrics.db";

  private static final System.Logger LOG = System.getLogger(EmbeddedMetricStorage.class.getName());

  /** Series ids cached beyond this many are dropped and looked up again. */
  private static final int MAX_CACHED_SERIES = 100_000;

  private static final String FIND_SERIES =
      "SELECT id FROM series WHERE name = ? AND tenant = ? AND type = ? AND tags = ?";
  private static final String INSERT_SERIES =
      "INSERT INTO series (name, tenant, type, tags) VALUES (?, ?, ?, ?)";
  private static final String SERIES_OF_NAME =
      "SELECT id, type, tags, tenant FROM series WHERE name = ?";
  private static final String SERIES_OF_TENANT = SERIES_OF_NAME + " AND tenant = ?";
  private static final String AGGREGATES_OF_SERIES =
      "SELECT "
          + AggregateRows.COLUMNS
          + " FROM aggregates WHERE series_id = ? AND start_ns >= ? AND start_ns < ?";
  private static final String METRICS =
      "SELECT DISTINCT name, type FROM series s"
          + " WHERE EXISTS (SELECT 1 FROM aggregates a WHERE a.series_id = s.id)";
  private static final String DELETE_RANGE =
      "DELETE FROM aggregates WHERE series_id IN (SELECT id FROM series WHERE name = ?)"
          + " AND start_ns >= ? AND start_ns < ?";
  // start_ns < cutoff narrows the key range scanned; the end test alone could not use the key.
  private static final String DELETE_ENDED =
      "DELETE FROM aggregates WHERE series_id IN (SELECT id FROM series WHERE name = ?)"
          + " AND start_ns < ? AND start_ns + step_ns <= ?";

  private final String instanceName;
  private final Path file;
  private final SqliteConnections connections;

  /** Ids of series known to be committed; ids are never reused, so an entry never goes stale. */
  private final Map<SeriesKey, Long> seriesIds = new ConcurrentHashMap<>();

  /** Series read before, by id, so their tags are parsed once; series rows never change. */
  private final Map<Long, Series> seriesById = new ConcurrentHashMap<>();

  @Inject
  EmbeddedMetricStorage(PluginSettings settings) {
    this(StorageSettings.read(settings));
  }

  /**
   * Opens the store, creating the directory and the file when missing and bringing its schema up to
   * date.
   *
   * @throws MetricStorageException naming the file when it cannot be created or opened, is not a
   *     metric store, or was written by a newer plugin
   */
  EmbeddedMetricStorage(StorageSettings settings) {
    this.instanceName = settings.instanceName();
    this.file = settings.directory().resolve(FILE_NAME);
    try {
      Files.createDirectories(settings.directory());
    } catch (IOException e) {
      throw new MetricStorageException(
          describe() + " could not create its directory " + settings.directory() + ": " + e, e);
    }

    this.connections = new SqliteConnections(file, settings);
    Schema.Versions versions;
    try {
      versions = connections.withWriter(c -> Schema.migrate(c, describe()));
    } catch (SQLException | RuntimeException e) {
      connections.close();
      throw e instanceof MetricStorageException storage ? storage : failure("open", e);
    }

    if (versions.found() == 0) {
      LOG.log(
          Level.INFO,
          "Embedded storage ''{0}'' created {1} (schema version {2})",
          instanceName,
          file,
          versions.now());
    } else if (versions.found() < versions.now()) {
      LOG.log(
          Level.INFO,
          "Embedded storage ''{0}'' migrated {1} from schema version {2} to {3}",
          instanceName,
          file,
          versions.found(),
          versions.now());
    } else {
      LOG.log(
          Level.INFO,
          "Embedded storage ''{0}'' opened {1} (schema version {2})",
          instanceName,
          file,
          versions.now());
    }
  }

  @Override
  public void append(List<MetricAggregate> batch) {
    Objects.requireNonNull(batch, "batch");
    String operation = "append " + batch.size() + " aggregates";
    if (batch.isEmpty()) {
      return;
    }

    List<Row> rows = rows(batch, operation);
    Map<SeriesKey, Long> found;
    try {
      found = connections.write(c -> insert(c, rows));
    } catch (SQLException | RuntimeException e) {
      throw failure(operation, e);
    }
    remember(found);
  }

  @Override
  public List<MetricAggregate> read(QuerySpec query) {
    Objects.requireNonNull(query, "query");
    try {
      return connections.read(
          c ->
              read(
                  c,
                  query.metricName(),
                  query.tenant(),
                  query.tagFilters(),
                  query.from(),
                  query.to()));
    } catch (SQLException | RuntimeException e) {
      throw failure("read '" + query.metricName() + "' of tenant '" + query.tenant() + "'", e);
    }
  }

  @Override
  public List<MetricAggregate> readAll(String metricName, Instant from, Instant to) {
    Objects.requireNonNull(metricName, "metricName");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    try {
      return connections.read(c -> read(c, metricName, null, List.of(), from, to));
    } catch (SQLException | RuntimeException e) {
      throw failure("read all of '" + metricName + "'", e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A name stored under more than one type maps to the first of them in {@link MetricType}
   * order.
   */
  @Override
  public Map<String, MetricType> metrics() {
    List<Map.Entry<String, MetricType>> pairs;
    try {
      pairs =
          connections.read(
              c -> {
                List<Map.Entry<String, MetricType>> found = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement(METRICS);
                    ResultSet rs = select.executeQuery()) {
                  while (rs.next()) {
                    found.add(Map.entry(rs.getString(1), MetricType.valueOf(rs.getString(2))));
                  }
                }
                return found;
              });
    } catch (SQLException | RuntimeException e) {
      throw failure("list metrics", e);
    }

    pairs.sort(
        Map.Entry.<String, MetricType>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
    Map<String, MetricType> metrics = new LinkedHashMap<>();
    for (Map.Entry<String, MetricType> pair : pairs) {
      metrics.putIfAbsent(pair.getKey(), pair.getValue());
    }
    return metrics;
  }

  @Override
  public long rewrite(
      String metricName, Instant from, Instant to, List<MetricAggregate> replacement) {
    Objects.requireNonNull(metricName, "metricName");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(replacement, "replacement");
    String operation =
        "rewrite '"
            + metricName
            + "' in ["
            + from
            + ", "
            + to
            + ") with "
            + replacement.size()
            + " aggregates";

    List<Row> rows = rows(replacement, operation);
    Map<SeriesKey, Long> found = new HashMap<>();
    long deleted;
    try {
      deleted =
          connections.write(
              c -> {
                long count;
                try (PreparedStatement delete = c.prepareStatement(DELETE_RANGE)) {
                  delete.setString(1, metricName);
                  delete.setLong(2, EpochNanos.clamped(from));
                  delete.setLong(3, EpochNanos.clamped(to));
                  count = delete.executeLargeUpdate();
                }
                found.putAll(insert(c, rows));
                return count;
              });
    } catch (SQLException | RuntimeException e) {
      throw failure(operation, e);
    }
    remember(found);
    return deleted;
  }

  @Override
  public long deleteBefore(String metricName, Instant cutoff) {
    Objects.requireNonNull(metricName, "metricName");
    Objects.requireNonNull(cutoff, "cutoff");
    String operation = "delete '" + metricName + "' ending at or before " + cutoff;
    try {
      return connections.write(
          c -> {
            try (PreparedStatement delete = c.prepareStatement(DELETE_ENDED)) {
              long bound = EpochNanos.clamped(cutoff);
              delete.setString(1, metricName);
              delete.setLong(2, bound);
              delete.setLong(3, bound);
              return delete.executeLargeUpdate();
            }
          });
    } catch (SQLException | RuntimeException e) {
      throw failure(operation, e);
    }
  }

  /** Closes the store's connections; SQLite folds the write-ahead log into the file. */
  @Override
  public void close() {
    connections.close();
    LOG.log(Level.DEBUG, "Embedded storage ''{0}'' closed {1}", instanceName, file);
  }

  /** The file this storage keeps its data in. */
  Path file() {
    return file;
  }

  /**
   * The aggregates of {@code name} starting in {@code [from, to)}: first the series of the name (of
   * {@code tenant} alone unless it is null) carrying every tag filter, then each one's aggregates
   * by a scan of its key range. Runs inside one read transaction, so both steps see the same state.
   */
  private List<MetricAggregate> read(
      Connection c,
      String name,
      String tenant,
      List<MetricTag> tagFilters,
      Instant from,
      Instant to)
      throws SQLException {
    List<Series> matching = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement(tenant == null ? SERIES_OF_NAME : SERIES_OF_TENANT)) {
      select.setString(1, name);
      if (tenant != null) {
        select.setString(2, tenant);
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          Series series = seriesById.get(id);
          if (series == null) {
            series = Series.of(id, rs.getString(2), rs.getString(3), rs.getString(4));
            if (seriesById.size() >= MAX_CACHED_SERIES) {
              seriesById.clear();
            }
            seriesById.put(id, series);
          }
          if (series.tags().containsAll(tagFilters)) {
            matching.add(series);
          }
        }
      }
    }

    List<MetricAggregate> result = new ArrayList<>();
    long fromNs = EpochNanos.clamped(from);
    long toNs = EpochNanos.clamped(to);
    if (matching.isEmpty() || fromNs >= toNs) {
      return result;
    }
    try (PreparedStatement select = c.prepareStatement(AGGREGATES_OF_SERIES)) {
      select.setLong(2, fromNs);
      select.setLong(3, toNs);
      for (Series series : matching) {
        select.setLong(1, series.id());
        try (ResultSet rs = select.executeQuery()) {
          AggregateRows.read(rs, name, series, result);
        }
      }
    }
    return result;
  }

  /** Checks every aggregate before the transaction starts, so a bad one stores nothing. */
  private List<Row> rows(List<MetricAggregate> batch, String operation) {
    List<Row> rows = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      MetricAggregate aggregate = Objects.requireNonNull(batch.get(i), "aggregate #" + i);
      try {
        rows.add(Row.of(aggregate));
      } catch (ArithmeticException e) {
        throw new MetricStorageException(
            describe()
                + " could not "
                + operation
                + ": aggregate #"
                + i
                + " of '"
                + aggregate.name()
                + "' (start "
                + aggregate.start()
                + ", step "
                + aggregate.step()
                + (aggregate.exemplar() == null
                    ? ""
                    : ", exemplar at " + aggregate.exemplar().timestamp())
                + ") lies outside the instants it keeps, "
                + EpochNanos.EARLIEST
                + " to "
                + EpochNanos.LATEST
                + "; nothing was stored",
            e);
      }
    }
    return rows;
  }

  /**
   * Inserts {@code rows} inside the caller's transaction.
   *
   * @return the ids of the series that were not cached yet, to cache once the transaction commits
   */
  private Map<SeriesKey, Long> insert(Connection c, List<Row> rows) throws SQLException {
    Map<SeriesKey, Long> found = new HashMap<>();
    try (PreparedStatement findSeries = c.prepareStatement(FIND_SERIES);
        PreparedStatement insertSeries = c.prepareStatement(INSERT_SERIES);
        PreparedStatement lastId = c.prepareStatement("SELECT last_insert_rowid()");
        PreparedStatement insert = c.prepareStatement(AggregateRows.INSERT)) {
      for (Row row : rows) {
        SeriesKey key = row.series();
        Long seriesId = seriesIds.get(key);
        if (seriesId == null) {
          seriesId = found.get(key);
        }
        if (seriesId == null) {
          seriesId = findOrInsert(key, findSeries, insertSeries, lastId);
          found.put(key, seriesId);
        }
        AggregateRows.bind(insert, seriesId, row);
        insert.executeUpdate();
      }
    }
    return found;
  }

  private static long findOrInsert(
      SeriesKey key,
      PreparedStatement findSeries,
      PreparedStatement insertSeries,
      PreparedStatement lastId)
      throws SQLException {
    for (PreparedStatement statement : List.of(findSeries, insertSeries)) {
      statement.setString(1, key.name());
      statement.setString(2, key.tenant());
      statement.setString(3, key.type().name());
      statement.setString(4, key.tags());
    }
    try (ResultSet rs = findSeries.executeQuery()) {
      if (rs.next()) {
        return rs.getLong(1);
      }
    }
    insertSeries.executeUpdate();
    try (ResultSet rs = lastId.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void remember(Map<SeriesKey, Long> committed) {
    if (seriesIds.size() + committed.size() > MAX_CACHED_SERIES) {
      seriesIds.clear();
    }
    seriesIds.putAll(committed);
  }

  /** {@code embedded storage 'name' (path/metrics.db)}, how every message names this storage. */
  private String describe() {
    return "embedded storage '" + instanceName + "' (" + file + ")";
  }

  private MetricStorageException failure(String operation, Exception cause) {
    return new MetricStorageException(
        describe() + " could not " + operation + ": " + reason(cause), cause);
  }

  private static String reason(Exception cause) {
    if (cause instanceof SqliteConnections.ClosedException) {
      return "it is closed";
    }
    if (cause instanceof SQLiteException sqlite) {
      SQLiteErrorCode code = sqlite.getResultCode();
      if (code == SQLiteErrorCode.SQLITE_NOTADB) {
        return "the file is not a SQLite database ("
            + sqlite.getMessage()
            + "); move it away or set path to another directory";
      }
      if (code == SQLiteErrorCode.SQLITE_BUSY || code.name().startsWith("SQLITE_BUSY_")) {
        return "another connection or process held the file's lock longer than busy-timeout ("
            + sqlite.getMessage()
            + ")";
      }
      if (code == SQLiteErrorCode.SQLITE_FULL) {
        return "the disk is full (" + sqlite.getMessage() + ")";
      }
    }
    if (cause instanceof IllegalArgumentException) {
      return "the file holds a row this plugin cannot read (" + cause.getMessage() + ")";
    }
    return String.valueOf(cause.getMessage());
  }
}
