package dossier.stats;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * Benjamini–Hochberg adjusted p-values, the standard monotone step-up definition (statsmodels
 * {@code multipletests(method="fdr_bh")}, SciPy {@code false_discovery_control}):
 * p_adj(i) = min over j ≥ i of (m / j) · p(j), p sorted ascending, capped at 1.
 */
public final class BenjaminiHochberg {
  private BenjaminiHochberg() {}

  /**
   * The adjusted p of each test; an undefined p (a test that could not be run, e.g. deltas without
   * spread) still counts in m, as p = 1: it was a comparison made, and dropping it would make the
   * others look stronger. Its own adjusted p stays undefined.
   */
  public static List<OptionalDouble> adjust(List<OptionalDouble> p) {
    double[] adjusted = adjust(p.stream().mapToDouble(x -> x.orElse(1.0)).toArray());
    return IntStream.range(0, p.size())
        .mapToObj(i -> p.get(i).isPresent() ? OptionalDouble.of(adjusted[i]) : OptionalDouble.empty())
        .toList();
  }

  /** Every p in [0, 1]. */
  public static double[] adjust(double[] p) {
    for (double x : p) {
      if (!(x >= 0 && x <= 1)) {
        throw new IllegalArgumentException("p must be in [0, 1]: " + x);
      }
    }
    Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (i, j) -> Double.compare(p[i], p[j]));
    int m = order.length;
    double[] adjusted = new double[p.length];
    double running = 1.0;
    for (int rank = m; rank >= 1; rank--) {
      int i = order[rank - 1];
      running = Math.min(running, p[i] * m / rank);
      adjusted[i] = running;
    }
    return adjusted;
  }
}
