package dossier.gates;

import static dossier.testing.SweepRows.plus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.source.Metric;
import dossier.spec.TrackSpec.GateOverride;
import dossier.stats.BranchStats;
import dossier.testing.SweepRows;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defects 3, 4 and 5 and item 7, at the gates: a verdict agrees with the decimal data
 * and with the figure printed beside it; a count the sweep cannot reach is ⚠; too few pairs or
 * deltas without spread are ⚠; zero-trade rows enter no figure. Each data set is decimal, and
 * each test first checks that binary arithmetic does land on the wrong side of the threshold.
 */
class DecimalGatesTest {
  private static final List<String> FIVE = List.of("AAA", "BBB", "CCC", "DDD", "EEE");
  private static final List<String> THREE = List.of("AAA", "BBB", "CCC");
  private static final Readiness.Result READY =
      new Readiness.Result("mlops_readiness.md", Status.PASS, 6, 6, List.of());

  private static GateResult gate(GatePlan plan, BranchStats stats, GateKind kind, EvidenceFormat format) {
    VariantVerdict v = GateEvaluator.evaluate(plan, stats, READY, format).get(0);
    return v.gates().stream().filter(g -> g.kind() == kind).findFirst().orElseThrow();
  }

  private static GateResult gate(BranchStats stats, GateKind kind) {
    return gate(GatePlan.defaults(), stats, kind, EvidenceFormat.RESULTS);
  }

  private static void assertGate(Status status, String evidence, GateResult g) {
    assertEquals(evidence, g.evidence());
    assertEquals(status, g.status(), g.evidence());
  }

  // ---- A: gates decide in decimal ---------------------------------------------------------------

  /** Ten pairs whose deltas are 0.010 … 0.020 in decimal, mean exactly 0.015; in binary 0.01499999999999998. */
  private static BranchStats liftOfExactly0015() {
    String[] base = {"0.5217", "0.3037", "0.4561", "0.5811", "0.3887", "0.4728", "0.5973", "0.3118", "0.5161",
        "0.3908"};
    String[] delta = {"0.010", "0.020", "0.012", "0.018", "0.014", "0.016", "0.011", "0.019", "0.013", "0.017"};
    SweepRows s = new SweepRows();
    for (int i = 0; i < 10; i++) {
      String crypto = FIVE.get(i / 2);
      s.add("none", crypto, i % 2 + 1, Double.parseDouble(base[i]));
      s.add("v", crypto, i % 2 + 1, plus(base[i], delta[i]));
    }
    BranchStats stats = s.stats(FIVE, "v");
    assertTrue(stats.comparisons().get(0).meanDelta() < 0.015, "binary arithmetic lands below the threshold");
    return stats;
  }

  @Test
  void gate1PassesAMeanDeltaOfExactly0015PrintedAs00150() {
    assertGate(Status.PASS, "Δ = 0.0150, CI95 [0.0129, 0.0170]; corrected interval [0.0084, 0.0216]", gate(liftOfExactly0015(), GateKind.F1_LIFT));
  }

  @Test
  void gate1DecidesAtTheDecimalsOfTheGateDecisionLayout() {
    assertGate(Status.PASS, "Δ = 0.0150, CI95 [0.013, 0.017]; corrected interval [0.008, 0.022]",
        gate(GatePlan.defaults(), liftOfExactly0015(), GateKind.F1_LIFT, EvidenceFormat.GATE_DECISION));
  }

  @Test
  void gate2PassesADrawdownIncreaseOfExactlyOnePrintedAsPlus100() {
    String[] base = {"17.42", "5.73", "16.9", "18.95", "8.24", "13.82", "18.07", "13.05", "19.8", "15.42"};
    SweepRows s = new SweepRows();
    for (int i = 0; i < 10; i++) {
      String crypto = FIVE.get(i / 2);
      s.add("none", crypto, i % 2 + 1, 0.5, 1.0, 10.0, Double.parseDouble(base[i]), 60);
      s.add("v", crypto, i % 2 + 1, 0.6 + 0.001 * i, 1.0, 10.0, plus(base[i], "1"), 60);
    }
    BranchStats stats = s.stats(FIVE, "v");
    assertTrue(stats.comparisons().get(0).meanDelta(Metric.MAX_DRAWDOWN) > 1, "binary lands above +1");
    assertGate(Status.PASS, "Δexpectancy +0.0, Δsortino +0.00, Δmax_drawdown +1.00", gate(stats, GateKind.JOINT));
  }

