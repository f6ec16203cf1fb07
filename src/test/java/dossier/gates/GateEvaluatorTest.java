package dossier.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.format.Formats;
import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.source.Sweeps;
import dossier.spec.TrackSpec.GateOverride;
import dossier.stats.BootstrapSettings;
import dossier.stats.BranchStats;
import dossier.stats.Comparison;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The six gates on statistics of hand-made rows: PASS, FAIL and WARN of each with its evidence,
 * the verdict, and the plan's thresholds with a track's overrides.
 */
class GateEvaluatorTest {
  private static final String RUN = "run1";
  private static final String FACTOR = "focal_loss";
  private static final List<String> CRYPTOS = List.of("AAA", "BBB", "CCC", "DDD", "EEE");
  private static final GatePlan PLAN = GatePlan.defaults();
  private static final Readiness.Result READY =
      new Readiness.Result("mlops_readiness.md", Status.PASS, 6, 6, List.of());
  private static int clock;

  // ---- helpers ------------------------------------------------------------------------------

  /** f1 lift of a variant over the baseline on crypto c (0-based), fold f. */
  private interface Lift {
    double at(int c, int f);
  }

  /**
   * A variant on every crypto × folds 1..{@code folds}. The baseline's f1 is 0.40 + 0.01·c +
   * 0.005·f; a variant adds {@code lift}. Sortino, expectancy, drawdown and trades are constant.
   */
  private static List<ResultRow> variant(String name, int folds, Lift lift, double sortino, double expectancy,
      double drawdown, int trades) {
    List<ResultRow> rows = new ArrayList<>();
    for (int c = 0; c < CRYPTOS.size(); c++) {
      for (int f = 1; f <= folds; f++) {
        rows.add(new ResultRow(RUN, FACTOR, name, CRYPTOS.get(c), f, ResultRow.COMPLETED,
            0.40 + 0.01 * c + 0.005 * f + lift.at(c, f), sortino, 5.0, trades, 0.05, expectancy, drawdown,
            Instant.parse("2026-04-29T12:00:00Z").plusSeconds(clock++)));
      }
    }
    return rows;
  }

  private static List<ResultRow> baseline(int folds) {
    return variant("none", folds, (c, f) -> 0, 1.0, 10.0, 10.0, 60);
  }

  /** Clears every gate of the default plan: Δ 0.036 with a CI above 0, better on all three joint metrics. */
  private static List<ResultRow> good(String name) {
    return variant(name, 3, (c, f) -> 0.03 + 0.001 * f + 0.001 * c * f, 1.2, 12.0, 10.5, 60);
  }

  private static BranchStats stats(List<ResultRow> rows, String... variants) {
    List<String> names = new ArrayList<>(List.of("none"));
    names.addAll(List.of(variants));
    return BranchStats.of(Sweeps.resolve(rows, FACTOR, List.of(RUN), "none", names, CRYPTOS), Metric.F1_BUY,
        new BootstrapSettings(1000, 42, 0.95));
  }

  private static List<ResultRow> rows(List<List<ResultRow>> parts) {
    return parts.stream().flatMap(List::stream).toList();
  }

  private static Map<String, VariantVerdict> evaluate(GatePlan plan, BranchStats stats, Readiness.Result r) {
    Map<String, VariantVerdict> out = new java.util.LinkedHashMap<>();
    for (VariantVerdict v : GateEvaluator.evaluate(plan, stats, r)) {
      out.put(v.variant(), v);
    }
    return out;
  }

  private static GateResult gate(VariantVerdict v, GateKind kind) {
    return v.gates().stream().filter(g -> g.kind() == kind).findFirst().orElseThrow();
  }

  private static void assertGate(Status status, String evidence, GateResult g) {
    assertEquals(status, g.status(), g.evidence());
    assertEquals(evidence, g.evidence());
  }

  // ---- the plan -----------------------------------------------------------------------------

