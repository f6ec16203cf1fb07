package dossier.stats;

import static dossier.stats.DescriptiveTest.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * PairedTTest against SciPy 1.17 {@code scipy.stats.ttest_rel} (two-sided). Each expected value was
 * printed by the python3 command above it, run from the repository root, with this template
 * (DATA is the test's array, written out in full in each comment):
 *
 * <pre>
 * python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); from scipy import stats; d=np.array([DATA]); r=stats.ttest_rel(d, np.zeros(d.size)); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
 * </pre>
 *
 * <p>t is a closed form: 1e-12 relative. p is a regularized incomplete beta value computed by a
 * different library on each side (Commons Statistics here, Boost in SciPy), each good to a few ulp
 * in the tails as well; 1e-12 relative holds with a wide margin (observed ≤ 3e-15) and would catch a
 * p computed as 1 − cdf, which loses every digit below ~1e-16 and most below ~1e-8.
 */
class PairedTTestTest {
  private static final double REL = 1e-12;

  private static void assertResult(double t, int df, double p, PairedTTest.Result r) {
    assertRel(t, r.t(), REL);
    assertEquals(df, r.df());
    assertRel(p, r.p(), REL);
  }

  @Test
  void deltas25() {
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); from scipy import stats; d=np.array([0.0120, 0.0135, 0.0106, 0.0075, 0.0097, 0.0070, 0.0123, 0.0187, 0.0095, 0.0089, 0.0144, 0.0138, 0.0125, 0.0073, 0.0119, 0.0155, 0.0053, 0.0097, 0.0025, 0.0056, 0.0028, 0.0108, 0.0057, 0.0134, 0.0128]); r=stats.ttest_rel(d, np.zeros(d.size)); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
    // -> 12.69819445909646 24.0 3.842277820843208e-12
    assertResult(12.69819445909646, 24, 3.842277820843208e-12, PairedTTest.test(DescriptiveTest.DELTAS_25));
  }

  @Test
  void negativeMeanModerateP() {
    double[] d = {-0.00206, -0.00905, -0.00312, -0.00165, -0.00116, -0.00609, -0.00293, -0.00444, -0.00393, 0.00168, -0.00392, -0.00160};
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); from scipy import stats; d=np.array([-0.00206, -0.00905, -0.00312, -0.00165, -0.00116, -0.00609, -0.00293, -0.00444, -0.00393, 0.00168, -0.00392, -0.00160]); r=stats.ttest_rel(d, np.zeros(d.size)); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
    // -> -4.10995097404461 11.0 0.001729929583382585
    assertResult(-4.10995097404461, 11, 0.001729929583382585, PairedTTest.test(d));
  }

  @Test
  void nullEffectLargeP() {
    double[] d = {0.3, -0.1, 0.25, -0.4, 0.05, 0.1, -0.2, 0.15};
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); from scipy import stats; d=np.array([0.3, -0.1, 0.25, -0.4, 0.05, 0.1, -0.2, 0.15]); r=stats.ttest_rel(d, np.zeros(d.size)); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
    // -> 0.2233410735946129 7.0 0.8296478115106595
    assertResult(0.2233410735946129, 7, 0.8296478115106595, PairedTTest.test(d));
  }

  @Test
  void pNearOneInHundredMillion() {
    double[] d = {0.064, 0.044, 0.057, 0.039, 0.050, 0.060, 0.041, 0.054, 0.046, 0.052};
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); from scipy import stats; d=np.array([0.064, 0.044, 0.057, 0.039, 0.050, 0.060, 0.041, 0.054, 0.046, 0.052]); r=stats.ttest_rel(d, np.zeros(d.size)); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
    // -> 19.40929073106358 9.0 1.1825810135134197e-08
    assertResult(19.40929073106358, 9, 1.1825810135134197e-08, PairedTTest.test(d));
  }

  @Test
  void farTail() {
    double[] d = {0.368, 0.338, 0.348, 0.352, 0.351, 0.325, 0.352, 0.377, 0.319, 0.367};
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); from scipy import stats; d=np.array([0.368, 0.338, 0.348, 0.352, 0.351, 0.325, 0.352, 0.377, 0.319, 0.367]); r=stats.ttest_rel(d, np.zeros(d.size)); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
    // -> 59.738272741857934 9.0 5.201418374906739e-13
    assertResult(59.738272741857934, 9, 5.201418374906739e-13, PairedTTest.test(d));

    // Below 1e-16, where 1 - cdf would be 0.
    double[] e = {1.0, 1.001, 0.999, 1.0005, 0.9995, 1.0002};
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); from scipy import stats; d=np.array([1.0, 1.001, 0.999, 1.0005, 0.9995, 1.0002]); r=stats.ttest_rel(d, np.zeros(d.size)); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
    // -> 3441.3507159255846 5.0 3.932410026316422e-17
    assertResult(3441.3507159255846, 5, 3.932410026316422e-17, PairedTTest.test(e));
  }

  @Test
  void twoValues() {
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); from scipy import stats; d=np.array([0.01, 0.03]); r=stats.ttest_rel(d, np.zeros(d.size)); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
    // -> 2.0 1.0 0.2951672353008665
    assertResult(2.0, 1, 0.2951672353008665, PairedTTest.test(new double[] {0.01, 0.03}));
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); from scipy import stats; d=np.array([-0.5, 0.1]); r=stats.ttest_rel(d, np.zeros(d.size)); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
    // -> -0.6666666666666666 1.0 0.6256659163780025
    assertResult(-0.6666666666666666, 1, 0.6256659163780025, PairedTTest.test(new double[] {-0.5, 0.1}));
  }

  /** The deltas of two paired samples give ttest_rel(a, b). */
  @Test
  void pairsGiveTtestRel() {
    double[] a = {0.81, 0.79, 0.835, 0.802, 0.818};
    double[] b = {0.80, 0.785, 0.82, 0.80, 0.81};
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    // python3 -c "from scipy import stats; r=stats.ttest_rel([0.81, 0.79, 0.835, 0.802, 0.818], [0.80, 0.785, 0.82, 0.80, 0.81]); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
    // -> 3.6140316116209945 4.0 0.022475959165885767
    assertResult(3.6140316116209945, 4, 0.022475959165885767, PairedTTest.test(d));
  }

  @Test
  void signFlipNegatesTKeepsP() {
    double[] d = DescriptiveTest.DELTAS_25;
    double[] neg = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      neg[i] = -d[i];
    }
    PairedTTest.Result r = PairedTTest.test(d);
    PairedTTest.Result s = PairedTTest.test(neg);
    assertEquals(-r.t(), s.t(), 0.0);
    assertEquals(r.p(), s.p(), 0.0);
  }

  /**
   * Zero variance, as SciPy: a constant non-zero delta gives t = ±∞ and p = 0; all-zero deltas
   * give t = NaN and p = NaN (0/0).
   */
  @Test
  void zeroVariance() {
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); from scipy import stats; d=np.array([0.25, 0.25, 0.25]); r=stats.ttest_rel(d, np.zeros(d.size)); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
    // -> inf 2.0 0.0
    PairedTTest.Result up = PairedTTest.test(new double[] {0.25, 0.25, 0.25});
    assertEquals(Double.POSITIVE_INFINITY, up.t());
    assertEquals(2, up.df());
    assertEquals(0.0, up.p());
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); from scipy import stats; d=np.array([-0.25, -0.25, -0.25]); r=stats.ttest_rel(d, np.zeros(d.size)); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
    // -> -inf 2.0 0.0
    PairedTTest.Result down = PairedTTest.test(new double[] {-0.25, -0.25, -0.25});
    assertEquals(Double.NEGATIVE_INFINITY, down.t());
    assertEquals(0.0, down.p());
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); from scipy import stats; d=np.array([0.0, 0.0, 0.0]); r=stats.ttest_rel(d, np.zeros(d.size)); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
    // -> nan 2.0 nan
    PairedTTest.Result zero = PairedTTest.test(new double[] {0.0, 0.0, 0.0});
    assertTrue(Double.isNaN(zero.t()));
    assertEquals(2, zero.df());
    assertTrue(Double.isNaN(zero.p()));
  }

  /** Fewer than two deltas: no test, NaN t and p, df = n − 1 as SciPy reports. */
  @Test
  void tooFewValues() {
    // python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); from scipy import stats; d=np.array([0.42]); r=stats.ttest_rel(d, np.zeros(d.size)); print(repr(float(r.statistic)), repr(float(r.df)), repr(float(r.pvalue)))"
    // -> nan 0.0 nan
    PairedTTest.Result one = PairedTTest.test(new double[] {0.42});
    assertTrue(Double.isNaN(one.t()));
    assertEquals(0, one.df());
    assertTrue(Double.isNaN(one.p()));
    // No deltas: also NaN (df comes out as −1).
    PairedTTest.Result none = PairedTTest.test(new double[0]);
    assertTrue(Double.isNaN(none.t()));
    assertTrue(Double.isNaN(none.p()));
  }
}
