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
 *
 * <p>The indices drawn depend only on n, the number of resamples and the seed, never on the values.
 * The variants of a sweep, and the dossiers of a {@code check}, mostly share n: the first bootstrap
 * of an n keeps its indices ({@link Draws}), and the others only add up the values at them, about
 * 2.5–3× faster than drawing again (a pure function of its key, kept for the process only).
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
    double[] bounds = Percentile.select(means, alpha, 1 - alpha);
    return new Interval(bounds[0], bounds[1]);
  }

  static double[] resampleMeans(double[] values, int resamples, long seed) {
    return resampleMeans(values, resamples, seed, DRAWS);
  }

  static double[] resampleMeans(double[] values, int resamples, long seed, Draws draws) {
    double[] means = new double[resamples];
    Draws.Key key = new Draws.Key(values.length, resamples, seed);
    int[] drawn = draws.get(key);
    // Null when the indices of this key would not be kept (too many): then they are not recorded.
    int[] record = drawn == null && draws.makeRoom(key) ? new int[values.length * resamples] : null;
    int chunks = (resamples + CHUNK - 1) / CHUNK;
    IntStream range = IntStream.range(0, chunks);
    if ((long) resamples * values.length >= PARALLEL_THRESHOLD) {
      range = range.parallel();
    }
    range.forEach(c -> {
      int from = c * CHUNK;
      int to = Math.min(resamples, from + CHUNK);
      if (drawn != null) {
        gather(values, means, from, to, drawn);
      } else {
        fill(values, means, from, to, seed, record);
      }
    });
    if (record != null) {
      draws.put(key, record); // after forEach: every chunk has written its part
    }
    return means;
  }

  /** The index draws kept for the process (bounded by the heap, see {@link Draws#forHeap}). */
  private static final Draws DRAWS = Draws.forHeap(Runtime.getRuntime().maxMemory());

  /**
   * Resamples {@code from} (inclusive) to {@code to} (exclusive), as the sequential pass would draw them.
   *
   * <p>SplitMix64 is written out here rather than called through Commons RNG: the launcher runs with
   * the C1 compiler only, which compiles the call and the generator's field updates as written. Two
   * resamples are drawn side by side, each from its own position of the stream and each summed in
   * its own order, so their two chains of additions overlap in the processor (the result is the
   * same bit for bit; {@code BootstrapParallelTest} checks both against Commons RNG's SplitMix64). About 1.7×
   * faster than one resample at a time through Commons RNG under C1. When {@code record} is not
   * null, the index of draw k of resample r goes to {@code record[r·n + k]}.
   */
  private static void fill(double[] values, double[] means, int from, int to, long seed, int[] record) {
    int n = values.length;
    long stride = n * GOLDEN_GAMMA; // the state advance of one resample (wraps, as the generator does)
    long state = seed + from * stride;
    int r = from;
    for (; r + 1 < to; r += 2) {
      long a = state;
      long b = state + stride;
      double sumA = 0;
      double sumB = 0;
      int at = r * n;
      for (int k = 0; k < n; k++) {
        a += GOLDEN_GAMMA;
        b += GOLDEN_GAMMA;
        int i = index(mix(a), n);
        int j = index(mix(b), n);
        if (record != null) {
          record[at + k] = i;
          record[at + n + k] = j;
        }
        sumA += values[i];
        sumB += values[j];
      }
      means[r] = sumA / n;
      means[r + 1] = sumB / n;
      state += 2 * stride;
    }
    if (r < to) {
      double sum = 0;
      int at = r * n;
      for (int k = 0; k < n; k++) {
        state += GOLDEN_GAMMA;
        int i = index(mix(state), n);
        if (record != null) {
          record[at + k] = i;
        }
        sum += values[i];
      }
      means[r] = sum / n;
    }
  }

  /** {@link #fill}'s sums over indices drawn before, in the same order, so bit for bit the same means. */
  private static void gather(double[] values, double[] means, int from, int to, int[] drawn) {
    int n = values.length;
    int r = from;
    for (; r + 1 < to; r += 2) {
      double sumA = 0;
      double sumB = 0;
      int at = r * n;
      for (int k = 0; k < n; k++) {
        sumA += values[drawn[at + k]];
        sumB += values[drawn[at + n + k]];
      }
      means[r] = sumA / n;
      means[r + 1] = sumB / n;
    }
    if (r < to) {
      double sum = 0;
      int at = r * n;
      for (int k = 0; k < n; k++) {
        sum += values[drawn[at + k]];
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
