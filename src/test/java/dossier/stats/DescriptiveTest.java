package dossier.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Descriptive against NumPy 2.4 ({@code numpy.mean}, {@code numpy.var(ddof=1)},
 * {@code numpy.std(ddof=1)}). Each expected value was printed by the python3 command above it, run
 * from the repository root; values are {@code repr} (round-trip exact) and compared at 1e-12
 * relative: both sides are closed forms, differing only in summation order (NumPy sums pairwise).
 */
class DescriptiveTest {
  private static final double REL = 1e-12;

  /** 25 paired accuracy deltas, also used by the other stats tests. */
  static final double[] DELTAS_25 = {
    0.0120, 0.0135, 0.0106, 0.0075, 0.0097, 0.0070, 0.0123, 0.0187, 0.0095, 0.0089, 0.0144, 0.0138,
    0.0125, 0.0073, 0.0119, 0.0155, 0.0053, 0.0097, 0.0025, 0.0056, 0.0028, 0.0108, 0.0057, 0.0134,
    0.0128
  };

  static void assertRel(double expected, double actual, double rel) {
    assertEquals(expected, actual, rel * Math.abs(expected), () -> "expected " + expected + " got " + actual);
  }

  @Test
  void deltas25MatchNumpy() {
    // python3 -c "import numpy as np; d=np.array([0.0120, 0.0135, 0.0106, 0.0075, 0.0097, 0.0070, 0.0123, 0.0187, 0.0095, 0.0089, 0.0144, 0.0138, 0.0125, 0.0073, 0.0119, 0.0155, 0.0053, 0.0097, 0.0025, 0.0056, 0.0028, 0.0108, 0.0057, 0.0134, 0.0128]); print(repr(float(np.mean(d))), repr(float(np.var(d, ddof=1))), repr(float(np.std(d, ddof=1))))"
    // -> 0.010147999999999999 1.5966766666666668e-05 0.003995843673952557
    assertRel(0.010147999999999999, Descriptive.mean(DELTAS_25), REL);
    assertRel(1.5966766666666668e-05, Descriptive.variance(DELTAS_25), REL);
    assertRel(0.003995843673952557, Descriptive.standardDeviation(DELTAS_25), REL);
  }

  @Test
  void mixedSignsMatchNumpy() {
    double[] v = {-3.5, 2.25, 7.0};
    // python3 -c "import numpy as np; d=np.array([-3.5, 2.25, 7.0]); print(repr(float(np.mean(d))), repr(float(np.var(d, ddof=1))), repr(float(np.std(d, ddof=1))))"
    // -> 1.9166666666666667 27.645833333333336 5.257930518115786
    assertRel(1.9166666666666667, Descriptive.mean(v), REL);
    assertRel(27.645833333333336, Descriptive.variance(v), REL);
    assertRel(5.257930518115786, Descriptive.standardDeviation(v), REL);
  }

  /** A large offset: a one-pass E[x²] − E[x]² would lose every digit here; two passes keep them. */
  @Test
  void largeOffsetKeepsPrecision() {
    double[] v = {1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3, 1e9 + 0.4};
    // python3 -c "import numpy as np; d=np.array([1e9+0.1, 1e9+0.2, 1e9+0.3, 1e9+0.4]); print(repr(float(np.mean(d))), repr(float(np.var(d, ddof=1))), repr(float(np.std(d, ddof=1))))"
    // -> 1000000000.2500001 0.01666665871940154 0.1290994140939514
    assertRel(1000000000.2500001, Descriptive.mean(v), REL);
    assertRel(0.01666665871940154, Descriptive.variance(v), REL);
    assertRel(0.1290994140939514, Descriptive.standardDeviation(v), REL);
  }

  @Test
  void singleValueHasNaNVariance() {
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); d=np.array([0.42]); print(repr(float(np.mean(d))), repr(float(np.var(d, ddof=1))), repr(float(np.std(d, ddof=1))))"
    // -> 0.42 nan nan
    assertEquals(0.42, Descriptive.mean(new double[] {0.42}), 0.0);
    assertTrue(Double.isNaN(Descriptive.variance(new double[] {0.42})));
    assertTrue(Double.isNaN(Descriptive.standardDeviation(new double[] {0.42})));
  }

  @Test
  void noValues() {
    // NumPy's mean of an empty array is nan with a warning; Descriptive refuses instead.
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Descriptive.mean(new double[0]));
    assertEquals("mean of no values", e.getMessage());
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); d=np.array([]); print(repr(float(np.var(d, ddof=1))), repr(float(np.std(d, ddof=1))))"
    // -> nan nan
    assertTrue(Double.isNaN(Descriptive.variance(new double[0])));
    assertTrue(Double.isNaN(Descriptive.standardDeviation(new double[0])));
  }

  @Test
  void constantValuesHaveZeroVariance() {
    double[] v = {0.25, 0.25, 0.25, 0.25};
    assertEquals(0.25, Descriptive.mean(v), 0.0);
    assertEquals(0.0, Descriptive.variance(v), 0.0);
    assertEquals(0.0, Descriptive.standardDeviation(v), 0.0);
  }
}
