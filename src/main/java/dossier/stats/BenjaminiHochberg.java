package dossier.stats;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Benjamini–Hochberg adjusted p-values, the standard monotone step-up definition (statsmodels
 * {@code multipletests(method="fdr_bh")}, SciPy {@code false_discovery_control}):
 * p_adj(i) = min over j ≥ i of (m / j) · p(j), p sorted ascending, capped at 1.
 */
public final class BenjaminiHochberg {
  private BenjaminiHochberg() {}

  /** A NaN p (a test that could not be run) stays NaN and does not count in m. */
  public static double[] adjust(double[] p) {
    Integer[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (i, j) -> Double.compare(p[i], p[j]));
    int m = order.length;
    double[] adjusted = new double[p.length];
    Arrays.fill(adjusted, Double.NaN);
    double running = 1.0;
    for (int rank = m; rank >= 1; rank--) {
      int i = order[rank - 1];
      running = Math.min(running, p[i] * m / rank);
      adjusted[i] = running;
    }
    return adjusted;
  }
}
