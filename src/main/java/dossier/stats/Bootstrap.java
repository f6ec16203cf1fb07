package dossier.stats;

import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

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
 * of an n keeps its indices ({@link Draws}), and the others only add up the values at them (a pure
 * function of its key, kept for the process only): the big sweeps draw once, not once per variant
 * (bench/README.md says what that saves).
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
    return new Interval(Percentile.of(means, alpha), Percentile.of(means, 1 - alpha));
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
   * Resamples {@code from} (inclusive) to {@code to} (exclusive), as the sequential pass draws them:
   * a SplitMix64 seeded with {@code seed + r·n·γ} is where the one seeded with {@code seed} is after
   * the r·n draws of resamples 0 to r − 1. When {@code record} is not null, the index of draw k of
   * resample r goes to {@code record[r·n + k]}.
   */
  private static void fill(double[] values, double[] means, int from, int to, long seed, int[] record) {
    int n = values.length;
    UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(seed + from * (n * GOLDEN_GAMMA));
    for (int r = from; r < to; r++) {
      double sum = 0;
      for (int k = 0; k < n; k++) {
        int i = index(rng.nextLong(), n);
        if (record != null) {
          record[r * n + k] = i;
        }
        sum += values[i];
      }
      means[r] = sum / n;
    }
  }

  /** {@link #fill}'s sums over indices drawn before, in the same order, so bit for bit the same means. */
  private static void gather(double[] values, double[] means, int from, int to, int[] drawn) {
    int n = values.length;
    for (int r = from; r < to; r++) {
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += values[drawn[r * n + k]];
      }
      means[r] = sum / n;
    }
  }

  /** An index in [0, n) from the top 32 bits of a draw. */
  private static int index(long draw, int n) {
    return (int) (((draw >>> 32) * n) >>> 32);
  }
}
