package dossier.stats;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.numbers.rootfinder.BrentSolver;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The figures that do not treat the crypto × fold pairs as independent. The folds of one crypto
 * share training data and time, so their deltas are correlated: the paired t-test is corrected
 * within each crypto after Nadeau and Bengio (2003), the cryptos being independent of each other.
 * For crypto c with n_c pairs, mean m_c and sample variance s_c², N = Σ n_c and r = n_test /
 * n_train of the folds:
 *
 * <pre>
 *   mean Δ = Σ n_c · m_c / N      SE² = Σ (n_c / N)² · (1/n_c + r) · s_c²      df = Σ (n_c − 1)
 * </pre>
 *
 * t = mean Δ / SE, two-sided p, and the t intervals at 95 % and at 1 − 0.05/m (Bonferroni over
 * the m variants of the branch, for the LOCK rule). The posterior of the mean Δ under the same
 * model with a flat prior (the correlated Bayesian t-test of Benavoli et al. 2017) is Student t
 * with df, centred on mean Δ, scale SE: its mass above +g, within ±g and below −g, g being gate
 * 1's threshold. Power is that of the two-sided test at α = 0.05 against a true Δ of +g
 * (noncentral t, ncp = g / SE), and MDE80 the smallest Δ it detects with power 0.8, both at the
 * observed spread.
 *
 * @param se the corrected standard error of the mean Δ
 * @param df Σ (n_c − 1)
 * @param ciLowFamily the interval at 1 − 0.05/m, which gate 1's LOCK rule reads
 * @param pBetter P(Δ > +g); {@code pRope}: P(|Δ| ≤ g); {@code pWorse}: P(Δ < −g)
 * @param powerAt g, the true Δ the power is computed at
 */
