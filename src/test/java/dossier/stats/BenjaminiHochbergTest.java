package dossier.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * BenjaminiHochberg against SciPy 1.17 {@code scipy.stats.false_discovery_control(ps)} (method
 * "bh", the default). Each expected array was printed by the python3 command above it; compared at
 * 1e-12 relative (closed form; SciPy multiplies p·(m/j), this class (p·m)/j, so they may differ in
 * the last bit).
 */
class BenjaminiHochbergTest {
  private static final double REL = 1e-12;

  private static void assertAdjusted(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      if (Double.isNaN(expected[i])) {
        assertTrue(Double.isNaN(actual[i]), "index " + i + " should be NaN, was " + actual[i]);
      } else {
        assertEquals(expected[i], actual[i], REL * Math.abs(expected[i]), "index " + i);
      }
    }
  }

  /** Track 6's four raw p-values: the first three share one adjusted value. */
  @Test
  void track6() {
    // python3 -c "from scipy.stats import false_discovery_control as f; print([repr(float(x)) for x in f([6.10e-08, 8.63e-08, 3.24e-08, 2.09e-06])])"
    // -> ['1.1506666666666666e-07', '1.1506666666666666e-07', '1.1506666666666666e-07', '2.09e-06']
    assertAdjusted(
        new double[] {1.1506666666666666e-07, 1.1506666666666666e-07, 1.1506666666666666e-07, 2.09e-06},
        BenjaminiHochberg.adjust(new double[] {6.10e-08, 8.63e-08, 3.24e-08, 2.09e-06}));
  }

  @Test
  void ties() {
    // python3 -c "from scipy.stats import false_discovery_control as f; print([repr(float(x)) for x in f([0.01, 0.01, 0.03, 0.04, 0.04, 0.2])])"
    // -> ['0.03', '0.03', '0.048', '0.048', '0.048', '0.2']
    assertAdjusted(
        new double[] {0.03, 0.03, 0.048, 0.048, 0.048, 0.2},
        BenjaminiHochberg.adjust(new double[] {0.01, 0.01, 0.03, 0.04, 0.04, 0.2}));
  }

  @Test
  void unsortedInputKeepsItsOrder() {
    // python3 -c "from scipy.stats import false_discovery_control as f; print([repr(float(x)) for x in f([0.04, 0.001, 0.3, 0.02, 0.0005, 0.8])])"
    // -> ['0.06', '0.003', '0.36', '0.04', '0.003', '0.8']
    assertAdjusted(
        new double[] {0.06, 0.003, 0.36, 0.04, 0.003, 0.8},
        BenjaminiHochberg.adjust(new double[] {0.04, 0.001, 0.3, 0.02, 0.0005, 0.8}));
  }

  /** Without the step-up minimum the two smallest would be 0.04 (m/j·p), not 0.028. */
  @Test
  void monotonicityMatters() {
    // python3 -c "from scipy.stats import false_discovery_control as f; print([repr(float(x)) for x in f([0.02, 0.01, 0.021, 0.5])])"
    // -> ['0.028', '0.028', '0.028', '0.5']
    assertAdjusted(
        new double[] {0.028, 0.028, 0.028, 0.5},
        BenjaminiHochberg.adjust(new double[] {0.02, 0.01, 0.021, 0.5}));
  }

  @Test
  void largePValuesStayAtMostOne() {
    // python3 -c "from scipy.stats import false_discovery_control as f; print([repr(float(x)) for x in f([0.6, 0.7, 1.0, 0.65])])"
    // -> ['0.9333333333333332', '0.9333333333333332', '1.0', '0.9333333333333332']
    assertAdjusted(
        new double[] {0.9333333333333332, 0.9333333333333332, 1.0, 0.9333333333333332},
        BenjaminiHochberg.adjust(new double[] {0.6, 0.7, 1.0, 0.65}));
  }

  /**
   * An undefined p (a test that could not be run) counts in m as p = 1 and stays undefined; it is
   * not dropped from m, which would make the others look stronger.
   */
  @Test
  void undefinedCountsInMAsOne() {
    // python3 -c "from scipy.stats import false_discovery_control as f; print([repr(float(x)) for x in f([0.01, 1.0, 0.04, 0.03])])"
    // -> ['0.04', '1.0', '0.05333333333333333', '0.05333333333333333']
    List<OptionalDouble> adjusted = BenjaminiHochberg.adjust(
        List.of(OptionalDouble.of(0.01), OptionalDouble.empty(), OptionalDouble.of(0.04), OptionalDouble.of(0.03)));
    assertEquals(OptionalDouble.of(0.04), adjusted.get(0));
    assertEquals(OptionalDouble.empty(), adjusted.get(1));
    assertEquals(0.05333333333333333, adjusted.get(2).getAsDouble(), 1e-15);
    assertEquals(0.05333333333333333, adjusted.get(3).getAsDouble(), 1e-15);
    assertEquals(List.of(OptionalDouble.empty(), OptionalDouble.empty()),
        BenjaminiHochberg.adjust(List.of(OptionalDouble.empty(), OptionalDouble.empty())));
  }

  @Test
  void aNumberThatIsNoPIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> BenjaminiHochberg.adjust(new double[] {0.01, Double.NaN}));
  }

  @Test
  void oneAndNone() {
    // python3 -c "from scipy.stats import false_discovery_control as f; print([repr(float(x)) for x in f([0.03])])"
    // -> ['0.03']
    assertAdjusted(new double[] {0.03}, BenjaminiHochberg.adjust(new double[] {0.03}));
    assertEquals(0, BenjaminiHochberg.adjust(new double[0]).length);
  }

  @Test
  void inputIsNotModified() {
    double[] p = {0.04, 0.001, 0.3};
    BenjaminiHochberg.adjust(p);
    assertEquals(0.04, p[0]);
    assertEquals(0.001, p[1]);
    assertEquals(0.3, p[2]);
  }
}