  @Test
  void defaultPlanHasTheSixGatesInOrder() {
    assertEquals("F1_BUY_BOOST_PLAN.md", PLAN.plan());
    assertEquals("§6", PLAN.section());
    assertEquals(List.of(GateKind.F1_LIFT, GateKind.JOINT, GateKind.STABILITY, GateKind.PER_ASSET,
        GateKind.SAMPLE_SIZE, GateKind.READINESS), PLAN.gates().stream().map(GatePlan.Gate::kind).toList());
    assertEquals(List.of(1, 2, 3, 4, 5, 6), PLAN.gates().stream().map(GatePlan.Gate::number).toList());
    assertEquals(Map.of("min_delta", 0.015, "min_pairs", 10.0, "corrected", 1.0), PLAN.gates().get(0).thresholds());
    assertEquals(Map.of("min_expectancy", 0.0, "min_sortino", 0.0, "max_drawdown", 1.0),
        PLAN.gates().get(1).thresholds());
    assertEquals(0.05, PLAN.gates().get(2).threshold("max_variance"));
    assertEquals(Map.of("min_share", 0.8), PLAN.gates().get(3).thresholds());
    assertEquals(50.0, PLAN.gates().get(4).threshold("min_trades"));
    assertEquals(Map.of(), PLAN.gates().get(5).thresholds());
    assertEquals(List.of("Model card", "Data lineage", "Reproducibility", "Monitoring", "Rollback plan", "Sign-off"),
        PLAN.readinessSections());
  }

  // ---- PASS and LOCK ------------------------------------------------------------------------

  @Test
  void variantThatClearsEveryGateIsLock() {
    BranchStats s = stats(rows(List.of(baseline(3), good("v1"))), "v1");
    VariantVerdict v = evaluate(PLAN, s, READY).get("v1");
    Comparison c = s.comparisons().get(0);
    assertEquals(List.of(1, 2, 3, 4, 5, 6), v.gates().stream().map(GateResult::number).toList());
    assertGate(Status.PASS, "Δ = 0.0360, CI95 [" + Formats.f4(c.ciLow().getAsDouble()) + ", " + Formats.f4(c.ciHigh().getAsDouble()) + "]; corrected interval ["
        + Formats.f4(c.robustness().orElseThrow().ciLowFamily()) + ", " + Formats.f4(c.robustness().orElseThrow().ciHighFamily())
        + "]", gate(v, GateKind.F1_LIFT));
    assertTrue(c.ciLow().getAsDouble() > 0.03 && c.ciHigh().getAsDouble() < 0.045, c.ciLow().getAsDouble() + " " + c.ciHigh().getAsDouble());
    assertGate(Status.PASS, "Δexpectancy +2.0, Δsortino +0.20, Δmax_drawdown +0.50", gate(v, GateKind.JOINT));
    // EEE varies most: 0.01·fold over folds 1..3, variance 0.0001
    assertGate(Status.PASS, "max variance 0.000 (EEE)", gate(v, GateKind.STABILITY));
    assertGate(Status.PASS, "5/5 cryptos improve (sign test p = 3.13e-02)", gate(v, GateKind.PER_ASSET));
    assertGate(Status.PASS, "mean n_trades 60.0 (vs 60.0 baseline)", gate(v, GateKind.SAMPLE_SIZE));
    assertGate(Status.PASS, "mlops_readiness.md complete (6 of 6 sections)", gate(v, GateKind.READINESS));
    assertEquals(Verdict.LOCK, v.verdict());
    assertEquals(6, v.count(Status.PASS));
  }

  // ---- FAIL ---------------------------------------------------------------------------------

  @Test
  void worseVariantFailsLiftJointPerAssetAndSampleSize() {
    List<ResultRow> worse = variant("worse", 3, (c, f) -> -0.03 - 0.001 * f, 0.8, 11.0, 12.0, 40);
    BranchStats s = stats(rows(List.of(baseline(3), worse)), "worse");
    VariantVerdict v = evaluate(PLAN, s, READY).get("worse");
    Comparison c = s.comparisons().get(0);
    assertTrue(c.ciHigh().getAsDouble() < 0);
    assertGate(Status.FAIL, "Δ = -0.0320, CI95 [" + Formats.f4(c.ciLow().getAsDouble()) + ", " + Formats.f4(c.ciHigh().getAsDouble())
        + "] (significant in WRONG direction)", gate(v, GateKind.F1_LIFT));
    assertGate(Status.FAIL, "Δexpectancy +1.0, Δsortino -0.20, Δmax_drawdown +2.00", gate(v, GateKind.JOINT));
    assertEquals(Status.PASS, gate(v, GateKind.STABILITY).status());
    assertTrue(gate(v, GateKind.STABILITY).evidence().startsWith("max variance 0.000 ("),
        gate(v, GateKind.STABILITY).evidence()); // every crypto varies alike
    assertGate(Status.FAIL, "0/5 cryptos improve (sign test p = 1.00e+00)", gate(v, GateKind.PER_ASSET));
    assertGate(Status.FAIL, "mean n_trades 40.0 (vs 60.0 baseline)", gate(v, GateKind.SAMPLE_SIZE));
    assertGate(Status.PASS, "mlops_readiness.md complete (6 of 6 sections)", gate(v, GateKind.READINESS));
    assertEquals(Verdict.ABANDON, v.verdict());
    assertEquals(4, v.count(Status.FAIL));
    assertEquals(2, v.count(Status.PASS));
  }

