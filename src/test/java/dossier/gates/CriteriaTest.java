package dossier.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.gates.GatePlan.Gate;
import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.source.SnapshotReader;
import dossier.source.Sweeps;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import dossier.spec.TrackSpec.CriterionSpec;
import dossier.spec.TrackSpec.GateOverride;
import dossier.stats.BootstrapSettings;
import dossier.stats.BranchStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The track criteria (Cohen's d, story-specific Δ, ECE, max_drawdown): PASS and FAIL with their
 * evidence at the precision of each layout, the errors of a spec's {@code criteria:}, and the gate
 * rows of a track that has criteria.
 */
class CriteriaTest {
  private static final Path REPO = Path.of("").toAbsolutePath();
  private static final String RUN = "run1";
  private static final String FACTOR = "label_smoothing";
  private static final String BASE = "none";
  private static final String SPEC = "dossiers/x.yaml";
  private static final List<String> CRYPTOS = List.of("AAA", "BBB", "CCC", "DDD", "EEE");
  private static final Readiness.Result READY =
      new Readiness.Result("mlops_readiness.md", Status.PASS, 6, 6, List.of());
  private static final List<CriterionSpec> TRACK5_CRITERIA = List.of(
      new CriterionSpec("cohens_d", Map.of("min_d", 0.3), false, 70),
      new CriterionSpec("min_delta", Map.of("min_delta", 0.02), false, 72),
      new CriterionSpec("max_drawdown", Map.of("max_increase", 1.0), true, 74),
      new CriterionSpec("ece", Map.of("max_increase", 0.01), false, 77));
  private static final GatePlan PLAN = GatePlan.defaults().withCriteria(TRACK5_CRITERIA, SPEC);
  private static final Instant T0 = Instant.parse("2026-04-29T12:00:00Z");
  private static int clock;

  // ---- helpers ------------------------------------------------------------------------------

  private interface Delta {
    double at(int c, int f);
  }

  /**
   * Five cryptos × folds 1..4 (20 pairs). The baseline's f1 is 0.40 + 0.01·c + 0.005·f, its ECE
   * 0.05 + 0.0005·c + 0.001·f and its max_drawdown 10 + 0.25·c + 0.5·f (exact in binary); a
   * variant adds {@code f1}, {@code ece} and {@code drawdown} to them.
   */
  private static List<ResultRow> variant(String name, Delta f1, double ece, double drawdown) {
    List<ResultRow> rows = new ArrayList<>();
    for (int c = 0; c < CRYPTOS.size(); c++) {
      for (int f = 1; f <= 4; f++) {
        rows.add(new ResultRow(RUN, FACTOR, name, CRYPTOS.get(c), f, ResultRow.COMPLETED,
            0.40 + 0.01 * c + 0.005 * f + f1.at(c, f), 1.0 + 0.1 * c + 0.01 * f, 5.0 + c, 60 + c + f,
            0.05 + 0.0005 * c + 0.001 * f + ece, 10.0 + c + 0.1 * f, 10.0 + 0.25 * c + 0.5 * f + drawdown,
            T0.plusSeconds(clock++)));
      }
    }
    return rows;
  }

  /** Paired f1 differences of {@code mean} ± 0.01, half each way: d = mean / 0.0102598. */
  private static Delta alternating(double mean) {
    return (c, f) -> mean + ((c + f) % 2 == 0 ? 0.01 : -0.01);
  }

  private static BranchStats stats(List<List<ResultRow>> parts, String... variants) {
    List<String> names = new ArrayList<>(List.of(BASE));
    names.addAll(List.of(variants));
    List<ResultRow> rows = parts.stream().flatMap(List::stream).toList();
    return BranchStats.of(Sweeps.resolve(rows, FACTOR, List.of(RUN), BASE, names, CRYPTOS), Metric.F1_BUY,
        new BootstrapSettings(1000, 42, 0.95));
  }

  private static List<ResultRow> baseline() {
    return variant(BASE, (c, f) -> 0, 0, 0);
  }

  private static Map<String, VariantVerdict> evaluate(GatePlan plan, BranchStats s, EvidenceFormat format) {
    Map<String, VariantVerdict> out = new LinkedHashMap<>();
    for (VariantVerdict v : GateEvaluator.evaluate(plan, s, READY, format)) {
      out.put(v.variant(), v);
    }
    return out;
  }

  private static GateResult gate(VariantVerdict v, GateKind kind) {
    return v.gates().stream().filter(g -> g.kind() == kind).findFirst().orElseThrow();
  }

  private static void assertGate(Status status, String evidence, GateResult g) {
    assertEquals(status, g.status(), g.kind().id() + ": " + g.evidence());
    assertEquals(evidence, g.evidence(), g.kind().id());
  }

  private static final EvidenceFormat R = EvidenceFormat.RESULTS;
  private static final EvidenceFormat G = EvidenceFormat.GATE_DECISION;

  /** good: d 2.92, Δ 0.03, ΔECE +0.005, Δdd +0.5; weak: d 0.19, Δ 0.002, ΔECE +0.02, Δdd +1.5; worse: … */
  private static BranchStats three() {
    return stats(List.of(baseline(), variant("good", alternating(0.03), 0.005, 0.5),
        variant("weak", alternating(0.002), 0.02, 1.5), variant("worse", alternating(-0.02), -0.01, -2)),
        "good", "weak", "worse");
  }

  // ---- Cohen's d ----------------------------------------------------------------------------

  @Test
  void cohensDPassesAndFailsWithTheLayoutsPrecision() {
    BranchStats s = three();
    assertEquals(2.924038303442689, s.comparisons().get(0).cohensD().getAsDouble(), 1e-9);
    Map<String, VariantVerdict> results = evaluate(PLAN, s, R);
    assertGate(Status.PASS, "d = 2.924 (huge)", gate(results.get("good"), GateKind.COHENS_D));
    assertGate(Status.FAIL, "d = 0.195 (very small)", gate(results.get("weak"), GateKind.COHENS_D));
    assertGate(Status.FAIL, "d = -1.949 (very large)", gate(results.get("worse"), GateKind.COHENS_D));
    Map<String, VariantVerdict> decision = evaluate(PLAN, s, G);
    assertGate(Status.PASS, "d = 2.92 (huge)", gate(decision.get("good"), GateKind.COHENS_D));
    assertGate(Status.FAIL, "d = 0.19 (very small)", gate(decision.get("weak"), GateKind.COHENS_D));
    assertGate(Status.FAIL, "d = -1.95 (very large)", gate(decision.get("worse"), GateKind.COHENS_D));
  }

  @Test
  void cohensDThresholdIsTheCriterions() {
    // d 0.487: passes min_d 0.3, fails min_d 0.5
    BranchStats s = stats(List.of(baseline(), variant("v1", alternating(0.005), 0, 0)), "v1");
    assertGate(Status.PASS, "d = 0.487 (small)", gate(evaluate(PLAN, s, R).get("v1"), GateKind.COHENS_D));
    GatePlan strict = GatePlan.defaults().withCriteria(
        List.of(new CriterionSpec("cohens_d", Map.of("min_d", 0.5), false, 3)), SPEC);
    assertGate(Status.FAIL, "d = 0.487 (small)", gate(evaluate(strict, s, R).get("v1"), GateKind.COHENS_D));
  }

  // ---- story-specific Δ ---------------------------------------------------------------------

  @Test
  void minDeltaPassesAndFailsOnTheMeanAsPrintedInEitherLayout() {
    BranchStats s = three();
    Map<String, VariantVerdict> results = evaluate(PLAN, s, R);
    assertGate(Status.PASS, "Δ = 0.0300", gate(results.get("good"), GateKind.MIN_DELTA));
    assertGate(Status.FAIL, "Δ = 0.0020", gate(results.get("weak"), GateKind.MIN_DELTA));
    assertGate(Status.FAIL, "Δ = -0.0200", gate(results.get("worse"), GateKind.MIN_DELTA));
    Map<String, VariantVerdict> decision = evaluate(PLAN, s, G);
    // The gate-decision layout prints its CIs to 3 decimals but mean Δ to 4, as its tables do.
    assertGate(Status.PASS, "Δ = 0.0300", gate(decision.get("good"), GateKind.MIN_DELTA));
    assertGate(Status.FAIL, "Δ = 0.0020", gate(decision.get("weak"), GateKind.MIN_DELTA));
    assertGate(Status.FAIL, "Δ = -0.0200", gate(decision.get("worse"), GateKind.MIN_DELTA));
  }

  @Test
  void minDeltaNeedsNoConfidenceInterval() {
    // One pair: no CI, so f1_lift and Cohen's d cannot be judged, but the story Δ can.
    List<ResultRow> one = variant("v1", (c, f) -> 0.05, 0, 0).subList(0, 1);
    VariantVerdict v = evaluate(PLAN, stats(List.of(baseline(), one), "v1"), R).get("v1");
    assertGate(Status.WARN, "cannot evaluate: too few pairs (n = 1; the plan asks for at least 10)",
        gate(v, GateKind.F1_LIFT));
    assertGate(Status.WARN, "cannot evaluate: 1 usable pair(s)", gate(v, GateKind.COHENS_D));
    assertGate(Status.PASS, "Δ = 0.0500", gate(v, GateKind.MIN_DELTA));
    assertEquals(Verdict.ABANDON, v.verdict());
  }

  @Test
  void noUsablePairMakesEveryCriterionWarn() {
    List<ResultRow> noTrade = variant("v1", alternating(0.03), 0, 0).stream()
        .map(r -> new ResultRow(r.runId(), r.factor(), r.variant(), r.crypto(), r.fold(), r.status(), r.f1Buy(),
            r.sortino(), r.totalReturn(), 0, r.ece(), r.expectancyNet(), r.maxDrawdown(), r.createdAt()))
        .toList();
    VariantVerdict v = evaluate(PLAN, stats(List.of(baseline(), noTrade), "v1"), G).get("v1");
    assertGate(Status.WARN, "cannot evaluate: 0 usable pair(s)", gate(v, GateKind.COHENS_D));
    assertGate(Status.WARN, "cannot evaluate: 0 usable pair(s)", gate(v, GateKind.MIN_DELTA));
    assertGate(Status.WARN, "cannot evaluate: no paired ece", gate(v, GateKind.ECE));
    assertGate(Status.WARN, "cannot evaluate: no paired max_drawdown", gate(v, GateKind.MAX_DRAWDOWN));
    assertEquals(Verdict.ABANDON, v.verdict());
  }

  // ---- ECE ----------------------------------------------------------------------------------

  @Test
  void ecePassesAndFailsWithTheSameEvidenceInBothLayouts() {
    BranchStats s = three();
    for (EvidenceFormat format : List.of(R, G)) {
      Map<String, VariantVerdict> v = evaluate(PLAN, s, format);
      assertGate(Status.PASS, "ΔECE = 0.0050", gate(v.get("good"), GateKind.ECE));
      assertGate(Status.FAIL, "ΔECE = 0.0200", gate(v.get("weak"), GateKind.ECE));
      assertGate(Status.PASS, "ΔECE = -0.0100", gate(v.get("worse"), GateKind.ECE));
    }
  }

  @Test
  void eceExactlyAtTheLimitPasses() {
    // 2^-7 added to values that are multiples of 2^-10: every difference is exact.
    List<ResultRow> base = variant(BASE, (c, f) -> 0, 0, 0).stream().map(r -> withEce(r, (r.fold() + 10) / 1024.0))
        .toList();
    List<ResultRow> v1 = variant("v1", alternating(0.03), 0, 0).stream()
        .map(r -> withEce(r, (r.fold() + 10) / 1024.0 + 1 / 128.0)).toList();
    GatePlan plan = GatePlan.defaults().withCriteria(
        List.of(new CriterionSpec("ece", Map.of("max_increase", 1 / 128.0), false, 3)), SPEC);
    assertGate(Status.PASS, "ΔECE = 0.0078", gate(evaluate(plan, stats(List.of(base, v1), "v1"), R).get("v1"),
        GateKind.ECE));
    // The gate decides on the figure it prints: 0.0078125 is "0.0078", within a limit of 0.0078 …
    GatePlan printed = GatePlan.defaults().withCriteria(
        List.of(new CriterionSpec("ece", Map.of("max_increase", 0.0078), false, 3)), SPEC);
    assertGate(Status.PASS, "ΔECE = 0.0078", gate(evaluate(printed, stats(List.of(base, v1), "v1"), R).get("v1"),
        GateKind.ECE));
    // … and beyond one of 0.0077.
    GatePlan tighter = GatePlan.defaults().withCriteria(
        List.of(new CriterionSpec("ece", Map.of("max_increase", 0.0077), false, 3)), SPEC);
    assertGate(Status.FAIL, "ΔECE = 0.0078", gate(evaluate(tighter, stats(List.of(base, v1), "v1"), R).get("v1"),
        GateKind.ECE));
  }

  private static ResultRow withEce(ResultRow r, double ece) {
    return new ResultRow(r.runId(), r.factor(), r.variant(), r.crypto(), r.fold(), r.status(), r.f1Buy(), r.sortino(),
        r.totalReturn(), r.nTrades(), ece, r.expectancyNet(), r.maxDrawdown(), r.createdAt());
  }

  // ---- max_drawdown -------------------------------------------------------------------------

  @Test
  void maxDrawdownPassesAndFailsWithTheSameEvidenceInBothLayouts() {
    BranchStats s = three();
    for (EvidenceFormat format : List.of(R, G)) {
      Map<String, VariantVerdict> v = evaluate(PLAN, s, format);
      assertGate(Status.PASS, "Δmax_drawdown = +0.50", gate(v.get("good"), GateKind.MAX_DRAWDOWN));
      assertGate(Status.FAIL, "Δmax_drawdown = +1.50", gate(v.get("weak"), GateKind.MAX_DRAWDOWN));
      assertGate(Status.PASS, "Δmax_drawdown = -2.00", gate(v.get("worse"), GateKind.MAX_DRAWDOWN));
    }
  }

  @Test
  void maxDrawdownExactlyOnePointWorsePasses() {
    BranchStats s = stats(List.of(baseline(), variant("v1", alternating(0.03), 0, 1.0)), "v1");
    assertEquals(1.0, s.comparisons().get(0).meanDelta(Metric.MAX_DRAWDOWN), 0.0);
    assertGate(Status.PASS, "Δmax_drawdown = +1.00", gate(evaluate(PLAN, s, G).get("v1"), GateKind.MAX_DRAWDOWN));
  }

  @Test
  void aSecondaryCriterionIsStillEvaluatedAndStillBlocksALock() {
    // "weak" fails the primary gate; its max_drawdown FAIL is moot in the dossier but still counts.
    VariantVerdict weak = evaluate(PLAN, three(), G).get("weak");
    assertEquals(Status.FAIL, gate(weak, GateKind.F1_LIFT).status());
    assertGate(Status.FAIL, "Δmax_drawdown = +1.50", gate(weak, GateKind.MAX_DRAWDOWN));
    // With the joint gate allowing 2 points, a max_drawdown 1.5 points worse fails the criterion
    // alone, and that is enough to ABANDON.
    GatePlan lenientJoint = GatePlan.defaults().with(List.of(new GateOverride("joint", "max_drawdown", 2, 60)), SPEC)
        .withCriteria(TRACK5_CRITERIA, SPEC);
    BranchStats s = stats(List.of(baseline(), variant("v1", alternating(0.03), 0, 1.5)), "v1");
    VariantVerdict v = evaluate(lenientJoint, s, G).get("v1");
    assertEquals(List.of(GateKind.MAX_DRAWDOWN),
        v.gates().stream().filter(g -> g.status() != Status.PASS).map(GateResult::kind).toList());
    assertEquals(Verdict.ABANDON, v.verdict());
  }

  @Test
  void variantThatClearsTheSixGatesAndTheFourCriteriaLocks() {
    VariantVerdict v = evaluate(PLAN, three(), G).get("good");
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), v.gates().stream().map(GateResult::number).toList());
    assertTrue(v.gates().stream().allMatch(g -> g.status() == Status.PASS), v.gates().toString());
    assertEquals(Verdict.LOCK, v.verdict());
  }

  // ---- withCriteria -------------------------------------------------------------------------

  @Test
  void criteriaAreNumberedAfterThePlansSixGates() {
    assertEquals(List.of(GateKind.F1_LIFT, GateKind.JOINT, GateKind.STABILITY, GateKind.PER_ASSET,
        GateKind.SAMPLE_SIZE, GateKind.READINESS, GateKind.COHENS_D, GateKind.MIN_DELTA, GateKind.MAX_DRAWDOWN,
        GateKind.ECE), PLAN.gates().stream().map(Gate::kind).toList());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), PLAN.gates().stream().map(Gate::number).toList());
    assertEquals(List.of(false, false, false, false, false, false, false, false, true, false),
        PLAN.gates().stream().map(Gate::secondary).toList());
    assertEquals(Map.of("min_d", 0.3), PLAN.gates().get(6).thresholds());
    assertEquals(Map.of("min_delta", 0.02), PLAN.gates().get(7).thresholds());
    assertEquals(Map.of("max_increase", 1.0), PLAN.gates().get(8).thresholds());
    assertEquals(Map.of("max_increase", 0.01), PLAN.gates().get(9).thresholds());
    assertEquals(6, GatePlan.defaults().gates().size(), "the default plan is unchanged");
    assertEquals(GatePlan.defaults().readinessSections(), PLAN.readinessSections());
    assertEquals(GatePlan.defaults().plan(), PLAN.plan());
  }

  @Test
  void noCriteriaLeaveThePlanAsItIs() {
    assertEquals(GatePlan.defaults(), GatePlan.defaults().withCriteria(List.of(), SPEC));
  }

  @Test
  void criteriaComeAfterTheOverriddenGatesAndNumberingContinues() {
    GatePlan p = GatePlan.defaults().with(List.of(new GateOverride("f1_lift", "min_delta", 0.02, 60)), SPEC)
        .withCriteria(TRACK5_CRITERIA.subList(0, 2), SPEC)
        .withCriteria(TRACK5_CRITERIA.subList(2, 4), SPEC);
    assertEquals(0.02, p.gates().get(0).threshold("min_delta"));
    assertEquals(List.of(7, 8, 9, 10), p.gates().subList(6, 10).stream().map(Gate::number).toList());
    assertEquals(List.of(GateKind.COHENS_D, GateKind.MIN_DELTA, GateKind.MAX_DRAWDOWN, GateKind.ECE),
        p.gates().subList(6, 10).stream().map(Gate::kind).toList());
  }

  @Test
  void criterionThresholdsFollowTheKindsOrder() {
    Map<String, Double> given = new LinkedHashMap<>();
    given.put("max_increase", 0.5);
    Gate g = GatePlan.defaults().withCriteria(List.of(new CriterionSpec("max_drawdown", given, true, 9)), SPEC)
        .gates().get(6);
    assertEquals(List.of("max_increase"), List.copyOf(g.thresholds().keySet()));
    assertTrue(g.secondary());
    assertEquals(0.5, g.threshold("max_increase"));
  }

  @Test
  void unknownCriterion() {
    DossierException e = assertThrows(DossierException.class, () -> GatePlan.defaults().withCriteria(
        List.of(new CriterionSpec("cohen_d", Map.of("min_d", 0.3), false, 70)), SPEC));
    assertEquals(DossierException.USAGE, e.exitCode());
    assertTrue(e.getMessage().startsWith("dossiers/x.yaml:70: unknown criterion 'cohen_d' (known: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("cohens_d, min_delta, ece, max_drawdown)"), e.getMessage());
  }

  @Test
  void criterionWithoutItsThreshold() {
    DossierException e = assertThrows(DossierException.class, () -> GatePlan.defaults().withCriteria(
        List.of(TRACK5_CRITERIA.get(0), new CriterionSpec("ece", Map.of(), false, 77)), SPEC));
    assertEquals(DossierException.USAGE, e.exitCode());
    assertEquals("dossiers/x.yaml:77: criterion 'ece' needs 'max_increase'", e.getMessage());
  }

  @Test
  void criterionWithAThresholdOfAnotherKind() {
    DossierException e = assertThrows(DossierException.class, () -> GatePlan.defaults().withCriteria(
        List.of(new CriterionSpec("cohens_d", Map.of("min_D", 0.3), false, 70)), SPEC));
    assertEquals(DossierException.USAGE, e.exitCode());
    assertEquals("dossiers/x.yaml:70: criterion 'cohens_d' has no threshold 'min_D' (known: min_d)", e.getMessage());
    e = assertThrows(DossierException.class, () -> GatePlan.defaults().withCriteria(
        List.of(new CriterionSpec("ece", Map.of("max_increase", 0.01, "max_delta", 0.02), false, 77)), SPEC));
    assertEquals("dossiers/x.yaml:77: criterion 'ece' has no threshold 'max_delta' (known: max_increase)",
        e.getMessage());
  }

  // ---- a track with criteria ----------------------------------------------------------------

  private static final List<GateKind> TEN = List.of(GateKind.F1_LIFT, GateKind.JOINT, GateKind.STABILITY,
      GateKind.PER_ASSET, GateKind.SAMPLE_SIZE, GateKind.READINESS, GateKind.COHENS_D, GateKind.MIN_DELTA,
      GateKind.MAX_DRAWDOWN, GateKind.ECE);

  @Test
  void track5GivesTheGateRowsInOrder() {
    TrackSpec spec = new SpecLoader(REPO).load("track5");
    assertEquals(TrackSpec.Layout.GATE_DECISION, spec.layout());
    assertEquals(List.of("cohens_d", "min_delta", "max_drawdown", "ece"),
        spec.criteria().stream().map(CriterionSpec::id).toList());
    assertEquals(List.of(false, false, true, false), spec.criteria().stream().map(CriterionSpec::secondary).toList());
    List<ResultRow> rows = SnapshotReader.read(spec.snapshot().orElseThrow());
    TrackAnalysis a = TrackAnalysis.of(spec, rows, "dossiers/data/track5-label-smoothing.csv");

    assertEquals(TEN, a.plan().gates().stream().map(Gate::kind).toList());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), a.plan().gates().stream().map(Gate::number).toList());
    assertEquals(2, a.analysed().size());
    for (BranchAnalysis b : a.analysed()) {
      for (VariantVerdict v : b.verdicts()) {
        assertEquals(TEN, v.gates().stream().map(GateResult::kind).toList(), v.variant());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), v.gates().stream().map(GateResult::number).toList());
      }
    }

    // label_smoothing, at the gate-decision precision (CIs to 3 decimals, mean Δ to 4)
    Map<String, VariantVerdict> ls = new LinkedHashMap<>();
    a.analysed().get(0).verdicts().forEach(v -> ls.put(v.variant(), v));
    assertEquals(List.of("mild", "aggressive"), List.copyOf(ls.keySet()));
    assertGate(Status.FAIL, "d = -1.11 (large)", gate(ls.get("mild"), GateKind.COHENS_D));
    assertGate(Status.FAIL, "d = -1.82 (very large)", gate(ls.get("aggressive"), GateKind.COHENS_D));
    assertGate(Status.FAIL, "Δ = -0.0609", gate(ls.get("mild"), GateKind.MIN_DELTA));
    assertGate(Status.FAIL, "Δ = -0.0736", gate(ls.get("aggressive"), GateKind.MIN_DELTA));
    assertGate(Status.PASS, "Δmax_drawdown = +0.85", gate(ls.get("mild"), GateKind.MAX_DRAWDOWN));
    assertGate(Status.FAIL, "Δmax_drawdown = +1.62", gate(ls.get("aggressive"), GateKind.MAX_DRAWDOWN));
    assertGate(Status.WARN, "cannot evaluate: ece reads exactly 0 on every row of mild",
        gate(ls.get("mild"), GateKind.ECE));
    assertGate(Status.WARN, "cannot evaluate: ece reads exactly 0 on every row of aggressive",
        gate(ls.get("aggressive"), GateKind.ECE));
    assertEquals(List.of(6L, 7L), ls.values().stream().map(v -> v.count(Status.FAIL)).toList());
    assertEquals(List.of(1L, 1L), ls.values().stream().map(v -> v.count(Status.WARN)).toList());

    // the cleanlab re-run: ECE is logged there, and judged
    Map<String, VariantVerdict> cl = new LinkedHashMap<>();
    a.analysed().get(1).verdicts().forEach(v -> cl.put(v.variant(), v));
    assertGate(Status.PASS, "ΔECE = 0.0033", gate(cl.get("filter"), GateKind.ECE));
    assertGate(Status.PASS, "ΔECE = 0.0016", gate(cl.get("reweight"), GateKind.ECE));
    assertEquals(Verdict.ABANDON, a.overall());
  }

  /** The repository's track5 spec in a temporary project with one text replaced. */
  private static TrackSpec track5With(Path project, String from, String to) throws IOException {
    String text = Files.readString(REPO.resolve("dossiers/track5.yaml"), StandardCharsets.UTF_8);
    assertTrue(text.contains(from), from);
    Path dossiers = Files.createDirectories(project.resolve("dossiers"));
    Files.writeString(dossiers.resolve("track5.yaml"), text.replace(from, to), StandardCharsets.UTF_8);
    return new SpecLoader(project).load("track5");
  }

  private static int lineOf(String text, String line) {
    List<String> lines = text.lines().toList();
    assertTrue(lines.contains(line), line);
    return lines.indexOf(line) + 1;
  }

  @Test
  void aSpecsCriterionErrorNamesItsLine(@TempDir Path project) throws IOException {
    String text = Files.readString(REPO.resolve("dossiers/track5.yaml"), StandardCharsets.UTF_8);
    int cohen = lineOf(text, "  - id: cohens_d");
    TrackSpec typo = track5With(project, "  - id: cohens_d\n    min_d: 0.3", "  - id: cohens_d\n    min_D: 0.3");
    DossierException e = assertThrows(DossierException.class, () -> TrackAnalysis.of(typo, List.of(), "rows"));
    assertEquals(DossierException.USAGE, e.exitCode());
    assertEquals("dossiers/track5.yaml:" + cohen + ": criterion 'cohens_d' has no threshold 'min_D' (known: min_d)",
        e.getMessage());

    int ece = lineOf(text, "  - id: ece");
    TrackSpec unknown = track5With(project, "  - id: ece\n", "  - id: calibration\n");
    e = assertThrows(DossierException.class, () -> TrackAnalysis.of(unknown, List.of(), "rows"));
    assertTrue(e.getMessage().startsWith("dossiers/track5.yaml:" + ece + ": unknown criterion 'calibration' (known: "),
        e.getMessage());

    TrackSpec missing = track5With(project, "    max_increase: 0.01\n", "");
    e = assertThrows(DossierException.class, () -> TrackAnalysis.of(missing, List.of(), "rows"));
    assertEquals("dossiers/track5.yaml:" + ece + ": criterion 'ece' needs 'max_increase'", e.getMessage());
  }

  @Test
  void mootIfPrimaryFailsIsReadFromTheSpec(@TempDir Path project) throws IOException {
    TrackSpec s = track5With(project, "    max_increase: 0.01\n", "    max_increase: 0.01\n    moot_if_primary_fails: true\n");
    assertEquals(List.of(false, false, true, true), s.criteria().stream().map(CriterionSpec::secondary).toList());
    TrackSpec off = track5With(project, "    moot_if_primary_fails: true\n", "    moot_if_primary_fails: false\n");
    assertFalse(off.criteria().stream().anyMatch(CriterionSpec::secondary));
  }
}
