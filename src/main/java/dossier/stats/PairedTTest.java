package dossier.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/** Two-sided paired t-test on the differences, as SciPy's {@code ttest_rel}. */
public final class PairedTTest {
  private PairedTTest() {}

  public record Result(double t, int df, double p) {}

  public static Result test(double[] deltas) {
    int n = deltas.length;
    if (n < 2) {
      return new Result(Double.NaN, n - 1, Double.NaN);
    }
    double t = Descriptive.mean(deltas) / (Descriptive.standardDeviation(deltas) / Math.sqrt(n));
    // survivalProbability keeps precision in the far tail, where 1 - cdf would round to 0.
    double p = 2 * TDistribution.of(n - 1).survivalProbability(Math.abs(t));
    return new Result(t, n - 1, Math.min(1, p));
  }
}
