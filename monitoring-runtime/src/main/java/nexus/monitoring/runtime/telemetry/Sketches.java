package nexus.monitoring.runtime.telemetry;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import nexus.monitoring.api.MetricStorageException;
import org.HdrHistogram.DoubleHistogram;

/**
 * The mergeable distribution sketch the host records timings and histograms into, and its wire form
 * inside {@link nexus.monitoring.api.MetricAggregate#sketch()}.
 *
 * <p>The sketch is an HdrHistogram {@link DoubleHistogram} with {@value #SIGNIFICANT_DIGITS}
 * significant decimal digits: any recorded value is represented within a relative error of {@link
 * #RELATIVE_ERROR}, so every quantile read from it, however many sketches were merged, is within
 * that relative error of a value that was actually recorded at that rank. Merging adds bucket
 * counts, which is exact; the range grows automatically. Values must not be negative.
 */
public final class Sketches {
  /** Significant decimal digits kept per value. */
  public static final int SIGNIFICANT_DIGITS = 2;

  /** Upper bound of the relative error of a value read back from a sketch: 1%. */
  public static final double RELATIVE_ERROR = 0.01;

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

  /** Adds every value of {@code source} into {@code target}. */
  public static void mergeInto(DoubleHistogram target, DoubleHistogram source) {
    target.add(source);
  }
}