public record Robustness(
    double meanDelta, double se, int df, double t, double p, double ciLow, double ciHigh, double ciLowFamily,
    double ciHighFamily, double pBetter, double pRope, double pWorse, double powerAt, double power, double mde80) {

  /** The level of the test, of the intervals (1 − α) and of the power. */
  public static final double ALPHA = 0.05;
  /** The power that MDE80 asks for. */
  public static final double TARGET_POWER = 0.8;

  /**
   * How a branch's corrected figures are computed.
   *
   * @param ratio r = n_test / n_train; NaN for the default 1/(k − 1) of k folds
   * @param rope g, gate 1's threshold: the half-width of the region of practical equivalence
   */
  public record Settings(double ratio, double rope) {
    /** The plan's defaults: r = 1/(k − 1), g = gate 1's min_delta of the shipped plan. */
    public static final Settings DEFAULT = new Settings(Double.NaN, 0.015);

    /** The ratio of k-fold cross-validation: each fold tests on 1/k and trains on the other (k − 1)/k. */
    public double ratio(int folds) {
      return Double.isNaN(ratio) ? (folds < 2 ? Double.NaN : 1.0 / (folds - 1)) : ratio;
    }
  }

  /** Why the corrected figures are undefined. */
  public enum Undefined {
    /** No crypto has a pair (every attempt of the variant, or of the baseline, failed). */
    NO_PAIRS("there is no pair"),
    /** A crypto with pairs has only one: its variance, and so SE, is unknown. */
    ONE_PAIR_CRYPTO("a crypto has a single pair, so its variance is unknown"),
    /** Every crypto's deltas are equal (at the rounding level of the values). */
    NO_SPREAD("the deltas are all equal within each crypto (SE 0)");

    private final String words;

    Undefined(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /**
   * The corrected figures of deltas grouped by crypto (cryptos without a pair left out), or why
   * they are undefined.
   *
   * @param scale the largest |value| paired: an SE within 64 ulp of it is rounding, not spread
   *     (the rule of {@link BranchStats#inference})
   * @param ratio r, already resolved for the sweep's folds
   */
  public static Result of(List<double[]> byCrypto, double scale, double ratio, double rope, int family) {
    return of(byCrypto, scale, ratio, rope, family, true);
  }

  /**
   * The same; without {@code power}, power and MDE80 are NaN (the LOCK simulation needs only the
   * intervals, and root-finding MDE80 costs more than all the rest).
   */
  public static Result of(List<double[]> byCrypto, double scale, double ratio, double rope, int family,
      boolean power) {
    List<double[]> groups = byCrypto.stream().filter(d -> d.length > 0).toList();
    if (groups.isEmpty()) {
      return new Result(Optional.empty(), Optional.of(Undefined.NO_PAIRS));
    }
    if (groups.stream().anyMatch(d -> d.length < 2) || !(ratio >= 0)) {
      return new Result(Optional.empty(), Optional.of(Undefined.ONE_PAIR_CRYPTO));
    }
    int n = groups.stream().mapToInt(d -> d.length).sum();
    double sum = 0;
    double se2 = 0;
    int df = 0;
    for (double[] d : groups) {
      double w = (double) d.length / n;
      sum += Descriptive.mean(d) * d.length;
      se2 += w * w * (1.0 / d.length + ratio) * Descriptive.variance(d);
      df += d.length - 1;
    }
    double mean = sum / n;
    double se = Math.sqrt(se2);
    if (se <= 64 * Math.ulp(scale)) {
      return new Result(Optional.empty(), Optional.of(Undefined.NO_SPREAD));
    }
    TDistribution tdist = TDistribution.of(df);
    double t = mean / se;
    // survivalProbability keeps precision in the far tail, where 1 - cdf would round to 0.
    double p = Math.min(1, 2 * tdist.survivalProbability(Math.abs(t)));
    double q = tdist.inverseSurvivalProbability(ALPHA / 2);
    double qFamily = tdist.inverseSurvivalProbability(ALPHA / 2 / family);
    // The posterior's tails: each as the smaller side of the t distribution, so that a mass near 0
    // keeps its digits; the mass between them is computed on the side where it is not a difference of
    // two numbers near 1.
    double above = (rope - mean) / se;
    double below = (-rope - mean) / se;
    double pBetter = tdist.survivalProbability(above);
    double pWorse = tdist.cumulativeProbability(below);
    double pRope;
    if (above <= 0) {
      pRope = tdist.cumulativeProbability(above) - pWorse;
    } else if (below >= 0) {
      pRope = tdist.survivalProbability(below) - pBetter;
    } else {
      pRope = 1 - pBetter - pWorse;
    }
    double atRope = power ? power(rope / se, df, q) : Double.NaN;
    double mde = power ? mde(df) * se : Double.NaN;
    return new Result(Optional.of(new Robustness(mean, se, df, t, p, mean - q * se, mean + q * se,
        mean - qFamily * se, mean + qFamily * se, pBetter, pRope, pWorse, rope, atRope, mde)), Optional.empty());
  }

  /** The corrected figures, or why they are undefined: exactly one of the two is present. */
  public record Result(Optional<Robustness> figures, Optional<Undefined> undefined) {}

  /**
   * The power of the two-sided test at ncp: P(T > q) + P(T < −q), T noncentral t. Past ncp = 80 ·
   * max(q, 1) the miss probability is below 1e-300 (P(Z < −40) and P(χ²_df > 1600·df)), so the power
   * is 1 as a double, and the series, whose length grows with ncp, is not summed.
   */
  static double power(double ncp, int df, double q) {
    if (ncp >= 80 * Math.max(q, 1)) {
      return 1;
    }
    NoncentralT nct = NoncentralT.of(df, ncp);
    return Math.min(1, nct.survival(q) + Math.max(0, nct.cdf(-q)));
  }

  /** MDE80 in units of SE by df, found once per process ({@link #mde(int)}). */
  private static final Map<Integer, Double> MDE_BY_DF = new ConcurrentHashMap<>();

  /**
   * MDE80 in units of SE: the ncp at which the power is {@link #TARGET_POWER}. It depends on df
   * alone (q is the t quantile of df), and the variants of a branch, and the dossiers of a
   * {@code check}, mostly share df: each df's root is found once per process (a pure function of
   * its key, as {@link Draws} keeps the bootstrap's indices).
   */
  static double mde(int df) {
    return MDE_BY_DF.computeIfAbsent(df, k -> mde(k, TDistribution.of(k).inverseSurvivalProbability(ALPHA / 2)));
  }

  /**
   * The ncp at which the power is {@link #TARGET_POWER}: power rises with ncp from α at 0, so the
   * root is bracketed by doubling, then found by Brent's method to the last digits.
   */
  static double mde(int df, double q) {
    double high = 1;
    while (power(high, df, q) < TARGET_POWER) {
      high *= 2;
    }
    return new BrentSolver(1e-15, 1e-15, 0).findRoot(ncp -> power(ncp, df, q) - TARGET_POWER, 0, high);
  }
}
