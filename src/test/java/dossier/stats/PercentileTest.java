package dossier.stats;

import static dossier.stats.DescriptiveTest.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Percentile against NumPy 2.4 {@code numpy.quantile(method="linear")} (type 7). The python3
 * command above each block printed its expected values ({@code repr}); NumPy is given the data
 * unsorted, Percentile sorted. Tolerance 1e-12 relative: closed form; NumPy interpolates from the
 * upper neighbour when the fraction is ≥ 0.5, so the two may differ in the last bit.
 */
class PercentileTest {
  private static final double REL = 1e-12;

  private static double[] sorted(double... values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  @Test
  void sevenValuesWithTiesAndNegatives() {
    double[] s = sorted(0.31, -0.2, 0.05, 0.9, 0.05, 0.44, -0.7);
    double[] q = {0, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 1};
    // python3 -c "import numpy as np; print([repr(float(x)) for x in np.quantile([0.31, -0.2, 0.05, 0.9, 0.05, 0.44, -0.7], [0, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 1], method='linear')])"
    // -> ['-0.7', '-0.625', '-0.3999999999999999', '-0.075', '0.05', '0.375', '0.6240000000000001', '0.8309999999999998', '0.9']
    double[] expected = {-0.7, -0.625, -0.3999999999999999, -0.075, 0.05, 0.375, 0.6240000000000001, 0.8309999999999998, 0.9};
    for (int i = 0; i < q.length; i++) {
      assertRel(expected[i], Percentile.ofSorted(s, q[i]), REL);
    }
  }

  @Test
  void evenCountInterpolates() {
    double[] s = sorted(4.0, 1.0, 3.0, 2.0);
    double[] q = {0, 1.0 / 3, 0.5, 0.6, 1};
    // python3 -c "import numpy as np; print([repr(float(x)) for x in np.quantile([4.0, 1.0, 3.0, 2.0], [0, 1/3, 0.5, 0.6, 1])])"
    // -> ['1.0', '2.0', '2.5', '2.8', '4.0']
    double[] expected = {1.0, 2.0, 2.5, 2.8, 4.0};
    for (int i = 0; i < q.length; i++) {
      assertRel(expected[i], Percentile.ofSorted(s, q[i]), REL);
    }
  }

  @Test
  void oneAndTwoValues() {
    // python3 -c "import numpy as np; print([repr(float(x)) for x in np.quantile([2.5], [0, 0.3, 1])])"
    // -> ['2.5', '2.5', '2.5']
    for (double q : new double[] {0, 0.3, 1}) {
      assertEquals(2.5, Percentile.ofSorted(new double[] {2.5}, q), 0.0);
    }
    // python3 -c "import numpy as np; print([repr(float(x)) for x in np.quantile([-1.5, 6.0], [0.025, 0.5, 0.975])])"
    // -> ['-1.3125', '2.25', '5.8125']
    double[] two = {-1.5, 6.0};
    assertRel(-1.3125, Percentile.ofSorted(two, 0.025), REL);
    assertRel(2.25, Percentile.ofSorted(two, 0.5), REL);
    assertRel(5.8125, Percentile.ofSorted(two, 0.975), REL);
  }

  @Test
  void deltas25() {
    double[] s = sorted(DescriptiveTest.DELTAS_25);
    // python3 -c "import numpy as np; d=np.array([0.0120, 0.0135, 0.0106, 0.0075, 0.0097, 0.0070, 0.0123, 0.0187, 0.0095, 0.0089, 0.0144, 0.0138, 0.0125, 0.0073, 0.0119, 0.0155, 0.0053, 0.0097, 0.0025, 0.0056, 0.0028, 0.0108, 0.0057, 0.0134, 0.0128]); print([repr(float(x)) for x in np.quantile(d,[0.025,0.05,0.5,0.95,0.975])])"
    // -> ['0.00268', '0.0033000000000000004', '0.0106', '0.015279999999999997', '0.016779999999999996']
    assertRel(0.00268, Percentile.ofSorted(s, 0.025), REL);
    assertRel(0.0033000000000000004, Percentile.ofSorted(s, 0.05), REL);
    assertRel(0.0106, Percentile.ofSorted(s, 0.5), REL);
    assertRel(0.015279999999999997, Percentile.ofSorted(s, 0.95), REL);
    assertRel(0.016779999999999996, Percentile.ofSorted(s, 0.975), REL);
  }

  @Test
  void argumentChecks() {
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> Percentile.ofSorted(new double[0], 0.5));
    assertEquals("percentile of no values", empty.getMessage());
    double[] s = {1, 2, 3};
    assertEquals("q must be in [0, 1]: -0.01",
        assertThrows(IllegalArgumentException.class, () -> Percentile.ofSorted(s, -0.01)).getMessage());
    assertEquals("q must be in [0, 1]: 1.01",
        assertThrows(IllegalArgumentException.class, () -> Percentile.ofSorted(s, 1.01)).getMessage());
    assertEquals("q must be in [0, 1]: NaN",
        assertThrows(IllegalArgumentException.class, () -> Percentile.ofSorted(s, Double.NaN)).getMessage());
  }
}