  @Test
  void gate3PassesAVarianceOfExactly005PrintedAs0050() {
    SweepRows s = new SweepRows();
    for (String crypto : FIVE) {
      for (int f = 1; f <= 5; f++) {
        s.add("none", crypto, f, 0.3 + 0.01 * f);
        // On AAA: 0.3 on four folds and 0.8 on one, a sample variance of 0.05 exactly.
        s.add("v", crypto, f, crypto.equals("AAA") ? (f == 5 ? 0.8 : 0.3) : 0.3 + 0.02 * f);
      }
    }
    BranchStats stats = s.stats(FIVE, "v");
    assertTrue(stats.summaries("v").get(0).variance(Metric.F1_BUY) > 0.05, "binary lands above 0.05");
    assertGate(Status.PASS, "max variance 0.050 (AAA)", gate(stats, GateKind.STABILITY));
  }

  @Test
  void aCryptoWhoseDeltaIsZeroInDecimalDoesNotImprove() {
    SweepRows s = new SweepRows();
    for (String crypto : FIVE) {
      s.add("none", crypto, 1, 0.6).add("none", crypto, 2, 0.7);
    }
    for (String crypto : List.of("AAA", "BBB", "CCC")) {
      s.add("v", crypto, 1, 0.65).add("v", crypto, 2, 0.75);
    }
    s.add("v", "DDD", 1, 0.79).add("v", "DDD", 2, 0.51); // +0.19 and -0.19: 0 in decimal, 5.55e-17 in binary
    s.add("v", "EEE", 1, 0.55).add("v", "EEE", 2, 0.65);
    BranchStats stats = s.stats(FIVE, "v");
    assertTrue(stats.comparisons().get(0).perCryptoDelta().get("DDD") > 0, "binary lands above 0");
    assertGate(Status.FAIL, "3/5 cryptos improve (sign test p = 5.00e-01)", gate(stats, GateKind.PER_ASSET));
  }

  // ---- B: a gate that cannot apply --------------------------------------------------------------

  /** Three cryptos × four folds, every one improved by about +0.05. */
  private static BranchStats threeCryptosAllImproving() {
    SweepRows s = new SweepRows();
    for (String crypto : THREE) {
      for (int f = 1; f <= 4; f++) {
        s.add("none", crypto, f, 0.40 + 0.01 * f);
        s.add("v", crypto, f, 0.45 + 0.012 * f);
      }
    }
    return s.stats(THREE, "v");
  }

  @Test
  void theShippedShareAsksForThreeOfThreeCryptos() {
    assertGate(Status.PASS, "3/3 cryptos improve (sign test p = 1.25e-01)", gate(threeCryptosAllImproving(), GateKind.PER_ASSET));
  }

  @Test
  void aCountLargerThanTheSweepsCryptosIsWarnedNotFailed() {
    GatePlan plan = GatePlan.defaults().with(List.of(new GateOverride("per_asset", "min_improved", 4, 7)), "t.yaml");
    assertGate(Status.WARN, "cannot evaluate: the plan asks for 4 improving cryptos; the sweep has 3",
        gate(plan, threeCryptosAllImproving(), GateKind.PER_ASSET, EvidenceFormat.RESULTS));
  }