  @Test
  void liftWithACiThatIncludesZeroFails() {
    List<ResultRow> flat = variant("flat", 3, (c, f) -> (c + f) % 2 == 0 ? 0.02 : -0.02, 1.2, 12.0, 10.5, 60);
    BranchStats s = stats(rows(List.of(baseline(3), flat)), "flat");
    Comparison c = s.comparisons().get(0);
    assertTrue(c.ciLow().getAsDouble() < 0 && c.ciHigh().getAsDouble() > 0);
    assertGate(Status.FAIL, String.format("Δ = %s, CI95 [%s, %s] (CI95 includes 0)", Formats.f4(c.meanDelta()),
        Formats.f4(c.ciLow().getAsDouble()), Formats.f4(c.ciHigh().getAsDouble())), gate(evaluate(PLAN, s, READY).get("flat"), GateKind.F1_LIFT));
  }

  @Test
  void liftBelowTheMinimumFailsEvenWithItsCiAboveZero() {
    List<ResultRow> small = variant("small", 3, (c, f) -> 0.01 + 0.0001 * f, 1.2, 12.0, 10.5, 60);
    BranchStats s = stats(rows(List.of(baseline(3), small)), "small");
    Comparison c = s.comparisons().get(0);
    assertTrue(c.ciLow().getAsDouble() > 0);
    VariantVerdict v = evaluate(PLAN, s, READY).get("small");
    assertGate(Status.FAIL, "Δ = 0.0102, CI95 [" + Formats.f4(c.ciLow().getAsDouble()) + ", " + Formats.f4(c.ciHigh().getAsDouble())
        + "] (Δ below the +0.015 lift)", gate(v, GateKind.F1_LIFT));
    assertEquals(1, v.count(Status.FAIL));
    assertEquals(Verdict.ABANDON, v.verdict(), "one FAIL is enough to abandon");
  }

  @Test
  void jointFailsOnDrawdownAloneAndOnExpectancyAlone() {
    List<ResultRow> deeper = variant("deeper", 3, (c, f) -> 0.03 + 0.001 * f, 1.2, 12.0, 11.5, 60);
    List<ResultRow> poorer = variant("poorer", 3, (c, f) -> 0.03 + 0.001 * f, 1.2, 9.0, 10.0, 60);
    Map<String, VariantVerdict> v = evaluate(PLAN, stats(rows(List.of(baseline(3), deeper, poorer)), "deeper",
        "poorer"), READY);
    assertGate(Status.FAIL, "Δexpectancy +2.0, Δsortino +0.20, Δmax_drawdown +1.50",
        gate(v.get("deeper"), GateKind.JOINT));
    assertGate(Status.FAIL, "Δexpectancy -1.0, Δsortino +0.20, Δmax_drawdown +0.00",
        gate(v.get("poorer"), GateKind.JOINT));
  }

  @Test
  void stabilityFailsOnTheWorstCrypto() {
    // AAA fold 2 jumps by 0.5: f1 0.435, 0.940, 0.445 → sample variance 0.08336
    List<ResultRow> noisy = variant("noisy", 3, (c, f) -> 0.03 + (c == 0 && f == 2 ? 0.5 : 0), 1.2, 12.0, 10.5, 60);
    VariantVerdict v = evaluate(PLAN, stats(rows(List.of(baseline(3), noisy)), "noisy"), READY).get("noisy");
    assertGate(Status.FAIL, "max variance 0.083 (AAA)", gate(v, GateKind.STABILITY));
    assertEquals(Verdict.ABANDON, v.verdict());
  }

