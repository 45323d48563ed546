package nexus.monitoring.plugin.storage.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The connections of one store file: a single writer, used under a lock, and a few readers taken
 * from a pool. In WAL mode readers see the last committed state and never wait for the writer, and
 * the writer never waits for them. SQLite lets one connection write at a time anyway, so one writer
 * connection costs nothing and avoids lock contention inside the process.
 */
final class SqliteConnections implements AutoCloseable {

  /** Work done on a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** The store is closed; no connection is handed out. */
  static final class ClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ClosedException() {
      super("the storage is closed");
    }
  }

  /** Page cache of the writer, in KiB; SQLite fills it as pages are used. */
  static final int WRITER_CACHE_KIB = 64 * 1024;

  /** Page cache of each reader, in KiB. */
  static final int READER_CACHE_KIB = 8 * 1024;

  /** Pages in the write-ahead log that start a checkpoint (64 MiB of 4 KiB pages). */
  static final int CHECKPOINT_PAGES = 16_384;

  private final String url;
  private final StorageSettings settings;
  private final ReentrantLock writeLock = new ReentrantLock();
  private Connection writer; // guarded by writeLock; null until opened, or after a failed rollback
  private final Semaphore readPermits;
  private final BlockingQueue<Connection> idleReaders;
  private volatile boolean closed;

  SqliteConnections(Path file, StorageSettings settings) {
    this.url = "jdbc:sqlite:" + file;
    this.settings = settings;
    this.readPermits = new Semaphore(settings.readConnections(), true);
    this.idleReaders = new ArrayBlockingQueue<>(settings.readConnections());
  }

  /**
   * Runs {@code work} on the writer connection in auto-commit mode, with no transaction open; for
   * work that manages its own transaction.
   */
  <T> T withWriter(Work<T> work) throws SQLException {
    writeLock.lock();
    try {
      return work.run(writer());
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE}, so it holds the write lock
   * from the start) and commits it; when {@code work} or the commit fails, rolls back and rethrows.
   * When this returns, the transaction is in the write-ahead log, which survives the process being
   * killed.
   */
  <T> T write(Work<T> work) throws SQLException {
    writeLock.lock();
    try {
      Connection connection = writer();
      try (Statement statement = connection.createStatement()) {
        statement.execute("BEGIN IMMEDIATE");
        try {
          T result = work.run(connection);
          statement.execute("COMMIT");
          return result;
        } catch (SQLException | RuntimeException | Error e) {
          rollback(statement, e);
          throw e;
        }
      }
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs {@code work} in one read transaction on a reader connection, waiting while all are in use,
   * so every statement of {@code work} sees the same committed state. A connection that saw a
   * failure is closed (ending its transaction) rather than reused.
   */
  <T> T read(Work<T> work) throws SQLException {
    if (closed) {
      throw new ClosedException();
    }
    try {
      readPermits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a reader connection", e);
    }
    try {
      Connection connection = idleReaders.poll();
      if (connection == null) {
        connection = openReader();
      }
      boolean healthy = false;
      try (Statement statement = connection.createStatement()) {
        // One read transaction: in WAL mode every statement in it sees the same snapshot.
        statement.execute("BEGIN");
        T result = work.run(connection);
        statement.execute("COMMIT");
        healthy = true;
        return result;
      } finally {
        if (healthy && !closed && idleReaders.offer(connection)) {
          // Back in the pool; close() may have run meanwhile, so look again.
          if (closed && idleReaders.remove(connection)) {
            closeQuietly(connection);
          }
        } else {
          closeQuietly(connection);
        }
      }
    } finally {
      readPermits.release();
    }
  }

  /** Closes every connection; waits for a running write, not for running reads. */
  @Override
  public void close() {
    writeLock.lock();
    try {
      closed = true;
      Connection idle;
      while ((idle = idleReaders.poll()) != null) {
        closeQuietly(idle);
      }
      if (writer != null) {
        closeQuietly(writer);
        writer = null;
      }
    } finally {
      writeLock.unlock();
    }
  }

  private Connection writer() throws SQLException {
    if (closed) {
      throw new ClosedException();
    }
    if (writer == null) {
      SQLiteConfig config = baseConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(settings.synchronous()));
      // A flush touches one page per series (the end of its key range), scattered over the
      // table. Keeping those pages in the writer's cache, and folding the log into the file every
      // 16,384 pages rather than every 1,000, roughly halves the cost of a batch: each checkpoint
      // writes a page once however many commits changed it, and fsyncs once.
      config.setCacheSize(-WRITER_CACHE_KIB);
      config.setWalAutocheckpoint(CHECKPOINT_PAGES);
      // After a checkpoint the log is cut back to this size instead of keeping its largest.
      config.setJournalSizeLimit(64 << 20);
      writer = config.createConnection(url);
    }
    return writer;
  }

  private Connection openReader() throws SQLException {
    SQLiteConfig config = baseConfig();
    config.setCacheSize(-READER_CACHE_KIB);
    Connection connection = config.createConnection(url);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA query_only = true");
    } catch (SQLException e) {
      closeQuietly(connection);
      throw e;
    }
    return connection;
  }

  private SQLiteConfig baseConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) settings.busyTimeout().toMillis());
    return config;
  }

  /**
   * Rolls back after {@code failure}. SQLite ends a transaction itself after some errors, so the
   * rollback may find none; either way, when it fails the connection is closed (which rolls back
   * whatever is left) and the next write opens a new one.
   */
  private void rollback(Statement statement, Throwable failure) {
    try {
      statement.execute("ROLLBACK");
    } catch (SQLException e) {
      if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
        failure.addSuppressed(e);
      }
      closeQuietly(writer);
      writer = null;
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing releases the file handle; there is nothing left to do when it fails.
    }
  }
}
