package dossier.outcomes;

import static dossier.outcomes.DecisionSweep.around;
import static dossier.outcomes.DecisionSweep.spread;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision a reviewer reads (the TL;DR, the Verdict line, the lock sections) for outcomes the
 * committed samples never show: several variants that lock, a tie as printed, two branches that
 * lock, a lift that fails on readiness or on the corrected rule alone.
 */
class DecisionWordsTest {
  private static final String COMPARE = "the gates compare each variant with `none`, not the variants with each other";

  @TempDir Path home;

  /**
   * Three values of one factor pass every gate: one of them is locked, and the dossier says which
   * the numbers favour (the highest mean Δ as printed), not "lock all three".
   */
  @Test
  void severalLockingVariantsNameTheOneWithTheHighestMeanDelta(@TempDir Path project) throws IOException {
    String dossier = new DecisionSweep("results").branch("loss_shape", "none", "sharp", around(0.03), "sharper",
        around(0.05), "flat", around(0.02)).generate(project, home, 1);
    assertTrue(dossier.contains("\n**LOCK** `sharper`: `sharp`, `sharper` and `flat` pass every gate of"
        + " F1_BUY_BOOST_PLAN.md §6, and `sharper` has the highest mean Δf1_buy (0.0500, against 0.0300 for `sharp`"
        + " and 0.0200 for `flat`); " + COMPARE + ".\n"), dossier);
    assertTrue(dossier.contains("\nLock `sharper`: the highest mean Δf1_buy (0.0500) of the 3 variants that pass"
        + " every gate.\n"), dossier);
  }

  /** Three locking variants tied as printed: the sweep chooses "among" them, not "between". */
  @Test
  void threeTiedLeadersAreAmongThem(@TempDir Path project) throws IOException {
    String dossier = new DecisionSweep("results").branch("loss_shape", "none", "a", around(0.040004), "b",
        around(0.039996), "c", around(0.04)).generate(project, home, 11);
    assertTrue(dossier.contains(", so the sweep does not choose among `a`, `b` and `c`.\n"), dossier);
    assertTrue(dossier.contains("the sweep does not choose among them.\n"), dossier);
  }

  @Test
  void aTieAsPrintedIsNamedAsATieAndNoOneIsTheWinner(@TempDir Path project) throws IOException {
    // Mean Δ 0.040004 and 0.039996: both print 0.0400.
    String dossier = new DecisionSweep("results").branch("loss_shape", "none", "sharp", around(0.040004), "twin",
        around(0.039996), "flat", around(0.02)).generate(project, home, 2);
    assertTrue(dossier.contains("\n**LOCK** `sharp` or `twin`: `sharp`, `twin` and `flat` pass every gate of"
        + " F1_BUY_BOOST_PLAN.md §6, and `sharp` and `twin` tie for the highest mean Δf1_buy (0.0400, against 0.0200"
        + " for `flat`); " + COMPARE + ", so the sweep does not choose between `sharp` and `twin`.\n"), dossier);
    assertTrue(dossier.contains("\nLock `sharp` or `twin`: they tie for the highest mean Δf1_buy (0.0400) of the 3"
        + " variants that pass every gate; the sweep does not choose between them.\n"), dossier);
    assertFalse(dossier.toLowerCase(Locale.ROOT).contains("best"), dossier);
  }

  @Test
  void theGateDecisionVerdictNamesOneLeaderOrTheTie(@TempDir Path project) throws IOException {
    String leader = new DecisionSweep("gate-decision").branch("loss_shape", "none", "sharp", around(0.03), "sharper",
        around(0.05)).generate(project.resolve("leader"), home, 3);
    assertTrue(leader.contains("Verdict : <!-- dossier:begin meta-verdict -->LOCK sharper — the highest mean Δf1_buy"
        + " (0.0500) of the 2 variants that pass every gate<!-- dossier:end meta-verdict"), leader);
    assertTrue(leader.contains("\nLock `sharper`: the highest mean Δf1_buy (0.0500) of the 2 variants that pass"
        + " every gate.\n"), leader);
    String tie = new DecisionSweep("gate-decision").branch("loss_shape", "none", "sharp", around(0.040004), "twin",
        around(0.039996)).generate(project.resolve("tie"), home, 3);
    assertTrue(tie.contains("Verdict : <!-- dossier:begin meta-verdict -->LOCK sharp or twin — tied for the highest"
        + " mean Δf1_buy (0.0400) of the 2 variants that pass every gate<!-- dossier:end meta-verdict"), tie);
  }

