package dossier.stats;

import static dossier.stats.DescriptiveTest.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cohen's d_z against NumPy 2.4 ({@code mean(d) / std(d, ddof=1)}), each expected value printed by
 * the python3 command above it (run from the repository root), compared at 1e-12 relative (closed
 * form). Labels against the table of Sawilowsky (2009), "New effect size rules of thumb", JMASM
 * 8(2): very small < 0.2 ≤ small < 0.5 ≤ medium < 0.8 ≤ large < 1.2 ≤ very large < 2.0 ≤ huge, on |d|.
 */
class EffectSizeTest {
  private static final double REL = 1e-12;

  @Test
  void deltas25() {
    // python3 -c "import numpy as np; d=np.array([0.0120, 0.0135, 0.0106, 0.0075, 0.0097, 0.0070, 0.0123, 0.0187, 0.0095, 0.0089, 0.0144, 0.0138, 0.0125, 0.0073, 0.0119, 0.0155, 0.0053, 0.0097, 0.0025, 0.0056, 0.0028, 0.0108, 0.0057, 0.0134, 0.0128]); print(repr(float(np.mean(d)/np.std(d, ddof=1))))"
    // -> 2.539638891819292
    double d = EffectSize.cohensDz(DescriptiveTest.DELTAS_25);
    assertRel(2.539638891819292, d, REL);
    assertEquals("huge", EffectSize.label(d));
  }

  @Test
  void negativeDeltas() {
    double[] v = {-0.00206, -0.00905, -0.00312, -0.00165, -0.00116, -0.00609, -0.00293, -0.00444, -0.00393, 0.00168, -0.00392, -0.00160};
    // python3 -c "import numpy as np; d=np.array([-0.00206, -0.00905, -0.00312, -0.00165, -0.00116, -0.00609, -0.00293, -0.00444, -0.00393, 0.00168, -0.00392, -0.00160]); print(repr(float(np.mean(d)/np.std(d, ddof=1))))"
    // -> -1.18644065061041
    double d = EffectSize.cohensDz(v);
    assertRel(-1.18644065061041, d, REL);
    assertEquals("large", EffectSize.label(d));
  }

  @Test
  void nearNull() {
    double[] v = {0.3, -0.1, 0.25, -0.4, 0.05, 0.1, -0.2, 0.15};
    // python3 -c "import numpy as np; d=np.array([0.3, -0.1, 0.25, -0.4, 0.05, 0.1, -0.2, 0.15]); print(repr(float(np.mean(d)/np.std(d, ddof=1))))"
    // -> 0.07896299382811726
    double d = EffectSize.cohensDz(v);
    assertRel(0.07896299382811726, d, REL);
    assertEquals("very small", EffectSize.label(d));
  }

  @Test
  void twoValues() {
    // python3 -c "import numpy as np; d=np.array([0.01, 0.03]); print(repr(float(np.mean(d)/np.std(d, ddof=1))))"
    // -> 1.4142135623730951
    double d = EffectSize.cohensDz(new double[] {0.01, 0.03});
    assertRel(1.4142135623730951, d, REL);
    assertEquals("very large", EffectSize.label(d));
  }

  /**
   * Degenerate inputs follow IEEE division, as NumPy does:
   * python3 -c "import numpy as np, warnings; warnings.simplefilter('ignore'); print([repr(float(np.mean(d)/np.std(d, ddof=1))) for d in (np.array([0.25,0.25,0.25]), np.array([-0.25,-0.25,-0.25]), np.zeros(3), np.array([0.42]))])"
   * -> ['inf', '-inf', 'nan', 'nan']
   * A constant non-zero delta is therefore labelled "huge"; all-zero deltas or a single delta
   * "undefined".
   */
  @Test
  void degenerateInputs() {
    assertEquals(Double.POSITIVE_INFINITY, EffectSize.cohensDz(new double[] {0.25, 0.25, 0.25}));
    assertEquals(Double.NEGATIVE_INFINITY, EffectSize.cohensDz(new double[] {-0.25, -0.25, -0.25}));
    assertEquals("huge", EffectSize.label(EffectSize.cohensDz(new double[] {0.25, 0.25, 0.25})));
    assertTrue(Double.isNaN(EffectSize.cohensDz(new double[] {0, 0, 0})));
    assertTrue(Double.isNaN(EffectSize.cohensDz(new double[] {0.42})));
    assertEquals("undefined", EffectSize.label(EffectSize.cohensDz(new double[] {0, 0, 0})));
    assertThrows(IllegalArgumentException.class, () -> EffectSize.cohensDz(new double[0]));
  }

  /** Each Sawilowsky boundary, just below and at it, both signs. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0,        very small",
    "0.01,     very small",
    "0.19999,  very small",
    "0.2,      small",
    "0.49999,  small",
    "0.5,      medium",
    "0.79999,  medium",
    "0.8,      large",
    "1.19999,  large",
    "1.2,      very large",
    "1.99999,  very large",
    "2.0,      huge",
    "35.0,     huge",
    "Infinity, huge",
  })
  void sawilowskyLabels(double d, String label) {
    assertEquals(label, EffectSize.label(d));
    assertEquals(label, EffectSize.label(-d));
  }

  @Test
  void nanIsUndefined() {
    assertEquals("undefined", EffectSize.label(Double.NaN));
  }
}
