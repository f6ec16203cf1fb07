package dossier.stats;

import java.util.Arrays;
import org.apache.commons.rng.core.source64.SplitMix64;

/**
 * Percentile bootstrap confidence interval of a mean.
 *
 * <p>The algorithm is pinned so that a dossier's CI can be reproduced anywhere: the generator is
 * SplitMix64 (Commons RNG {@code SPLIT_MIX_64}) seeded with the seed itself; every resample
 * draws n indices, index = ((nextLong() >>> 32) · n) >>> 32 (the top 32 bits scaled to [0, n));
 * the bounds are the (1 − level)/2 and (1 + level)/2 percentiles of the resample means by linear
 * interpolation (NumPy's default). One generator output per index means resample r starts at
 * output r·n, which lets the work be split without changing a single result.
 */
public final class Bootstrap {
  public static final String ALGORITHM = "SplitMix64";

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
    Arrays.sort(means);
    double alpha = (1 - level) / 2;
    return new Interval(Percentile.ofSorted(means, alpha), Percentile.ofSorted(means, 1 - alpha));
  }

  static double[] resampleMeans(double[] values, int resamples, long seed) {
    int n = values.length;
    SplitMix64 rng = new SplitMix64(seed);
    double[] means = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += values[(int) (((rng.nextLong() >>> 32) * n) >>> 32)];
      }
      means[r] = sum / n;
    }
    return means;
  }
}