  @Test
  void perAssetCountsTheCryptosThatImprove() {
    // better on AAA, BBB, CCC only
    List<ResultRow> three = variant("three", 3, (c, f) -> c < 3 ? 0.05 : -0.01, 1.2, 12.0, 10.5, 60);
    VariantVerdict v = evaluate(PLAN, stats(rows(List.of(baseline(3), three)), "three"), READY).get("three");
    assertGate(Status.FAIL, "3/5 cryptos improve (sign test p = 5.00e-01)", gate(v, GateKind.PER_ASSET));
  }

  @Test
  void readinessFailIsShownWithWhatIsMissing() {
    Readiness.Result incomplete = new Readiness.Result("mlops_readiness.md", Status.FAIL, 4, 6,
        List.of("Monitoring (missing)", "Sign-off (not filled in)"));
    VariantVerdict v = evaluate(PLAN, stats(rows(List.of(baseline(3), good("v1"))), "v1"), incomplete).get("v1");
    assertGate(Status.FAIL, "mlops_readiness.md incomplete: Monitoring (missing), Sign-off (not filled in)",
        gate(v, GateKind.READINESS));
    assertEquals(Verdict.ABANDON, v.verdict());
  }

  // ---- WARN: never a pass -------------------------------------------------------------------

  @Test
  void noReadinessFileIsWarnAndBlocksTheLock() {
    Readiness.Result none = Readiness.check(Optional.empty(), PLAN.readinessSections());
    VariantVerdict v = evaluate(PLAN, stats(rows(List.of(baseline(3), good("v1"))), "v1"), none).get("v1");
    assertGate(Status.WARN, "cannot evaluate: the spec names no readiness file", gate(v, GateKind.READINESS));
    assertEquals(5, v.count(Status.PASS));
    assertEquals(Verdict.ABANDON, v.verdict(), "a WARN blocks the lock");
  }

  @Test
  void nanExpectancyMakesJointWarn() {
    List<ResultRow> rows = new ArrayList<>(good("v1"));
    ResultRow r = rows.get(7);
    rows.set(7, new ResultRow(r.runId(), r.factor(), r.variant(), r.crypto(), r.fold(), r.status(), r.f1Buy(),
        r.sortino(), r.totalReturn(), r.nTrades(), r.ece(), Double.NaN, r.maxDrawdown(), r.createdAt()));
    VariantVerdict v = evaluate(PLAN, stats(rows(List.of(baseline(3), rows)), "v1"), READY).get("v1");
    // The NaN is an anomaly of the rows: the gate names it and the row instead of judging.
    assertGate(Status.WARN, "cannot evaluate: expectancy_net is not a number on 1 row(s) of v1 (CCC fold 2)",
        gate(v, GateKind.JOINT));
    assertEquals(5, v.count(Status.PASS));
    assertEquals(Verdict.ABANDON, v.verdict());
  }

  @Test
  void singleFoldMakesStabilityWarn() {
    List<ResultRow> one = variant("v1", 1, (c, f) -> 0.03 + 0.001 * c, 1.2, 12.0, 10.5, 60);
    VariantVerdict v = evaluate(PLAN, stats(rows(List.of(baseline(1), one)), "v1"), READY).get("v1");
    assertGate(Status.WARN, "cannot evaluate: fewer than 2 folds per crypto", gate(v, GateKind.STABILITY));
    assertGate(Status.WARN, "cannot evaluate: too few pairs (n = 5; the plan asks for at least 10)",
        gate(v, GateKind.F1_LIFT));
    assertEquals(Verdict.ABANDON, v.verdict());
  }

  @Test
  void aCryptoWithoutAVarianceMakesStabilityWarn() {
    // EEE has a single completed fold: its variance is unknown, so the worst crypto is unknown.
    List<ResultRow> rows = new ArrayList<>(good("v1"));
    rows.removeIf(r -> r.crypto().equals("EEE") && r.fold() > 1);
    VariantVerdict v = evaluate(PLAN, stats(rows(List.of(baseline(3), rows)), "v1"), READY).get("v1");
    GateResult g = gate(v, GateKind.STABILITY);
    assertEquals(Status.WARN, g.status(), g.evidence());
    assertEquals("cannot evaluate: no variance of f1_buy on EEE (fewer than 2 folds, or a value that is not finite)",
        g.evidence());
    assertEquals(Verdict.ABANDON, v.verdict());
  }

