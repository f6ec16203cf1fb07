package dossier.stats;

/**
 * Percentiles by linear interpolation between closest ranks, the definition of NumPy's default
 * {@code percentile(method="linear")} (Hyndman & Fan type 7).
 */
public final class Percentile {
  private Percentile() {}

  /** {@code q} in [0, 1]; {@code sorted} ascending. */
  public static double ofSorted(double[] sorted, double q) {
    checkArguments(sorted, q);
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private static void checkArguments(double[] values, double q) {
    if (values.length == 0) {
      throw new IllegalArgumentException("percentile of no values");
    }
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in [0, 1]: " + q);
    }
  }
}
