package nexus.monitoring.runtime.telemetry;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.DataFormatException;
import nexus.monitoring.api.MetricStorageException;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.DoubleHistogramIterationValue;
import org.HdrHistogram.PackedDoubleHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mergeable distribution sketch the host records timings and histograms into, and its wire form
 * inside {@link nexus.monitoring.api.MetricAggregate#sketch()}.
 *
 * <p>The sketch is an HdrHistogram {@link DoubleHistogram} with {@value #SIGNIFICANT_DIGITS}
 * significant decimal digits: any recorded value is represented within a relative error of {@link
 * #RELATIVE_ERROR}, so every quantile read from it, however many sketches were merged, is within
 * that relative error of a value that was actually recorded at that rank. Merging adds bucket
 * counts, which is exact; the range grows automatically. Values must not be negative.
 *
 * <p>The host keeps one sketch within {@link #SAFE_RANGE} (10^12) between its smallest non-zero and
 * its largest value. Merging sketches whose values together span more cannot be exact; {@link
 * #merge} then keeps the range of the largest values and counts each value below it at the smallest
 * value kept, so every observation keeps its rank and only the values of that low part are off.
 * Zeros always fit.
 */
public final class Sketches {
  /** Significant decimal digits kept per value. */
  public static final int SIGNIFICANT_DIGITS = 2;

  /** Upper bound of the relative error of a value read back from a sketch: 1%. */
  public static final double RELATIVE_ERROR = 0.01;

  private static final Logger LOG = LoggerFactory.getLogger(Sketches.class);

  /**
   * Largest to smallest non-zero value that always share one sketch's range, wherever the range
   * lies. HdrHistogram's limit is about 10^16, but a value it rejects leaves the sketch's buckets
   * half shifted (seen with 2.2.2: later values read back in the wrong bucket), so values are
   * checked against this margin before they are recorded instead of after.
   */
  public static final double SAFE_RANGE = 1e12;

  /** Metrics whose folded merge was already reported at WARN; bounded, after which all is DEBUG. */
  private static final Set<String> WARNED_METRICS = ConcurrentHashMap.newKeySet();

  private static final int MAX_WARNED_METRICS = 10_000;

  private Sketches() {}

  /** An empty sketch that grows its range as values arrive. */
  public static DoubleHistogram empty() {
    DoubleHistogram histogram = new DoubleHistogram(SIGNIFICANT_DIGITS);
    histogram.setAutoResize(true);
    return histogram;
  }

  /** The compressed wire form of {@code sketch}. */
  public static byte[] encode(DoubleHistogram sketch) {
    ByteBuffer buffer = ByteBuffer.allocate(sketch.getNeededByteBufferCapacity());
    int length = sketch.encodeIntoCompressedByteBuffer(buffer, 1);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return bytes;
  }

  /**
   * Reads a sketch written by {@link #encode}.
   *
   * @throws MetricStorageException when the bytes are not a sketch (a corrupt store)
   */
  public static DoubleHistogram decode(byte[] bytes) {
    try {
      DoubleHistogram histogram =
          DoubleHistogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
      histogram.setAutoResize(true);
      return histogram;
    } catch (DataFormatException | RuntimeException e) {
      throw new MetricStorageException(
          "a stored distribution sketch of " + bytes.length + " bytes cannot be decoded: " + e, e);
    }
  }

  /**
   * The outcome of {@link #merge}: the sketch holding both inputs, and how many observations were
   * folded onto the smallest kept value because the inputs could not share one range.
   */
  public record Merged(DoubleHistogram sketch, long folded) {}

  /**
   * Adds every value of {@code source} into {@code target}; never throws for values the sketches
   * hold.
   *
   * <p>When the values of both fit one sketch's range, this is HdrHistogram's exact add into {@code
   * target}, which is returned with nothing folded. When they do not, a new sketch (of {@code
   * target}'s kind) is built from both: values down to {@link #SAFE_RANGE} below the largest are
   * kept (within {@link #RELATIVE_ERROR}, as always), and each smaller non-zero value is counted at
   * the smallest value kept. The total count, and so every rank, is kept; a percentile that falls
   * among the folded values reads as that smallest kept value. The larger values win because
   * percentiles are read mostly for their tail. {@code target} must not be used after the call; use
   * the returned sketch.
   */
  public static Merged merge(DoubleHistogram target, DoubleHistogram source) {
    if (source.getTotalCount() == 0) {
      return new Merged(target, 0);
    }
    if (surelyFit(target, source)) {
      target.add(source);
      return new Merged(target, 0);
    }
    try {
      // Beyond the safe range HdrHistogram may still take both exactly; try it on a copy, which
      // a refusal leaves half shifted, so that target is only touched by an add known to succeed.
      target.copy().add(source);
      target.add(source);
      return new Merged(target, 0);
    } catch (ArrayIndexOutOfBoundsException tooWide) {
      return rebuildFolded(target, source);
    }
  }

  /**
   * {@link #merge(DoubleHistogram, DoubleHistogram)}, and when observations of {@code metric} were
   * folded, a WARN the first time for that metric (DEBUG after), naming the {@code action} that
   * merged them.
   */
  public static DoubleHistogram merge(
      DoubleHistogram target, DoubleHistogram source, String metric, String action) {
    Merged merged = merge(target, source);
    if (merged.folded() > 0) {
      String message =
          "{} of distribution '{}': its sketches together span more than one sketch can (largest"
              + " value at most 10^12 times the smallest non-zero one); {} observation(s)"
              + " below the kept range of the largest values were counted at its smallest value."
              + " Count, sum, min and max stay exact; low percentiles are approximate. Record"
              + " such values in a unit closer to the others, or split the metric.";
      boolean first = WARNED_METRICS.size() < MAX_WARNED_METRICS && WARNED_METRICS.add(metric);
      if (first) {
        LOG.warn(message, action, metric, merged.folded());
      } else {
        LOG.debug(message, action, metric, merged.folded());
      }
    }
    return merged.sketch();
  }

  /** Whether {@code value} can be recorded into {@code sketch} without leaving its safe range. */
  public static boolean fits(DoubleHistogram sketch, double value) {
    if (value == 0 || sketch.getTotalCount() == 0) {
      return true;
    }
    double high = sketch.getMaxValue();
    // A sketch of zeros only reports an enormous smallest non-zero value; zeros fit any range.
    return high == 0 || fits(Math.min(value, sketch.getMinNonZeroValue()), Math.max(value, high));
  }

  /** Whether non-zero values from {@code low} to {@code high} share one safe range. */
  public static boolean fits(double low, double high) {
    return high < low * SAFE_RANGE;
  }

  private static boolean surelyFit(DoubleHistogram target, DoubleHistogram source) {
    if (target.getTotalCount() == 0) {
      return true;
    }
    double high = Math.max(target.getMaxValue(), source.getMaxValue());
    if (high == 0) {
      return true;
    }
    double low = Math.min(nonZeroLow(target, high), nonZeroLow(source, high));
    return fits(low, high);
  }

  private static double nonZeroLow(DoubleHistogram sketch, double otherwise) {
    return sketch.getMaxValue() == 0 ? otherwise : sketch.getMinNonZeroValue();
  }

  private static Merged rebuildFolded(DoubleHistogram target, DoubleHistogram source) {
    List<double[]> entries = new ArrayList<>();
    collect(target, entries);
    collect(source, entries);
    entries.sort(Comparator.comparingDouble((double[] entry) -> entry[0]).reversed());
    DoubleHistogram rebuilt =
        target instanceof PackedDoubleHistogram
            ? new PackedDoubleHistogram(SIGNIFICANT_DIGITS)
            : new DoubleHistogram(SIGNIFICANT_DIGITS);
    rebuilt.setAutoResize(true);

    long folded = 0;
    double largest = entries.get(0)[0];
    double smallestKept = largest;
    for (double[] entry : entries) {
      double value = entry[0];
      long count = (long) entry[1];
      if (value == 0 || fits(value, largest)) {
        rebuilt.recordValueWithCount(value, count);
        smallestKept = value == 0 ? smallestKept : value;
      } else {
        folded += count;
        rebuilt.recordValueWithCount(smallestKept, count);
      }
    }
    return new Merged(rebuilt, folded);
  }

  private static void collect(DoubleHistogram sketch, List<double[]> entries) {
    for (DoubleHistogramIterationValue value : sketch.recordedValues()) {
      entries.add(new double[] {value.getValueIteratedTo(), value.getCountAtValueIteratedTo()});
    }
  }
}