  @Test
  void nanF1OnACompletedFoldMakesStabilityWarn() {
    List<ResultRow> rows = new ArrayList<>(good("v1"));
    ResultRow r = rows.get(0); // AAA fold 1
    rows.set(0, new ResultRow(r.runId(), r.factor(), r.variant(), r.crypto(), r.fold(), r.status(), Double.NaN,
        r.sortino(), r.totalReturn(), r.nTrades(), r.ece(), r.expectancyNet(), r.maxDrawdown(), r.createdAt()));
    VariantVerdict v = evaluate(PLAN, stats(rows(List.of(baseline(3), rows)), "v1"), READY).get("v1");
    assertGate(Status.WARN, "cannot evaluate: f1_buy is not a number on 1 row(s) of v1 (AAA fold 1)",
        gate(v, GateKind.STABILITY));
    assertEquals(Verdict.ABANDON, v.verdict());
  }

  @Test
  void onePairMakesLiftWarn() {
    List<ResultRow> rows = new ArrayList<>(baseline(3));
    rows.add(good("v1").get(0));
    VariantVerdict v = evaluate(PLAN, stats(rows, "v1"), READY).get("v1");
    assertGate(Status.WARN, "cannot evaluate: too few pairs (n = 1; the plan asks for at least 10)",
        gate(v, GateKind.F1_LIFT));
    assertEquals(Verdict.ABANDON, v.verdict());
  }

  @Test
  void noUsablePairMakesLiftAndPerAssetWarn() {
    List<ResultRow> none = variant("v1", 3, (c, f) -> 0.03, 1.2, 12.0, 10.5, 0);
    VariantVerdict v = evaluate(PLAN, stats(rows(List.of(baseline(3), none)), "v1"), READY).get("v1");
    assertGate(Status.WARN, "cannot evaluate: too few pairs (n = 0; the plan asks for at least 10)",
        gate(v, GateKind.F1_LIFT));
    assertGate(Status.WARN, "cannot evaluate: Δexpectancy n/a, Δsortino n/a, Δmax_drawdown n/a",
        gate(v, GateKind.JOINT));
    assertGate(Status.WARN, "cannot evaluate: no crypto has a usable pair", gate(v, GateKind.PER_ASSET));
    // Rows without a trade enter no figure: no variance, and no sample to count.
    assertGate(Status.WARN, "cannot evaluate: fewer than 2 folds per crypto", gate(v, GateKind.STABILITY));
    assertGate(Status.WARN, "cannot evaluate: 15 row(s) of v1 made no trade (AAA folds 1–3, BBB folds 1–3, CCC folds"
        + " 1–3, DDD folds 1–3, EEE folds 1–3)", gate(v, GateKind.SAMPLE_SIZE));
    assertEquals(1, v.count(Status.PASS), "only readiness passes");
  }

  @Test
  void noCompletedFoldMakesSampleSizeWarn() {
    List<ResultRow> rows = new ArrayList<>(baseline(3));
    rows.add(new ResultRow(RUN, FACTOR, "v1", "AAA", 1, "training_failed", Double.NaN, Double.NaN, Double.NaN, 0,
        Double.NaN, Double.NaN, Double.NaN, Instant.parse("2026-04-29T13:00:00Z")));
    VariantVerdict v = evaluate(PLAN, stats(rows, "v1"), READY).get("v1");
    assertGate(Status.WARN, "cannot evaluate: no completed fold", gate(v, GateKind.SAMPLE_SIZE));
    assertGate(Status.WARN, "cannot evaluate: fewer than 2 folds per crypto", gate(v, GateKind.STABILITY));
    for (GateResult g : v.gates()) {
      assertTrue(g.status() != Status.PASS || g.kind() == GateKind.READINESS, g.toString());
    }
    assertEquals(Verdict.ABANDON, v.verdict());
  }

  // ---- overrides ----------------------------------------------------------------------------

