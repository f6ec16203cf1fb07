package dossier.stats;

import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.RegularizedBeta;

/**
 * The noncentral t distribution with {@code df} degrees of freedom and noncentrality {@code
 * delta}, which Commons Statistics 1.2 does not have. Its CDF is the series of Lenth (1989, AS
 * 243) in regularized incomplete beta functions, for t ≥ 0 and x = t² / (t² + df):
 *
 * <pre>
 *   F(t)     = Φ(−δ) + ½ Σ_j [P_j · I_x(j + ½, df/2) + Q_j · I_x(j + 1, df/2)]
 *   1 − F(t) =         ½ Σ_j [P_j · I_{1−x}(df/2, j + ½) + Q_j · I_{1−x}(df/2, j + 1)]
 *   P_j = e^(−δ²/2) (δ²/2)^j / j!      Q_j = δ/√2 · e^(−δ²/2) (δ²/2)^j / Γ(j + 3/2)
 * </pre>
 *
 * The second line follows from the first with Σ P_j = 1 and ½ Σ Q_j = Φ(δ) − ½; it has no
 * subtraction, so a small upper tail keeps its relative precision (AS 243 computes it as 1 − F).
 * For t < 0, F(t; δ) = 1 − F(−t; −δ). Terms are summed from the largest Poisson weight (j ≈ δ²/2)
 * outwards, as Boost does, so that a large δ neither underflows e^(−δ²/2) nor needs δ²/2 terms
 * before the ones that matter. Where δ and t have opposite signs the tail asked for is a
 * difference of the two sums (Q_j < 0): its absolute error stays near 1e-16, so its relative
 * error grows as it falls below about 1e-7 (RobustnessTest holds it to SciPy accordingly).
 */
public final class NoncentralT {
  private static final double SQRT2 = Math.sqrt(2);
  /** A term this much smaller than the sum so far no longer changes it. */
  private static final double EPSILON = 1e-17;

  private final double df;
  private final double delta;

  private NoncentralT(double df, double delta) {
    if (!(df > 0) || !Double.isFinite(delta)) {
      throw new IllegalArgumentException("df must be > 0 and delta finite: " + df + ", " + delta);
    }
    this.df = df;
    this.delta = delta;
  }

  public static NoncentralT of(double df, double delta) {
    return new NoncentralT(df, delta);
  }

  /** P(T ≤ t). */
  public double cdf(double t) {
    return clamp(t >= 0 ? lower(t, delta) : upper(-t, -delta));
  }

  /** P(T > t). */
  public double survival(double t) {
    return clamp(t >= 0 ? upper(t, delta) : lower(-t, -delta));
  }

  /** A difference of the two sums may round a few 1e-16 outside [0, 1]. */
  private static double clamp(double p) {
    return Math.max(0, Math.min(1, p));
  }

  /** F(t) for t ≥ 0. */
  private double lower(double t, double d) {
    return phi(-d) + 0.5 * series(t, d, false);
  }

  /** 1 − F(t) for t ≥ 0. */
  private double upper(double t, double d) {
    return 0.5 * series(t, d, true);
  }

  private double series(double t, double d, boolean complement) {
    if (t == 0) {
      // x = 0: every I_x is 0, every I_{1−x} is 1.
      return complement ? 2 * phi(d) : 0;
    }
    double x = t * t / (t * t + df);
    double lambda = d * d / 2;
    int peak = (int) Math.floor(lambda);
    double sum = 0;
    // Upwards from the peak: the weights fall, and so does I_x(j + ½, df/2) as j grows.
    for (int j = peak; ; j++) {
      double term = term(j, x, d, lambda, complement);
      sum += term;
      double weight = weight(j, d, lambda);
      // Past the peak the weights fall at least geometrically by λ / (j + 1): bound the rest by it.
      double ratio = lambda / (j + 1);
      if (j > lambda && ratio < 1 && weight / (1 - ratio) <= EPSILON * Math.abs(sum)) {
        break;
      }
      if (weight == 0 || j - peak > 100_000) {
        break;
      }
    }
    // Downwards from the peak: the weights fall too; each term is at most its weight.
    for (int j = peak - 1; j >= 0; j--) {
      double term = term(j, x, d, lambda, complement);
      sum += term;
      if (weight(j, d, lambda) * (j + 1) <= EPSILON * Math.abs(sum)) {
        break;
      }
    }
    return sum;
  }

  /** P_j · I + Q_j · I of one j: the two beta functions in the form asked for. */
  private double term(int j, double x, double d, double lambda, boolean complement) {
    double p = poisson(j, lambda, 1);
    double q = d == 0 ? 0 : d / SQRT2 * poisson(j, lambda, 1.5);
    double b = df / 2;
    double ip = complement ? RegularizedBeta.complement(x, j + 0.5, b) : RegularizedBeta.value(x, j + 0.5, b);
    double iq = complement ? RegularizedBeta.complement(x, j + 1, b) : RegularizedBeta.value(x, j + 1, b);
    return p * ip + q * iq;
  }

  /** P_j + |Q_j|: the most a term can add. */
  private static double weight(int j, double d, double lambda) {
    return poisson(j, lambda, 1) + Math.abs(d) / SQRT2 * poisson(j, lambda, 1.5);
  }

  /** e^(−λ) λ^j / Γ(j + shift); for λ = 0, 1 / Γ(shift) at j = 0 and 0 after. */
  private static double poisson(int j, double lambda, double shift) {
    if (lambda == 0) {
      return j == 0 ? Math.exp(-LogGamma.value(shift)) : 0;
    }
    return Math.exp(-lambda + j * Math.log(lambda) - LogGamma.value(j + shift));
  }

  /** Φ(z), the standard normal CDF, with its tail's relative precision. */
  static double phi(double z) {
    return 0.5 * Erfc.value(-z / SQRT2);
  }
}
