package dossier.sample;

import java.util.Arrays;

/**
 * A metric of a sample sweep whose paired differences must have an exact mean, built in
 * micro-units:
 *
 * <pre>
 *   baseline[c][f] = level[c] + rotate(foldPattern, c)[f]
 *   variant v:       baseline[c][f] + meanDelta[v] + deltaOffset[v][c] + rotate(deltaPattern, c + 2v)[f]
 * </pre>
 *
 * <p>The fold patterns and every variant's offsets sum to zero, so the mean of the paired
 * differences over all crypto × fold pairs is exactly {@code meanDelta[v]}, while the
 * per-crypto differences vary (the offsets) and so do the per-fold ones (the rotated pattern).
 * Index 0 of the variant arrays is the baseline: its delta and offsets must be 0.
 */
public final class PairedMetric {
  private final long[] levels;
  private final long[] foldPattern;
  private final long[] meanDeltas;
  private final long[][] deltaOffsets;
  private final long[] deltaPattern;

  public PairedMetric(
      long[] levels, long[] foldPattern, long[] meanDeltas, long[][] deltaOffsets, long[] deltaPattern) {
    Construction.pattern(foldPattern);
    Construction.pattern(deltaPattern);
    if (foldPattern.length != deltaPattern.length) {
      throw new IllegalArgumentException("fold patterns of different lengths");
    }
    if (meanDeltas.length != deltaOffsets.length || meanDeltas.length == 0) {
      throw new IllegalArgumentException("one mean delta and one offset row per variant");
    }
    if (meanDeltas[0] != 0 || Arrays.stream(deltaOffsets[0]).anyMatch(o -> o != 0)) {
      throw new IllegalArgumentException("variant 0 is the baseline: its delta and offsets must be 0");
    }
    for (long[] offsets : deltaOffsets) {
      if (offsets.length != levels.length) {
        throw new IllegalArgumentException("one offset per crypto: " + Arrays.toString(offsets));
      }
      Construction.pattern(offsets);
    }
    this.levels = levels.clone();
    this.foldPattern = foldPattern.clone();
    this.meanDeltas = meanDeltas.clone();
    this.deltaOffsets = Arrays.stream(deltaOffsets).map(long[]::clone).toArray(long[][]::new);
    this.deltaPattern = deltaPattern.clone();
  }

  /** The values of variant {@code v} for crypto {@code c}, one per fold, micro-units. */
  public long[] values(int v, int c) {
    long[] baseline = Construction.around(levels[c], Construction.rotate(foldPattern, c));
    if (v == 0) {
      return baseline;
    }
    long[] delta = Construction.around(meanDeltas[v] + deltaOffsets[v][c], Construction.rotate(deltaPattern, c + 2 * v));
    return Construction.plus(baseline, delta);
  }
}
