package dossier.stats;

import static dossier.stats.DescriptiveTest.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Percentile against NumPy 2.4 {@code numpy.quantile(method="linear")} (type 7). The python3
 * command above each block printed its expected values ({@code repr}); both are given the data
 * unsorted. Tolerance 1e-12 relative: closed form; NumPy interpolates from the upper neighbour when
 * the fraction is ≥ 0.5, so the two may differ in the last bit.
 */
class PercentileTest {
  private static final double REL = 1e-12;

  /** A fresh copy each time: {@link Percentile#of} reorders what it is given. */
  private static double of(double[] values, double q) {
    return Percentile.of(values.clone(), q);
  }

  @Test
  void sevenValuesWithTiesAndNegatives() {
    double[] s = {0.31, -0.2, 0.05, 0.9, 0.05, 0.44, -0.7};
    double[] q = {0, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 1};
    // python3 -c "import numpy as np; print([repr(float(x)) for x in np.quantile([0.31, -0.2, 0.05, 0.9, 0.05, 0.44, -0.7], [0, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 1], method='linear')])"
    // -> ['-0.7', '-0.625', '-0.3999999999999999', '-0.075', '0.05', '0.375', '0.6240000000000001', '0.8309999999999998', '0.9']
    double[] expected = {-0.7, -0.625, -0.3999999999999999, -0.075, 0.05, 0.375, 0.6240000000000001, 0.8309999999999998, 0.9};
    for (int i = 0; i < q.length; i++) {
      assertRel(expected[i], of(s, q[i]), REL);
    }
  }

  @Test
  void evenCountInterpolates() {
    double[] s = {4.0, 1.0, 3.0, 2.0};
    double[] q = {0, 1.0 / 3, 0.5, 0.6, 1};
    // python3 -c "import numpy as np; print([repr(float(x)) for x in np.quantile([4.0, 1.0, 3.0, 2.0], [0, 1/3, 0.5, 0.6, 1])])"
    // -> ['1.0', '2.0', '2.5', '2.8', '4.0']
    double[] expected = {1.0, 2.0, 2.5, 2.8, 4.0};
    for (int i = 0; i < q.length; i++) {
      assertRel(expected[i], of(s, q[i]), REL);
    }
  }

  @Test
  void oneAndTwoValues() {
    // python3 -c "import numpy as np; print([repr(float(x)) for x in np.quantile([2.5], [0, 0.3, 1])])"
    // -> ['2.5', '2.5', '2.5']
    for (double q : new double[] {0, 0.3, 1}) {
      assertEquals(2.5, of(new double[] {2.5}, q), 0.0);
    }
    // python3 -c "import numpy as np; print([repr(float(x)) for x in np.quantile([-1.5, 6.0], [0.025, 0.5, 0.975])])"
    // -> ['-1.3125', '2.25', '5.8125']
    double[] two = {-1.5, 6.0};
    assertRel(-1.3125, of(two, 0.025), REL);
    assertRel(2.25, of(two, 0.5), REL);
    assertRel(5.8125, of(two, 0.975), REL);
  }

  @Test
  void deltas25() {
    double[] s = DescriptiveTest.DELTAS_25;
    // python3 -c "import numpy as np; d=np.array([0.0120, 0.0135, 0.0106, 0.0075, 0.0097, 0.0070, 0.0123, 0.0187, 0.0095, 0.0089, 0.0144, 0.0138, 0.0125, 0.0073, 0.0119, 0.0155, 0.0053, 0.0097, 0.0025, 0.0056, 0.0028, 0.0108, 0.0057, 0.0134, 0.0128]); print([repr(float(x)) for x in np.quantile(d,[0.025,0.05,0.5,0.95,0.975])])"
    // -> ['0.00268', '0.0033000000000000004', '0.0106', '0.015279999999999997', '0.016779999999999996']
    assertRel(0.00268, of(s, 0.025), REL);
    assertRel(0.0033000000000000004, of(s, 0.05), REL);
    assertRel(0.0106, of(s, 0.5), REL);
    assertRel(0.015279999999999997, of(s, 0.95), REL);
    assertRel(0.016779999999999996, of(s, 0.975), REL);
  }

  @Test
  void argumentChecks() {
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> Percentile.of(new double[0], 0.5));
    assertEquals("percentile of no values", empty.getMessage());
    double[] s = {1, 2, 3};
    assertEquals("q must be in [0, 1]: -0.01",
        assertThrows(IllegalArgumentException.class, () -> of(s, -0.01)).getMessage());
    assertEquals("q must be in [0, 1]: 1.01",
        assertThrows(IllegalArgumentException.class, () -> of(s, 1.01)).getMessage());
    assertEquals("q must be in [0, 1]: NaN",
        assertThrows(IllegalArgumentException.class, () -> of(s, Double.NaN)).getMessage());
  }

  /**
   * Selection puts at the two ranks the numbers a sort puts there, so the percentile of unsorted
   * values is bit for bit the interpolation on the sorted array: random arrays with many ties, as
   * bootstrap means of few folds have, signed zeros and both tails.
   */
  @Test
  void equalsTheInterpolationOfTheSortedArray() {
    UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(20261206L);
    double[] qs = {0, 0.025, 0.05, 0.5, 0.95, 0.975, 1};
    for (int trial = 0; trial < 2000; trial++) {
      int n = 1 + rng.nextInt(trial % 2 == 0 ? 40 : 3000);
      int distinct = 1 + rng.nextInt(12);
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        int v = rng.nextInt(distinct) - distinct / 2;
        values[i] = v == 0 ? (rng.nextBoolean() ? 0.0 : -0.0) : v * 0.0125 + (trial % 3 == 0 ? rng.nextDouble() : 0);
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      for (double q : qs) {
        double h = (n - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        double expected = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(of(values, q)),
            () -> "n=" + values.length + " q=" + q + " " + Arrays.toString(values));
      }
    }
  }
}