  @Test
  void aShareTakesThePlaceOfACountAndIsCheckedWithTheSpecLine() {
    GatePlan count = GatePlan.defaults().with(List.of(new GateOverride("per_asset", "min_improved", 2, 7)), "t.yaml");
    assertEquals(java.util.Map.of("min_improved", 2.0), count.gates().get(3).thresholds());
    GatePlan share = count.with(List.of(new GateOverride("per_asset", "min_share", 0.5, 8)), "t.yaml");
    assertEquals(java.util.Map.of("min_share", 0.5), share.gates().get(3).thresholds());
    assertEquals(2, GateEvaluator.requiredCryptos(share.gates().get(3), 3)); // ceil(1.5)
    GatePlan seventy = count.with(List.of(new GateOverride("per_asset", "min_share", 0.7, 8)), "t.yaml");
    assertEquals(7, GateEvaluator.requiredCryptos(seventy.gates().get(3), 10)); // not 8: 0.7 × 10 in decimal
    dossier.DossierException e = org.junit.jupiter.api.Assertions.assertThrows(dossier.DossierException.class,
        () -> GatePlan.defaults().with(List.of(new GateOverride("per_asset", "min_share", 1.5, 9)), "t.yaml"));
    assertEquals("t.yaml:9: per_asset min_share must be a share of the cryptos in (0, 1] (e.g. 0.8), not 1.5",
        e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(dossier.DossierException.class,
        () -> GatePlan.defaults().with(List.of(new GateOverride("f1_lift", "min_pairs", 2.5, 4)), "t.yaml"));
    assertEquals("t.yaml:4: f1_lift min_pairs must be a whole number ≥ 1, not 2.5", e.getMessage());
  }

  // ---- C: too few pairs, no spread ----------------------------------------------------------------

  @Test
  void gate1IsWarnedBelowTheMinimumNumberOfPairs() {
    SweepRows s = new SweepRows();
    for (String crypto : THREE) {
      s.add("none", crypto, 1, 0.40).add("v", crypto, 1, 0.45 + 0.01 * crypto.charAt(0) / 65);
    }
    assertGate(Status.WARN, "cannot evaluate: too few pairs (n = 3; the plan asks for at least 10)",
        gate(s.stats(THREE, "v"), GateKind.F1_LIFT));
  }

  @Test
  void gate1IsWarnedWhenTheDeltasHaveNoSpread() {
    String[] base = {"0.5217", "0.3037", "0.4561", "0.5811", "0.3887", "0.4728", "0.5973", "0.3118", "0.5161",
        "0.3908"};
    SweepRows s = new SweepRows();
    for (int i = 0; i < 10; i++) {
      String crypto = FIVE.get(i / 2);
      s.add("none", crypto, i % 2 + 1, Double.parseDouble(base[i]));
      s.add("v", crypto, i % 2 + 1, plus(base[i], "0.03"));
    }
    assertGate(Status.WARN,
        "cannot evaluate: the deltas of f1_buy are all equal (spread 0), so d, p and the CI are undefined",
        gate(s.stats(FIVE, "v"), GateKind.F1_LIFT));
  }

  // ---- D: zero-trade rows -----------------------------------------------------------------------

  @Test
  void aZeroTradeRowEntersNoVarianceAndGate5WarnsOfIt() {
    SweepRows s = new SweepRows();
    for (String crypto : FIVE) {
      for (int f = 1; f <= 3; f++) {
        s.add("none", crypto, f, 0.40 + 0.01 * f);
        if (crypto.equals("AAA") && f == 3) {
          s.add("v", crypto, f, 0.0, 1.0, 10.0, 10.0, 0); // no trade, no BUY: an f1 of 0
        } else {
          s.add("v", crypto, f, 0.45 + 0.01 * f);
        }
      }
    }
    BranchStats stats = s.stats(FIVE, "v");
    assertEquals(2, stats.summaries("v").get(0).folds());
    assertEquals(0.465, stats.summaries("v").get(0).mean(Metric.F1_BUY), 1e-12);
    assertGate(Status.PASS, "max variance 0.000 (BBB)", gate(stats, GateKind.STABILITY));
    assertGate(Status.WARN, "cannot evaluate: 1 row(s) of v made no trade (AAA fold 3)",
        gate(stats, GateKind.SAMPLE_SIZE));
  }
}