  @Test
  void overrideChangesAThresholdAndFlipsTheVerdict() {
    List<ResultRow> small = variant("small", 3, (c, f) -> 0.01 + 0.0001 * f, 1.2, 12.0, 10.5, 60);
    BranchStats s = stats(rows(List.of(baseline(3), small, good("v1"))), "small", "v1");
    assertEquals(Verdict.ABANDON, evaluate(PLAN, s, READY).get("small").verdict());

    GatePlan lenient = PLAN.with(List.of(new GateOverride("f1_lift", "min_delta", 0.005, 12)), "dossiers/x.yaml");
    assertEquals(0.005, lenient.gates().get(0).threshold("min_delta"));
    assertEquals(0.015, PLAN.gates().get(0).threshold("min_delta"), "the default plan is unchanged");
    assertEquals(Verdict.LOCK, evaluate(lenient, s, READY).get("small").verdict());

    GatePlan strict = PLAN.with(List.of(new GateOverride("sample_size", "min_trades", 70, 14)), "dossiers/x.yaml");
    VariantVerdict v1 = evaluate(strict, s, READY).get("v1");
    assertGate(Status.FAIL, "mean n_trades 60.0 (vs 60.0 baseline)", gate(v1, GateKind.SAMPLE_SIZE));
    assertEquals(Verdict.ABANDON, v1.verdict());
    assertEquals(Verdict.LOCK, evaluate(PLAN, s, READY).get("v1").verdict());
  }

  @Test
  void overridesOfOneGateKeepItsOtherThresholds() {
    GatePlan p = PLAN.with(List.of(new GateOverride("joint", "max_drawdown", 2, 5)), "dossiers/x.yaml");
    assertEquals(Map.of("min_expectancy", 0.0, "min_sortino", 0.0, "max_drawdown", 2.0), p.gates().get(1).thresholds());
    assertEquals(List.of("min_expectancy", "min_sortino", "max_drawdown"),
        List.copyOf(p.gates().get(1).thresholds().keySet()), "in the plan's order");
  }

  @Test
  void unknownGateInOverrides() {
    DossierException e = assertThrows(DossierException.class,
        () -> PLAN.with(List.of(new GateOverride("f1", "min_delta", 0.02, 12)), "dossiers/x.yaml"));
    assertEquals("dossiers/x.yaml:12: unknown gate 'f1' (known: f1_lift, joint, stability, per_asset, sample_size,"
        + " readiness)", e.getMessage());
    assertEquals(DossierException.USAGE, e.exitCode());
  }

  @Test
  void unknownThresholdInOverrides() {
    DossierException e = assertThrows(DossierException.class,
        () -> PLAN.with(List.of(new GateOverride("joint", "min_sharpe", 0.1, 13)), "dossiers/x.yaml"));
    assertEquals("dossiers/x.yaml:13: gate 'joint' has no threshold 'min_sharpe' (known: min_expectancy,"
        + " min_sortino, max_drawdown)", e.getMessage());
    assertEquals(DossierException.USAGE, e.exitCode());
  }

  @Test
  void readinessTakesNoThreshold() {
    DossierException e = assertThrows(DossierException.class,
        () -> PLAN.with(List.of(new GateOverride("readiness", "min_sections", 5, 20)), "dossiers/x.yaml"));
    assertEquals("dossiers/x.yaml:20: gate 'readiness' has no threshold 'min_sections' (known: none)",
        e.getMessage());
    assertEquals(DossierException.USAGE, e.exitCode());
  }

  @Test
  void everyVariantOfTheBranchGetsAVerdictInOrder() {
    List<ResultRow> worse = variant("worse", 3, (c, f) -> -0.03 - 0.001 * f, 0.8, 11.0, 12.0, 40);
    List<VariantVerdict> vs = GateEvaluator.evaluate(PLAN,
        stats(rows(List.of(baseline(3), worse, good("v1"))), "worse", "v1"), READY);
    assertEquals(List.of("worse", "v1"), vs.stream().map(VariantVerdict::variant).toList());
    assertEquals(List.of(Verdict.ABANDON, Verdict.LOCK), vs.stream().map(VariantVerdict::verdict).toList());
  }

  // ---- the LOCK rule: the fold-corrected family interval (issue 21) ---------------------------

