package dossier.model;

import dossier.gates.EvidenceFormat;
import dossier.stats.Comparison;

/**
 * Which side of 0 an interval lies on, read on its bounds as the layout prints them: a bound that
 * prints 0.0000 (0.000 in the gate-decision layout) touches 0, so the interval includes 0, as gate
 * 1 decides ({@link dossier.gates.Printed}). Every sentence, count, table cell and figure that says
 * where a CI95 lies reads these, so none can say "excludes 0" beside a bound printed as 0.
 */
final class Sides {
  private Sides() {}

  /** The bootstrap CI95 is defined and its low bound prints above 0. */
  static boolean above(Comparison c, EvidenceFormat f) {
    return c.inference().filter(i -> f.ci(i.ciLow()).above(0)).isPresent();
  }

  /** The bootstrap CI95 is defined and its high bound prints below 0. */
  static boolean below(Comparison c, EvidenceFormat f) {
    return c.inference().filter(i -> f.ci(i.ciHigh()).below(0)).isPresent();
  }

  /** The fold-corrected CI95 is defined and its low bound prints above 0. */
  static boolean correctedAbove(Comparison c, EvidenceFormat f) {
    return c.robustness().filter(r -> f.ci(r.ciLow()).above(0)).isPresent();
  }

  /** The fold-corrected CI95 is defined and its high bound prints below 0. */
  static boolean correctedBelow(Comparison c, EvidenceFormat f) {
    return c.robustness().filter(r -> f.ci(r.ciHigh()).below(0)).isPresent();
  }
}
