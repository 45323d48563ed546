package nexus.monitoring.api;

/**
 * What a purge of metric history did: how many samples it deleted and how many it replaced by
 * downsampled aggregates.
 *
 * @param deletedSamples samples removed because they expired; not negative
 * @param downsampledSamples raw samples replaced by downsampled aggregates; not negative
 * @since 1.0
 */
public record PurgeResult(long deletedSamples, long downsampledSamples) {

  /** A purge that found nothing to do. */
  public static final PurgeResult NONE = new PurgeResult(0, 0);

  /**
   * @throws InvalidMetricException when a count is negative
   */
  public PurgeResult {
    if (deletedSamples < 0 || downsampledSamples < 0) {
      throw new InvalidMetricException(
          "purge result has deletedSamples "
              + deletedSamples
              + " and downsampledSamples "
              + downsampledSamples
              + "; expected counts of zero or more");
    }
  }

  /** The sum of this and {@code other}, for reporting a purge made of several steps. */
  public PurgeResult plus(PurgeResult other) {
    return new PurgeResult(
        Math.addExact(deletedSamples, other.deletedSamples),
        Math.addExact(downsampledSamples, other.downsampledSamples));
  }
}