  /** Two branches lock: the Verdict names both, each with its own variant. */
  @Test
  void twoBranchesThatLockAreBothInTheVerdict(@TempDir Path project) throws IOException {
    String dossier = new DecisionSweep("gate-decision")
        .branch("loss_shape", "none", "sharp", around(0.03), "flat", around(-0.02))
        .branch("cleanlab", "off", "filter", around(0.05), "reweight", around(0.01))
        .generate(project, home, 5);
    assertTrue(dossier.contains("Verdict : <!-- dossier:begin meta-verdict -->LOCK sharp (loss_shape) ; LOCK filter"
        + " (cleanlab)<!-- dossier:end meta-verdict"), dossier);
    assertTrue(dossier.contains("\nLock `sharp`.\n"), dossier);
    assertTrue(dossier.contains("### 5.2 cleanlab branch — <!-- dossier:begin branch-2-verdict -->LOCK `filter`"
        + "<!-- dossier:end branch-2-verdict"), dossier);
  }

  /** The first branch abandons and a further one locks: the track's Verdict and 5.1 must not read "no lock". */
  @Test
  void aLockInAFurtherBranchIsInTheVerdict(@TempDir Path project) throws IOException {
    String dossier = new DecisionSweep("gate-decision")
        .branch("loss_shape", "none", "sharp", around(-0.03), "flat", around(-0.02))
        .branch("cleanlab", "off", "filter", around(0.05))
        .generate(project, home, 5);
    assertTrue(dossier.contains("Verdict : <!-- dossier:begin meta-verdict -->ABANDON loss_shape variants (sharp +"
        + " flat) — both regress f1_buy on 5/5 cryptos with statistical significance ; LOCK filter (cleanlab)"
        + "<!-- dossier:end meta-verdict"), dossier);
    assertTrue(dossier.contains("\nNo loss_shape variant locks: `none` stays the baseline.\n"), dossier);
  }

  /** Every gate but readiness passes: the Verdict names the gate, and does not say "other gates". */
  @Test
  void aLiftStoppedByReadinessNamesGateSix(@TempDir Path project) throws IOException {
    String dossier = new DecisionSweep("gate-decision").branch("loss_shape", "none", "sharp", around(0.03))
        .readiness("# MLOps readiness\n\n## Model card\n\nDone.\n").generate(project, home, 6);
    assertTrue(dossier.contains("Verdict : <!-- dossier:begin meta-verdict -->ABANDON loss_shape variant (sharp) — it"
        + " lifts f1_buy with statistical significance, and fails gate 6 (MLOps readiness)<!-- dossier:end"), dossier);
    assertTrue(dossier.contains("| MLOps readiness | ❌ mlops_readiness.md incomplete: Data lineage (missing),"
        + " Reproducibility (missing), Monitoring (missing), Rollback plan (missing), Sign-off (missing) |"), dossier);
  }

  /**
   * A lift that passes gate 1 on the house rule, but whose corrected interval includes 0: every
   * other gate passes, so nothing "fails other gates"; the Verdict says it is ⚠ on gate 1.
   */
  @Test
  void aNaiveOnlyLiftSaysWhyItDoesNotLock(@TempDir Path project) throws IOException {
    String dossier = new DecisionSweep("gate-decision").branch("loss_shape", "none", "sharp", spread(0.05, 0.02))
        .generate(project, home, 7);
    assertTrue(dossier.contains("| F1_buy lift ≥ +0.015 with CI95 excluding 0 | ⚠ Δ = 0.0200, CI95 [0.006, 0.034];"
        + " passes the naive test only: the corrected interval [-0.005, 0.045] includes 0 |"), dossier);
    assertTrue(dossier.contains("Verdict : <!-- dossier:begin meta-verdict -->ABANDON loss_shape variant (sharp) — it"
        + " lifts f1_buy with naive significance only (not after correcting for the folds), and is ⚠ on gate 1"
        + " (F1_buy lift)<!-- dossier:end"), dossier);
    String two = new DecisionSweep("gate-decision").branch("loss_shape", "none", "sharp", spread(0.05, 0.02),
        "wide", spread(0.06, 0.025)).readiness("# MLOps readiness\n\n## Model card\n\nDone.\n")
        .generate(project.resolve("two"), home, 8);
    assertTrue(two.contains("Verdict : <!-- dossier:begin meta-verdict -->ABANDON loss_shape variants (sharp + wide)"
        + " — both lift f1_buy with naive significance only (not after correcting for the folds), and neither passes"
        + " every gate: `sharp` fails gate 6 (MLOps readiness), and is ⚠ on gate 1 (F1_buy lift); `wide` fails gate 6"
        + " (MLOps readiness), and is ⚠ on gate 1 (F1_buy lift)<!-- dossier:end"), two);
  }

  /** Variants tied as printed: gate 1 quotes their one figure, not a range from it to itself. */
  @Test
  void gateOneQuotesATiedDeltaOnce(@TempDir Path project) throws IOException {
    String dossier = new DecisionSweep("results").branch("loss_shape", "none", "sharp", around(0.040004), "twin",
        around(0.039996)).generate(project, home, 9);
    assertTrue(dossier.contains("| 1 | F1_buy lift ≥ +0.015 with CI95 excluding 0 | every variant: Δ = 0.0400 with"
        + " CI95 excluding 0 | PASS × 2 |"), dossier);
  }

