package dossier.stats;

import org.apache.commons.numbers.arrays.Selection;

/**
 * Percentiles by linear interpolation between closest ranks, the definition of NumPy's default
 * {@code percentile(method="linear")} (Hyndman & Fan type 7).
 */
public final class Percentile {
  private Percentile() {}

  /**
   * {@code q} in [0, 1] of {@code values}, which it reorders: the two order statistics it
   * interpolates are put in place by Commons Numbers' {@link Selection}, which does not sort the
   * rest, and are the numbers a sort would put there.
   */
  public static double of(double[] values, double q) {
    if (values.length == 0) {
      throw new IllegalArgumentException("percentile of no values");
    }
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in [0, 1]: " + q);
    }
    double h = (values.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, values.length - 1);
    Selection.select(values, new int[] {lo, hi});
    return values[lo] + (h - lo) * (values[hi] - values[lo]);
  }
}
