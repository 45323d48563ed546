package nexus.monitoring.plugin.storage.embedded;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nexus.monitoring.api.Exemplar;
import nexus.monitoring.api.MetricAggregate;
import nexus.monitoring.api.MetricTag;
import nexus.monitoring.api.MetricType;
import nexus.monitoring.api.TraceContext;

/** Writes {@link MetricAggregate}s as rows of the {@code aggregates} table and reads them back. */
final class AggregateRows {
  static final String INSERT =
      "INSERT INTO aggregates (series_id, start_ns, step_ns, count, sum, sum_of_squares, min, max,"
          + " last, negative_zeros, sketch, exemplar_value, exemplar_trace_id, exemplar_span_id,"
          + " exemplar_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * The columns {@link #collect} reads, in its order; a query selects them from {@code series s}
   * joined with {@code aggregates a}.
   */
  static final String COLUMNS =
      "s.id, s.type, s.tags, s.tenant, a.start_ns, a.step_ns, a.count, a.sum, a.sum_of_squares,"
          + " a.min, a.max, a.last, a.negative_zeros, a.sketch, a.exemplar_value,"
          + " a.exemplar_trace_id, a.exemplar_span_id, a.exemplar_ns";

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

  /**
   * Reads the rows of a query selecting {@link #COLUMNS} for metric {@code name}, keeping those
   * whose series carries every tag of {@code tagFilters}. Each series' tags are parsed once.
   *
   * @throws IllegalArgumentException when a row holds what this code never writes
   */
  static List<MetricAggregate> collect(ResultSet rs, String name, List<MetricTag> tagFilters)
      throws SQLException {
    List<MetricAggregate> result = new ArrayList<>();
    Map<Long, Series> seen = new HashMap<>();
    while (rs.next()) {
      long seriesId = rs.getLong(1);
      Series series = seen.get(seriesId);
      if (series == null) {
        series = Series.read(rs, tagFilters);
        seen.put(seriesId, series);
      }
      if (series.excluded()) {
        continue;
      }
      result.add(aggregate(rs, name, series));
    }
    return result;
  }

  /** What a row needs of its series, or {@link Series#excluded()} when the filters reject it. */
  private record Series(MetricType type, List<MetricTag> tags, String tenant) {
    static final Series EXCLUDED = new Series(null, null, null);

    static Series read(ResultSet rs, List<MetricTag> tagFilters) throws SQLException {
      List<MetricTag> tags = CanonicalTags.decode(rs.getString(3));
      if (!tags.containsAll(tagFilters)) {
        return EXCLUDED;
      }
      return new Series(MetricType.valueOf(rs.getString(2)), tags, rs.getString(4));
    }

    boolean excluded() {
      return this == EXCLUDED;
    }
  }

  private static MetricAggregate aggregate(ResultSet rs, String name, Series series)
      throws SQLException {
    int negativeZeros = rs.getInt(13);
    Exemplar exemplar = null;
    String traceId = rs.getString(16);
    if (traceId != null) {
      exemplar =
          new Exemplar(
              getDouble(rs, 15, negativeZeros, EXEMPLAR_VALUE),
              new TraceContext(traceId, rs.getString(17)),
              EpochNanos.toInstant(rs.getLong(18)));
    }
    return new MetricAggregate(
        name,
        series.type(),
        series.tags(),
        series.tenant(),
        EpochNanos.toInstant(rs.getLong(5)),
        EpochNanos.toDuration(rs.getLong(6)),
        rs.getLong(7),
        getDouble(rs, 8, negativeZeros, SUM),
        getDouble(rs, 9, negativeZeros, SUM_OF_SQUARES),
        getDouble(rs, 10, negativeZeros, MIN),
        getDouble(rs, 11, negativeZeros, MAX),
        getDouble(rs, 12, negativeZeros, LAST),
        rs.getBytes(14),
        exemplar);
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

  private static double getDouble(ResultSet rs, int index, int negativeZeros, int bit)
      throws SQLException {
    double value = rs.getDouble(index);
    if (rs.wasNull()) {
      return Double.NaN;
    }
    return value == 0 && (negativeZeros & bit) != 0 ? -0.0 : value;
  }

  private static int negativeZero(double value, int bit) {
    return Double.doubleToRawLongBits(value) == Long.MIN_VALUE ? bit : 0;
  }
}
