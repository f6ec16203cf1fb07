package dossier.gates;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A short run of {@link FalseLockSimulation} (the full table, 2,000 sweeps per row, is its main):
 * with no true effect and 12 variants, the house rule alone lets some variant through gate 1 far
 * more often than 5 % of the sweeps; with the corrected rule, at most 5 %.
 */
class FalseLockSimulationTest {
  @Test
  void theCorrectedRuleKeepsFalseLocksAtFivePercent() {
    FalseLockSimulation.Rates r = FalseLockSimulation.run(400, 12, 0, 2_000, 7);
    assertTrue(r.house() > 0.2, "house rule: " + r.house());
    assertTrue(r.corrected() <= 0.05, "corrected rule: " + r.corrected());
  }
}
