package nexus.monitoring.plugin.storage.embedded;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import nexus.monitoring.api.Exemplar;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.TraceContext;

/** Writes {@link MetricAggregate}s as rows of the {@code aggregates} table and reads them back. */
final class AggregateRows {
  /** Inserts a row; its seq is one more than any of the same series and start, else 0. */
  static final String INSERT =
      "INSERT INTO aggregates (series_id, start_ns, step_ns, count, sum, sum_of_squares, min, max,"
          + " last, negative_zeros, sketch, exemplar_value, exemplar_trace_id, exemplar_span_id,"
          + " exemplar_ns, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
          + " ?15, (SELECT coalesce(max(seq) + 1, 0) FROM aggregates"
          + " WHERE series_id = ?1 AND start_ns = ?2))";

  /** The columns {@link #read} reads, in its order, from {@code aggregates}. */
  static final String COLUMNS =
      "start_ns, step_ns, count, sum, sum_of_squares, min, max, last, negative_zeros, sketch,"
          + " exemplar_value, exemplar_trace_id, exemplar_span_id, exemplar_ns";

  // Bits of negative_zeros, one per value column that may hold -0.0.
  private static final int SUM = 1;
  private static final int SUM_OF_SQUARES = 1 << 1;
  private static final int MIN = 1 << 2;
  private static final int MAX = 1 << 3;
  private static final int LAST = 1 << 4;
  private static final int EXEMPLAR_VALUE = 1 << 5;

  /** The identity of a series: the unique key of the {@code series} table. */
  record SeriesKey(String name, String tenant, MetricType type, String tags) {
    static SeriesKey of(MetricAggregate aggregate) {
      return new SeriesKey(
          aggregate.name(),
          aggregate.tenant(),
          aggregate.type(),
          CanonicalTags.encode(aggregate.tags()));
    }
  }

  /** An aggregate ready to store, with its instants in nanoseconds. */
  record Row(
      MetricAggregate aggregate, SeriesKey series, long startNs, long stepNs, long exemplarNs) {

    /**
     * @throws ArithmeticException when the start, the end or the exemplar's timestamp lies outside
     *     what 64-bit nanoseconds since the epoch hold
     */
    static Row of(MetricAggregate aggregate) {
      long start = EpochNanos.of(aggregate.start());
      long step = aggregate.step().toNanos();
      if (start > Long.MAX_VALUE - step) {
        throw new ArithmeticException("the end of the step overflows");
      }
      long exemplar =
          aggregate.exemplar() == null ? 0 : EpochNanos.of(aggregate.exemplar().timestamp());
      return new Row(aggregate, SeriesKey.of(aggregate), start, step, exemplar);
    }
  }

  private AggregateRows() {}

  /** Binds {@code row} to {@link #INSERT}. */
  static void bind(PreparedStatement insert, long seriesId, Row row) throws SQLException {
    MetricAggregate a = row.aggregate();
    insert.setLong(1, seriesId);
    insert.setLong(2, row.startNs());
    insert.setLong(3, row.stepNs());
    insert.setLong(4, a.count());
    setDouble(insert, 5, a.sum());
    setDouble(insert, 6, a.sumOfSquares());
    setDouble(insert, 7, a.min());
    setDouble(insert, 8, a.max());
    setDouble(insert, 9, a.last());
    int negativeZeros =
        negativeZero(a.sum(), SUM)
            | negativeZero(a.sumOfSquares(), SUM_OF_SQUARES)
            | negativeZero(a.min(), MIN)
            | negativeZero(a.max(), MAX)
            | negativeZero(a.last(), LAST);
    byte[] sketch = a.sketch();
    if (sketch == null) {
      insert.setNull(11, Types.BLOB);
    } else {
      insert.setBytes(11, sketch);
    }
    Exemplar exemplar = a.exemplar();
    if (exemplar == null) {
      insert.setNull(12, Types.DOUBLE);
      insert.setNull(13, Types.VARCHAR);
      insert.setNull(14, Types.VARCHAR);
      insert.setNull(15, Types.BIGINT);
    } else {
      insert.setDouble(12, exemplar.value());
      negativeZeros |= negativeZero(exemplar.value(), EXEMPLAR_VALUE);
      insert.setString(13, exemplar.trace().traceId());
      insert.setString(14, exemplar.trace().spanId());
      insert.setLong(15, row.exemplarNs());
    }
    insert.setInt(10, negativeZeros);
  }

  /** What the aggregates of one series share. */
  record Series(long id, MetricType type, List<MetricTag> tags, String tenant) {
    /**
     * @throws IllegalArgumentException when the row holds what this code never writes
     */
    static Series of(long id, String type, String tags, String tenant) {
      return new Series(id, MetricType.valueOf(type), CanonicalTags.decode(tags), tenant);
    }
  }

  /**
   * Adds the aggregates of metric {@code name} and {@code series} in the rows of a query selecting
   * {@link #COLUMNS} to {@code into}.
   */
  static void read(ResultSet rs, String name, Series series, List<MetricAggregate> into)
      throws SQLException {
    while (rs.next()) {
      Exemplar exemplar = null;
      String traceId = rs.getString(12);
      if (traceId != null) {
        exemplar =
            new Exemplar(
                getDouble(rs, 11, EXEMPLAR_VALUE),
                new TraceContext(traceId, rs.getString(13)),
                EpochNanos.toInstant(rs.getLong(14)));
      }
      into.add(
          new MetricAggregate(
              name,
              series.type(),
              series.tags(),
              series.tenant(),
              EpochNanos.toInstant(rs.getLong(1)),
              EpochNanos.toDuration(rs.getLong(2)),
              rs.getLong(3),
              getDouble(rs, 4, SUM),
              getDouble(rs, 5, SUM_OF_SQUARES),
              getDouble(rs, 6, MIN),
              getDouble(rs, 7, MAX),
              getDouble(rs, 8, LAST),
              rs.getBytes(10),
              exemplar));
    }
  }

  /** SQLite stores NaN as NULL anyway; binding NULL says so on purpose. */
  private static void setDouble(PreparedStatement insert, int index, double value)
      throws SQLException {
    if (Double.isNaN(value)) {
      insert.setNull(index, Types.DOUBLE);
    } else {
      insert.setDouble(index, value);
    }
  }

  /**
   * Reads a value column. Only a zero needs a second look, to tell NULL (NaN) and -0.0 from 0.0, so
   * most values cost one call into the driver.
   */
  private static double getDouble(ResultSet rs, int index, int bit) throws SQLException {
    double value = rs.getDouble(index);
    if (value != 0) {
      return value;
    }
    if (rs.wasNull()) {
      return Double.NaN;
    }
    return (rs.getInt(9) & bit) != 0 ? -0.0 : value;
  }

  private static int negativeZero(double value, int bit) {
    return Double.doubleToRawLongBits(value) == Long.MIN_VALUE ? bit : 0;
  }
}