  /**
   * Every CI95 above 0, but one Δ under the gate's +0.015: the row must show whose Δ fails, not a
   * range "with CI95 excluding 0" beside "PASS × 1, FAIL × 1".
   */
  @Test
  void gateOneNamesTheVariantThatFallsShortOfTheLift(@TempDir Path project) throws IOException {
    String dossier = new DecisionSweep("results").branch("loss_shape", "none", "sharp", around(0.03), "weak",
        around(0.01)).generate(project, home, 10);
    assertTrue(dossier.contains("| 1 | F1_buy lift ≥ +0.015 with CI95 excluding 0 | sharp: Δ = 0.0300,"), dossier);
    // Why it fails, as a wrong direction or a CI across 0 say why they fail.
    assertTrue(dossier.contains(" ; weak: Δ = 0.0100, CI95 [0.0089, 0.0111] (Δ below the +0.015 lift)"), dossier);
  }

  /**
   * A further branch whose variants do not all decide alike: its gate list announced verdicts "per
   * variant below" and gave only counts. It now gives each variant's verdict, and, when it locks,
   * the variant to lock, as 5.1 does for the first branch.
   */
  @Test
  void aFurtherBranchGivesItsVerdictPerVariantAndItsLock(@TempDir Path project) throws IOException {
    String dossier = new DecisionSweep("gate-decision")
        .branch("loss_shape", "none", "sharp", around(0.03))
        .branch("cleanlab", "off", "filter", around(0.040004), "reweight", around(0.01), "both", around(0.039996))
        .generate(project, home, 11);
    assertTrue(dossier.contains("- MLOps readiness : PASS × 3 (mlops_readiness.md complete (6 of 6 sections))\n\n"
        + "Verdict per variant : `filter` PASS on all 6 gates → LOCK ; `reweight` FAIL on 1 of 6 gates → ABANDON ;"
        + " `both` PASS on all 6 gates → LOCK.\n\nLock `filter` or `both`: they tie for the highest mean Δf1_buy"
        + " (0.0400) of the 2 variants that pass every gate; the sweep does not choose between them.\n\n"
        + "<!-- dossier:end branch-2-stats"), dossier);
  }

  /**
   * Every variant's CI95 above 0 and every Δ under the gate's +0.015: the row decides alike, so it
   * gives one summary, and that summary must say why it fails, not read as a pass beside FAIL.
   */
  @Test
  void gateOneSaysWhyEveryVariantFallsShortOfTheLift(@TempDir Path project) throws IOException {
    String one = new DecisionSweep("results").branch("loss_shape", "none", "weak", around(0.01))
        .generate(project.resolve("one"), home, 12);
    assertTrue(one.contains("| 1 | F1_buy lift ≥ +0.015 with CI95 excluding 0 | Δ = 0.0100 with CI95 excluding 0,"
        + " but below the +0.015 lift | FAIL × 1 |"), one);
    String further = new DecisionSweep("gate-decision").branch("loss_shape", "none", "sharp", around(0.03))
        .branch("cleanlab", "off", "filter", around(0.01), "reweight", around(0.012))
        .generate(project.resolve("further"), home, 13);
    assertTrue(further.contains("- F1_buy lift : FAIL × 2 (every variant ∈ [0.0100, 0.0120] with CI95 excluding 0,"
        + " but below the +0.015 lift)"), further);
  }

  /**
   * One variant has one Cohen's d: the TL;DR gives it as its table prints it (3.464), not as a
   * range of one rounded outward ("∈ [3.4, 3.5]").
   */
  @Test
  void oneVariantsCohensDIsTheFigureItsTablePrints(@TempDir Path project) throws IOException {
    String dossier = new DecisionSweep("results").branch("loss_shape", "none", "weak", around(0.01))
        .generate(project, home, 14);
    assertTrue(dossier.contains("| `weak` | 0.0100 | 0.0089 | 0.0111 | 3.464 |"), dossier);
    assertTrue(dossier.contains("the CI95 lies above 0 (Cohen's d = 3.464), up on all 5 cryptos"), dossier);
  }

  /** Two variants that decide alike are "both", as the gate list above them says, not "all 2". */
  @Test
  void twoVariantsThatDecideAlikeAreBoth(@TempDir Path project) throws IOException {
    String dossier = new DecisionSweep("gate-decision").branch("loss_shape", "none", "weak", around(0.01), "weaker",
        around(0.012)).generate(project, home, 15);
    assertTrue(dossier.contains("\nVerdict per variant : FAIL on 1 of 6 gates → both loss_shape variants ABANDON.\n"),
        dossier);
  }
}
