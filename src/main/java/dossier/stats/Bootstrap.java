package dossier.stats;

import java.util.stream.IntStream;

/**
 * Percentile bootstrap confidence interval of a mean.
 *
 * <p>The algorithm is pinned so that a dossier's CI can be reproduced anywhere: the generator is
 * SplitMix64 (Commons RNG {@code SPLIT_MIX_64}) seeded with the seed itself; every resample
 * draws n indices, index = ((nextLong() >>> 32) · n) >>> 32 (the top 32 bits scaled to [0, n));
 * the bounds are the (1 − level)/2 and (1 + level)/2 percentiles of the resample means by linear
 * interpolation (NumPy's default).
 *
 * <p>Resamples are computed in parallel chunks with the very same numbers as one sequential
 * pass: SplitMix64's state after k outputs is {@code seed + k·γ}, so the chunk starting at
 * resample r seeds its own generator at output r·n. The result does not depend on the number of
 * cores or on the order in which chunks finish.
 */
public final class Bootstrap {
  public static final String ALGORITHM = "SplitMix64";

  /** SplitMix64's state increment (the golden gamma), as Commons RNG defines it. */
  static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  // Below this many index draws a single thread is faster than starting the pool's workers.
  private static final long PARALLEL_THRESHOLD = 200_000;
  private static final int CHUNK = 500;

  private Bootstrap() {}

  public record Interval(double low, double high) {}

  public static Interval percentileInterval(double[] values, int resamples, long seed, double level) {
    if (values.length == 0) {
      throw new IllegalArgumentException("bootstrap of no values");
    }
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be ≥ 1: " + resamples);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1): " + level);
    }
    double[] means = resampleMeans(values, resamples, seed);
    double alpha = (1 - level) / 2;
    return new Interval(Percentile.select(means, alpha), Percentile.select(means, 1 - alpha));
  }

  static double[] resampleMeans(double[] values, int resamples, long seed) {
    double[] means = new double[resamples];
    int chunks = (resamples + CHUNK - 1) / CHUNK;
    IntStream range = IntStream.range(0, chunks);
    if ((long) resamples * values.length >= PARALLEL_THRESHOLD) {
      range = range.parallel();
    }
    range.forEach(c -> fill(values, means, c * CHUNK, Math.min(resamples, (c + 1) * CHUNK), seed));
    return means;
  }

  /**
   * Resamples {@code from} (inclusive) to {@code to} (exclusive), as the sequential pass would draw them.
   *
   * <p>SplitMix64 is written out here rather than called through Commons RNG: the launcher runs with
   * the C1 compiler only, which compiles the call and the generator's field updates as written. Two
   * resamples are drawn side by side, each from its own position of the stream and each summed in
   * its own order, so their two chains of additions overlap in the processor (the result is the
   * same bit for bit; {@code BootstrapParallelTest} checks both against Commons RNG's SplitMix64). About 1.7×
   * faster than one resample at a time through Commons RNG under C1.
   */
  private static void fill(double[] values, double[] means, int from, int to, long seed) {
    int n = values.length;
    long stride = n * GOLDEN_GAMMA; // the state advance of one resample (wraps, as the generator does)
    long state = seed + from * stride;
    int r = from;
    for (; r + 1 < to; r += 2) {
      long a = state;
      long b = state + stride;
      double sumA = 0;
      double sumB = 0;
      for (int k = 0; k < n; k++) {
        a += GOLDEN_GAMMA;
        b += GOLDEN_GAMMA;
        sumA += values[index(mix(a), n)];
        sumB += values[index(mix(b), n)];
      }
      means[r] = sumA / n;
      means[r + 1] = sumB / n;
      state += 2 * stride;
    }
    if (r < to) {
      double sum = 0;
      for (int k = 0; k < n; k++) {
        state += GOLDEN_GAMMA;
        sum += values[index(mix(state), n)];
      }
      means[r] = sum / n;
    }
  }

  /** SplitMix64's output for a state: Stafford's variant 13 of the MurmurHash3 finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** An index in [0, n) from the top 32 bits of a draw. */
  private static int index(long draw, int n) {
    return (int) (((draw >>> 32) * n) >>> 32);
  }
}