  /**
   * Δ 0.020 whose folds scatter ±0.03 within each crypto: 15 pairs taken as independent give a
   * bootstrap CI above 0, but the folds of a crypto share their training data, and corrected for
   * it (r = 1/(3 − 1)) the interval reaches below 0. The other gates pass, as for {@link #good}.
   */
  private static List<ResultRow> naiveOnly(String name) {
    return variant(name, 3, (c, f) -> 0.02 + 0.03 * (f - 2), 1.2, 12.0, 10.5, 60);
  }

  @Test
  void aVariantThatPassesTheNaiveTestOnlyIsWarnedAndCannotLock() {
    BranchStats s = stats(rows(List.of(baseline(3), naiveOnly("v1"))), "v1");
    VariantVerdict v = evaluate(PLAN, s, READY).get("v1");
    Comparison c = s.comparisons().get(0);
    assertTrue(c.ciLow().getAsDouble() > 0, "the house rule passes");
    assertGate(Status.WARN, "Δ = 0.0200, CI95 [" + Formats.f4(c.ciLow().getAsDouble()) + ", "
        + Formats.f4(c.ciHigh().getAsDouble()) + "]; passes the naive test only: the corrected interval [-0.0073, 0.0473]"
        + " includes 0", gate(v, GateKind.F1_LIFT));
    assertEquals(Verdict.ABANDON, v.verdict());
    assertEquals(List.of(Status.WARN, Status.PASS, Status.PASS, Status.PASS, Status.PASS, Status.PASS),
        v.gates().stream().map(GateResult::status).toList());
  }

  @Test
  void thePlanCanTurnTheCorrectedRuleOff() {
    GatePlan off = PLAN.with(List.of(new GateOverride("f1_lift", "corrected", 0, 12)), "dossiers/x.yaml");
    BranchStats s = stats(rows(List.of(baseline(3), naiveOnly("v1"))), "v1");
    VariantVerdict v = evaluate(off, s, READY).get("v1");
    Comparison c = s.comparisons().get(0);
    assertGate(Status.PASS, "Δ = 0.0200, CI95 [" + Formats.f4(c.ciLow().getAsDouble()) + ", "
        + Formats.f4(c.ciHigh().getAsDouble()) + "]", gate(v, GateKind.F1_LIFT));
    assertEquals(Verdict.LOCK, v.verdict());
  }

  @Test
  void anUndefinedCorrectedTestNeverPasses() {
    // EEE keeps one fold of the variant: 13 pairs, the house rule can judge, the corrected test cannot.
    List<ResultRow> v1 = good("v1").stream().filter(r -> !r.crypto().equals("EEE") || r.fold() == 1).toList();
    BranchStats s = stats(rows(List.of(baseline(3), v1)), "v1");
    VariantVerdict v = evaluate(PLAN, s, READY).get("v1");
    Comparison c = s.comparisons().get(0);
    assertGate(Status.WARN, "Δ = " + Formats.f4(c.meanDelta()) + ", CI95 [" + Formats.f4(c.ciLow().getAsDouble()) + ", "
        + Formats.f4(c.ciHigh().getAsDouble()) + "]; passes the naive test only: the corrected test is undefined"
        + " (a crypto has a single pair, so its variance is unknown)", gate(v, GateKind.F1_LIFT));
    assertEquals(Verdict.ABANDON, v.verdict());
  }

  @Test
  void theCorrectedSwitchIsTrueOrFalse() {
    DossierException e = assertThrows(DossierException.class,
        () -> PLAN.with(List.of(new GateOverride("f1_lift", "corrected", 2, 7)), "dossiers/x.yaml"));
    assertEquals("dossiers/x.yaml:7: f1_lift corrected must be true or false, not 2", e.getMessage());
    DossierException r = assertThrows(DossierException.class,
        () -> PLAN.with(List.of(new GateOverride("f1_lift", "test_train_ratio", 0, 8)), "dossiers/x.yaml"));
    assertEquals("dossiers/x.yaml:8: f1_lift test_train_ratio must be n_test / n_train of the folds, in (0, 1]"
        + " (e.g. 0.25 for 5 folds), not 0", r.getMessage());
    assertEquals(0.2, PLAN.with(List.of(new GateOverride("f1_lift", "test_train_ratio", 0.2, 8)), "x.yaml")
        .corrected().ratio(5));
  }
}
