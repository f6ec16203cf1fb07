package dossier.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.gates.BranchAnalysis;
import dossier.gates.EvidenceFormat;
import dossier.gates.GateEvaluator;
import dossier.gates.GateKind;
import dossier.gates.GatePlan;
import dossier.gates.GateResult;
import dossier.gates.Readiness;
import dossier.gates.Status;
import dossier.gates.TrackAnalysis;
import dossier.gates.VariantVerdict;
import dossier.model.Dossier.AnomalyView;
import dossier.model.Dossier.BranchView;
import dossier.model.Dossier.CriteriaTable;
import dossier.model.Dossier.CriterionRow;
import dossier.model.Dossier.GateView;
import dossier.model.Dossier.LongRow;
import dossier.model.Dossier.StateRow;
import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.source.SnapshotReader;
import dossier.source.Sweeps;
import dossier.spec.Located;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import dossier.spec.TrackSpec.BranchSpec;
import dossier.spec.TrackSpec.CriterionSpec;
import dossier.spec.TrackSpec.VariantSpec;
import dossier.stats.BootstrapSettings;
import dossier.stats.BranchStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The view of a branch: the sweep-state rows, the ⚠ marks of the long per-crypto table, the
 * anomaly footnotes, and the criteria table with its moot cells; then the repository's track5
 * against its committed dossier.
 */
class BranchViewsTest {
  private static final Path REPO = Path.of("").toAbsolutePath();
  private static final String RUN = "run1";
  private static final List<String> FIVE = List.of("AAA", "BBB", "CCC", "DDD", "EEE");
  private static final Readiness.Result READY =
      new Readiness.Result("mlops_readiness.md", Status.PASS, 6, 6, List.of());
  private static final GatePlan PLAN = GatePlan.defaults().withCriteria(List.of(
      new CriterionSpec("cohens_d", Map.of("min_d", 0.3), false, 70),
      new CriterionSpec("min_delta", Map.of("min_delta", 0.02), false, 72),
      new CriterionSpec("max_drawdown", Map.of("max_increase", 1.0), true, 74),
      new CriterionSpec("ece", Map.of("max_increase", 0.01), false, 77)), "dossiers/x.yaml");
  private static final String MOOT = "(not analysed — moot given f1_buy gate fail)";
  private static int clock;

  // ---- helpers ------------------------------------------------------------------------------

  private static Instant at() {
    return Instant.parse("2026-04-29T12:00:00Z").plusSeconds(clock++);
  }

  /** A completed attempt; f1 0.40 + 0.01·c + 0.005·f + {@code lift}, every other metric varying too. */
  private static ResultRow ok(String factor, String variant, String crypto, int fold, double lift) {
    int c = Math.max(0, FIVE.indexOf(crypto));
    return new ResultRow(RUN, factor, variant, crypto, fold, ResultRow.COMPLETED, 0.40 + 0.01 * c + 0.005 * fold + lift,
        1.0 + 0.1 * c + 0.01 * fold + lift, 5.0 + c + fold, 60 + c + fold, 0.05 + 0.001 * c + 0.0005 * fold,
        10.0 + c + 0.1 * fold + 100 * lift, 10.0 + 0.25 * c + 0.05 * fold, at());
  }

  private static ResultRow failed(String factor, String variant, String crypto, int fold, String status) {
    return new ResultRow(RUN, factor, variant, crypto, fold, status, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN,
        Double.NaN, Double.NaN, at());
  }

  private static ResultRow set(ResultRow r, Metric m, double v) {
    return new ResultRow(r.runId(), r.factor(), r.variant(), r.crypto(), r.fold(), r.status(),
        m == Metric.F1_BUY ? v : r.f1Buy(), m == Metric.SORTINO ? v : r.sortino(),
        m == Metric.TOTAL_RETURN ? v : r.totalReturn(), m == Metric.N_TRADES ? (int) v : r.nTrades(),
        m == Metric.ECE ? v : r.ece(), m == Metric.EXPECTANCY_NET ? v : r.expectancyNet(),
        m == Metric.MAX_DRAWDOWN ? v : r.maxDrawdown(), r.createdAt());
  }

  /** One completed attempt per crypto × fold 1..{@code folds}. */
  private static List<ResultRow> grid(String factor, String variant, List<String> cryptos, int folds, double lift) {
    List<ResultRow> rows = new ArrayList<>();
    for (String c : cryptos) {
      for (int f = 1; f <= folds; f++) {
        rows.add(ok(factor, variant, c, f, lift));
      }
    }
    return rows;
  }

  private static VariantSpec variant(String name) {
    return new VariantSpec(new Located(name, 1), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static VariantSpec variant(String name, String coverageNote) {
    return new VariantSpec(new Located(name, 1), Optional.empty(), Optional.empty(), Optional.of(coverageNote));
  }

  /** A branch of {@code factor} on five cryptos × 5 folds; the first variant is the baseline. */
  private static BranchSpec branch(String factor, List<VariantSpec> variants, List<String> cryptos) {
    return new BranchSpec(factor, factor, List.of(new Located(RUN, 1)), variants.get(0).name(), variants,
        cryptos.stream().map(c -> new Located(c, 1)).toList(), Optional.empty(), TrackSpec.Folds.count(5, 1), Optional.empty(), true,
        Optional.empty(), "", "", "");
  }

  private static BranchAnalysis analyse(BranchSpec bs, List<ResultRow> rows) {
    BranchStats stats = BranchStats.of(Sweeps.resolve(rows, bs.factor(), bs.runIds(), bs.baseline().value(),
        bs.variantNames(), bs.cryptoNames()), Metric.F1_BUY, new BootstrapSettings(1000, 42, 0.95));
    return new BranchAnalysis(stats, GateEvaluator.evaluate(PLAN, stats, READY, EvidenceFormat.GATE_DECISION), true);
  }

  private static List<StateRow> state(BranchSpec bs, List<ResultRow> rows) {
    return BranchViews.state(bs, analyse(bs, rows));
  }

  private static StateRow row(List<StateRow> rows, String variant) {
    return rows.stream().filter(r -> r.variant().equals(variant)).findFirst().orElseThrow();
  }

  // ---- sweep state --------------------------------------------------------------------------

  @Test
  void fullCoverage() {
    BranchSpec bs = branch("label_smoothing", List.of(variant("none"), variant("mild")), FIVE);
    List<ResultRow> rows = new ArrayList<>(grid("label_smoothing", "none", FIVE, 5, 0));
    rows.addAll(grid("label_smoothing", "mild", FIVE, 5, -0.05));
    assertEquals(List.of(
        new StateRow("label_smoothing", "none", true, 25, false, "5 × 5", ""),
        new StateRow("label_smoothing", "mild", false, 25, false, "5 × 5", "")), state(bs, rows));
  }

  @Test
  void retriesAreCountedAndTheirUsefulAttemptsToo() {
    BranchSpec bs = branch("ls", List.of(variant("none"), variant("one"), variant("failed_once")), FIVE);
    List<ResultRow> rows = new ArrayList<>();
    // nine cells of the baseline ran twice, both useful: 25 + 9 useful attempts
    for (int i = 0; i < 9; i++) {
      rows.add(ok("ls", "none", FIVE.get(i % 5), 1 + i / 5, 0));
    }
    rows.addAll(grid("ls", "none", FIVE, 5, 0));
    rows.add(ok("ls", "one", "CCC", 2, 0.01));
    rows.addAll(grid("ls", "one", FIVE, 5, 0.01));
    rows.add(failed("ls", "failed_once", "AAA", 1, "training_failed"));
    rows.addAll(grid("ls", "failed_once", FIVE, 5, 0.01));
    List<StateRow> state = state(bs, rows);
    assertEquals(new StateRow("ls", "none", true, 34, false, "5 × 5 + 9 retries", ""), row(state, "none"));
    assertEquals(new StateRow("ls", "one", false, 26, false, "5 × 5 + 1 retry", ""), row(state, "one"));
    assertEquals(new StateRow("ls", "failed_once", false, 25, false, "5 × 5 + 1 retry (1 failed attempt)", ""),
        row(state, "failed_once"));
  }

  @Test
  void partialCoverageWithRetries() {
    // AAA, BBB, CCC complete; DDD has 3 folds and EEE 2; fifteen useful attempts superseded.
    BranchSpec bs = branch("cleanlab", List.of(variant("off"), variant("filter")), FIVE);
    List<ResultRow> rows = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      rows.add(ok("cleanlab", "off", FIVE.get(i % 3), 1 + i / 3, 0));
    }
    rows.addAll(grid("cleanlab", "off", FIVE.subList(0, 3), 5, 0));
    rows.addAll(grid("cleanlab", "off", List.of("DDD"), 3, 0));
    rows.addAll(grid("cleanlab", "off", List.of("EEE"), 2, 0));
    rows.addAll(grid("cleanlab", "filter", FIVE, 5, -0.05));
    StateRow off = row(state(bs, rows), "off");
    assertEquals(new StateRow("cleanlab", "off", true, 35, true, "3 cryptos × 5 folds + 2 partial + 15 retries", ""),
        off);
  }

  @Test
  void cryptoWithoutAnyFoldMakesThePartialFlagWithoutAPartialCrypto() {
    BranchSpec bs = branch("ls", List.of(variant("none"), variant("mild")), FIVE);
    List<ResultRow> rows = new ArrayList<>(grid("ls", "none", FIVE, 5, 0));
    rows.addAll(grid("ls", "mild", FIVE.subList(0, 4), 5, -0.05));
    assertEquals(new StateRow("ls", "mild", false, 20, true, "4 cryptos × 5 folds", ""), row(state(bs, rows), "mild"));
  }

  @Test
  void noCompletedAttempt() {
    BranchSpec bs = branch("cleanlab", List.of(variant("off"), variant("filter", "the runs hung"),
        variant("reweight", "same failure as filter"), variant("never")), FIVE);
    List<ResultRow> rows = new ArrayList<>(grid("cleanlab", "off", FIVE, 5, 0));
    rows.add(failed("cleanlab", "filter", "AAA", 1, "timeout"));
    rows.add(failed("cleanlab", "filter", "BBB", 1, "timeout"));
    rows.add(failed("cleanlab", "filter", "CCC", 1, "training_failed"));
    rows.add(failed("cleanlab", "reweight", "AAA", 1, "timeout"));
    List<StateRow> state = state(bs, rows);
    assertEquals(new StateRow("cleanlab", "filter", false, 0, false, "none (3 failed attempts)", "the runs hung"),
        row(state, "filter"));
    assertEquals(new StateRow("cleanlab", "reweight", false, 0, false, "none (1 failed attempt)",
        "same failure as filter"), row(state, "reweight"));
    assertEquals(new StateRow("cleanlab", "never", false, 0, false, "none", ""), row(state, "never"));
    assertEquals(List.of("off", "filter", "reweight", "never"), state.stream().map(StateRow::variant).toList(),
        "in the spec's order, baseline first");
  }

  @Test
  void aVariantWithoutAnyPairHasItsCorrectedFiguresUndefinedForWantOfPairs() {
    BranchSpec bs = branch("cleanlab", List.of(variant("off"), variant("filter")), FIVE);
    List<ResultRow> rows = new ArrayList<>(grid("cleanlab", "off", FIVE, 5, 0));
    FIVE.forEach(c -> rows.add(failed("cleanlab", "filter", c, 1, "timeout")));
    assertEquals("none", view(bs, rows).robustness().get(0).undefined());
  }

  @Test
  void aCompletedRowWithoutATradeCoversItsCellButIsNotUseful() {
    BranchSpec bs = branch("ls", List.of(variant("none"), variant("mild")), FIVE);
    List<ResultRow> rows = new ArrayList<>(grid("ls", "none", FIVE, 5, 0));
    List<ResultRow> mild = new ArrayList<>(grid("ls", "mild", FIVE, 5, -0.05));
    mild.set(3, set(mild.get(3), Metric.N_TRADES, 0));
    rows.addAll(mild);
    assertEquals(new StateRow("ls", "mild", false, 24, false, "5 × 5", ""), row(state(bs, rows), "mild"));
  }

  // ---- the long per-crypto table and its anomalies ------------------------------------------

  private static BranchView view(BranchSpec bs, List<ResultRow> rows) {
    return BranchViews.of(bs, PLAN, analyse(bs, rows), "img/x", EvidenceFormat.GATE_DECISION);
  }

  @Test
  void longMeansMarkOnlyTheAnomalousMetricsCells() {
    List<String> two = List.of("AAA", "BBB");
    BranchSpec bs = branch("ls", List.of(variant("none"), variant("mild"), variant("aggressive")), two);
    List<ResultRow> rows = new ArrayList<>(grid("ls", "none", two, 3, 0));
    rows.addAll(grid("ls", "mild", two, 3, -0.05).stream().map(r -> set(r, Metric.ECE, 0.0)).toList());
    rows.addAll(grid("ls", "aggressive", two, 3, -0.07).stream().map(r -> set(r, Metric.ECE, 0.0)).toList());
    BranchView v = view(bs, rows);
    assertEquals(6, v.longMeans().size());
    for (LongRow r : v.longMeans()) {
      boolean soft = !r.variant().equals("none");
      for (int i = 0; i < BranchViews.LONG_COLUMNS.size(); i++) {
        boolean ece = BranchViews.LONG_COLUMNS.get(i) == Metric.ECE;
        assertEquals(soft && ece, r.values().get(i).endsWith(" ⚠"), r + " column " + i);
      }
      if (soft) {
        assertEquals("0.0000 ⚠", r.values().get(4));
      }
    }
    assertEquals(List.of(new AnomalyView(true, "ece", List.of("mild", "aggressive"), "0", 12, "")), v.anomalies());
  }

  @Test
  void nonFiniteValueMarksItsCryptoAndMetricOnly() {
    List<String> two = List.of("AAA", "BBB");
    BranchSpec bs = branch("ls", List.of(variant("none"), variant("mild")), two);
    List<ResultRow> rows = new ArrayList<>(grid("ls", "none", two, 3, 0));
    List<ResultRow> mild = new ArrayList<>(grid("ls", "mild", two, 3, -0.05));
    mild.set(1, set(mild.get(1), Metric.SORTINO, Double.NaN)); // AAA fold 2
    rows.addAll(mild);
    BranchView v = view(bs, rows);
    List<String> marked = new ArrayList<>();
    for (LongRow r : v.longMeans()) {
      for (int i = 0; i < r.values().size(); i++) {
        if (r.values().get(i).endsWith(" ⚠")) {
          marked.add(r.crypto() + "/" + r.variant() + "/" + BranchViews.LONG_COLUMNS.get(i).column() + "="
              + r.values().get(i));
        }
      }
    }
    assertEquals(List.of("AAA/mild/sortino=n/a ⚠"), marked);
    assertEquals(List.of(new AnomalyView(false, "sortino", List.of("mild"), "", 1,
        "sortino is not a number on 1 row(s) of mild (AAA fold 2)")), v.anomalies());
  }

  @Test
  void constantsOfDifferentValuesAreFootnotedApartAndTheOthersOneByOne() {
    List<String> two = List.of("AAA", "BBB");
    BranchSpec bs = branch("ls", List.of(variant("none"), variant("mild"), variant("aggressive")), two);
    List<ResultRow> rows = new ArrayList<>(grid("ls", "none", two, 3, 0));
    rows.addAll(grid("ls", "mild", two, 3, -0.05).stream().map(r -> set(r, Metric.ECE, 0.0)).toList());
    List<ResultRow> aggressive = new ArrayList<>(grid("ls", "aggressive", two, 3, -0.07).stream()
        .map(r -> set(r, Metric.ECE, 0.5)).toList());
    aggressive.set(5, set(aggressive.get(5), Metric.N_TRADES, 0)); // BBB fold 3
    rows.addAll(aggressive);
    assertEquals(List.of(
        new AnomalyView(true, "ece", List.of("mild"), "0", 6, ""),
        new AnomalyView(true, "ece", List.of("aggressive"), "0.5", 6, ""),
        new AnomalyView(false, "", List.of("aggressive"), "", 1, "1 row(s) of aggressive made no trade (BBB fold 3)")),
        view(bs, rows).anomalies());
  }

  // ---- the criteria table -------------------------------------------------------------------

  /** "better" passes f1_lift, "worse" fails it, "warned" cannot be judged on it (a NaN f1). */
  private static BranchAnalysis threeWays() {
    BranchSpec bs = branch("ls", List.of(variant("none"), variant("better"), variant("worse"), variant("warned")),
        FIVE);
    List<ResultRow> rows = new ArrayList<>(grid("ls", "none", FIVE, 5, 0));
    rows.addAll(grid("ls", "better", FIVE, 5, 0.03).stream().map(BranchViewsTest::jitter).toList());
    rows.addAll(grid("ls", "worse", FIVE, 5, -0.03).stream().map(BranchViewsTest::jitter).toList());
    List<ResultRow> warned = new ArrayList<>(grid("ls", "warned", FIVE, 5, 0.03).stream()
        .map(BranchViewsTest::jitter).toList());
    warned.set(7, set(warned.get(7), Metric.F1_BUY, Double.NaN));
    rows.addAll(warned);
    return analyse(bs, rows);
  }

  /** f1 and drawdown moved a little by fold, so that Δs vary and a CI exists; drawdown +0.5 */
  private static ResultRow jitter(ResultRow r) {
    ResultRow f1 = set(r, Metric.F1_BUY, r.f1Buy() + 0.002 * ((r.fold() + r.crypto().charAt(0)) % 3));
    return set(f1, Metric.MAX_DRAWDOWN, r.maxDrawdown() + 0.5);
  }

  private static GateResult gate(VariantVerdict v, GateKind kind) {
    return v.gates().stream().filter(g -> g.kind() == kind).findFirst().orElseThrow();
  }

  @Test
  void criteriaCellsAreMootOnlyForASecondaryCriterionAfterAFailedPrimaryGate() {
    BranchAnalysis a = threeWays();
    Map<String, VariantVerdict> verdicts = new java.util.LinkedHashMap<>();
    a.verdicts().forEach(v -> verdicts.put(v.variant(), v));
    assertEquals(Status.PASS, gate(verdicts.get("better"), GateKind.F1_LIFT).status());
    assertEquals(Status.FAIL, gate(verdicts.get("worse"), GateKind.F1_LIFT).status());
    assertEquals(Status.WARN, gate(verdicts.get("warned"), GateKind.F1_LIFT).status());

    CriteriaTable t = GateSummaries.criteria(PLAN, a);
    assertEquals(List.of("better", "worse", "warned"), t.variants());
    assertEquals(List.of("F1_buy lift ≥ +0.015 with CI95 excluding 0",
        "Joint metric (Δexpectancy ≥ 0 AND Δsortino ≥ 0 AND Δmax_drawdown ≤ +1 %)",
        "Stability — per-fold f1_buy variance ≤ 0.05", "Per-asset — f1_buy improves on ≥ 4/5 cryptos",
        "Sample size — ≥ 50 BUY trades / fold", "MLOps readiness", "Cohen's d ≥ 0.3", "Story-specific Δ f1_buy ≥ +0.02",
        "max_drawdown ≤ baseline + 1 %", "ECE ≤ baseline + 0.01"), t.rows().stream().map(CriterionRow::label).toList());
    for (int g = 0; g < PLAN.gates().size(); g++) {
      GatePlan.Gate gate = PLAN.gates().get(g);
      for (int v = 0; v < t.variants().size(); v++) {
        GateResult r = a.verdicts().get(v).gates().get(g);
        String cell = t.rows().get(g).cells().get(v);
        boolean moot = gate.secondary() && t.variants().get(v).equals("worse");
        String symbol = switch (r.status()) {
          case PASS -> "✅";
          case FAIL -> "❌";
          case WARN -> "⚠";
        };
        assertEquals(moot ? MOOT : symbol + " " + r.evidence(), cell, gate.kind() + " of " + t.variants().get(v));
      }
    }
    CriterionRow dd = t.rows().get(8);
    assertEquals(List.of("✅ Δmax_drawdown = +0.50", MOOT, "✅ Δmax_drawdown = +0.50"), dd.cells());
    assertEquals(Status.PASS, gate(verdicts.get("worse"), GateKind.MAX_DRAWDOWN).status(),
        "moot in the table, but evaluated");
    assertTrue(t.rows().get(6).cells().get(1).startsWith("❌ d = -"), t.rows().get(6).cells().get(1));
    assertEquals("⚠ cannot evaluate: f1_buy is not a number on 1 row(s) of warned (BBB fold 3)",
        t.rows().get(0).cells().get(2));
  }

  @Test
  void gateViewIsMootOnlyWhenEveryVariantFailedThePrimaryGate() {
    BranchAnalysis mixed = threeWays();
    assertTrue(GateSummaries.of(PLAN, mixed, EvidenceFormat.GATE_DECISION).stream().noneMatch(GateView::moot));

    BranchSpec bs = branch("ls", List.of(variant("none"), variant("worse"), variant("worst")), FIVE);
    List<ResultRow> rows = new ArrayList<>(grid("ls", "none", FIVE, 5, 0));
    rows.addAll(grid("ls", "worse", FIVE, 5, -0.03).stream().map(BranchViewsTest::jitter).toList());
    rows.addAll(grid("ls", "worst", FIVE, 5, -0.05).stream().map(BranchViewsTest::jitter).toList());
    BranchAnalysis failed = analyse(bs, rows);
    List<GateView> views = GateSummaries.of(PLAN, failed, EvidenceFormat.GATE_DECISION);
    assertEquals(List.of(false, false, false, false, false, false, false, false, true, false),
        views.stream().map(GateView::moot).toList());
    assertEquals(List.of(MOOT, MOOT), GateSummaries.criteria(PLAN, failed).rows().get(8).cells());

    // Without moot_if_primary_fails the same criterion shows its evidence.
    GatePlan plain = GatePlan.defaults().withCriteria(
        List.of(new CriterionSpec("max_drawdown", Map.of("max_increase", 1.0), false, 74)), "dossiers/x.yaml");
    BranchStats stats = failed.stats();
    BranchAnalysis again = new BranchAnalysis(stats, GateEvaluator.evaluate(plain, stats, READY,
        EvidenceFormat.GATE_DECISION), true);
    assertFalse(GateSummaries.of(plain, again, EvidenceFormat.GATE_DECISION).get(6).moot());
    assertEquals(List.of("✅ Δmax_drawdown = +0.50", "✅ Δmax_drawdown = +0.50"),
        GateSummaries.criteria(plain, again).rows().get(6).cells());
  }

  @Test
  void branchWithoutVerdictsHasNoMootGate() {
    // No variant to compare: no verdict, and "every variant failed" must not hold vacuously.
    BranchSpec bs = branch("ls", List.of(variant("none")), FIVE);
    BranchAnalysis a = analyse(bs, grid("ls", "none", FIVE, 5, 0));
    assertEquals(List.of(), a.verdicts());
    assertTrue(GateSummaries.of(PLAN, a, EvidenceFormat.GATE_DECISION).stream().noneMatch(GateView::moot));
    assertEquals(List.of(), GateSummaries.criteria(PLAN, a).variants());
  }

  // ---- track5 end to end --------------------------------------------------------------------

  /** The rows of the Markdown table under {@code header} in the committed dossier. */
  private static List<String> table(List<String> lines, String header) {
    int i = lines.indexOf(header);
    assertTrue(i >= 0, header);
    List<String> out = new ArrayList<>();
    for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
      out.add(lines.get(j));
    }
    return out;
  }

  private static String cells(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |";
  }

  @Test
  void track5ViewsMatchTheCommittedDossier() throws IOException {
    TrackSpec spec = new SpecLoader(REPO).load("track5");
    List<ResultRow> rows = SnapshotReader.read(spec.snapshot().orElseThrow());
    TrackAnalysis analysis = TrackAnalysis.of(spec, rows, "dossiers/data/track5-label-smoothing.csv");
    List<String> md = Files.readAllLines(REPO.resolve("dossiers/2026-04-29-track5-label-smoothing-results.md"),
        StandardCharsets.UTF_8);

    // Sweep state: the main branch and the branch shown there only.
    List<StateRow> state = new ArrayList<>(BranchViews.state(spec.branches().get(0), analysis.branches().get(0)));
    state.addAll(BranchViews.state(spec.branches().get(1), analysis.branches().get(1)));
    List<String> rendered = state.stream().map(s -> cells(List.of(s.factor(),
        s.variant() + (s.baseline() ? " (baseline)" : ""), s.useful() + (s.partial() ? " partial" : ""),
        s.coverage() + (s.note().isEmpty() ? "" : " — " + s.note())))).toList();
    assertEquals(table(md, "| Factor | Variant | Useful rows (n_trades > 0) | Coverage (cryptos × folds) |"),
        rendered);

    BranchView main = BranchViews.of(spec.branches().get(0), analysis.plan(), analysis.branches().get(0), "img/track5",
        EvidenceFormat.GATE_DECISION);
    // Long means: ⚠ on the ECE of the soft variants only.
    assertEquals(table(md, "| Crypto | Variant | mean f1_buy | mean sortino | mean return | mean trades | mean ECE |"),
        main.longMeans().stream().map(r -> {
          List<String> c = new ArrayList<>(List.of(r.crypto(), r.variant()));
          c.addAll(r.values());
          return cells(c);
        }).toList());
    // Criteria: ✅/❌/⚠ cells, and the moot max_drawdown.
    assertEquals(table(md, "| Criterion | mild | aggressive |"), main.criteria().rows().stream().map(r -> {
      List<String> c = new ArrayList<>(List.of(r.label()));
      c.addAll(r.cells());
      return cells(c);
    }).toList());

    // The cleanlab re-run: every variant failed f1_lift, so max_drawdown is moot as a gate too.
    BranchView cleanlab = BranchViews.of(spec.branches().get(2), analysis.plan(), analysis.branches().get(2),
        "img/track5-branch-3", EvidenceFormat.GATE_DECISION);
    assertEquals(List.of(false, false, false, false, false, false, false, false, true, false),
        cleanlab.gates().stream().map(GateView::moot).toList());
    assertTrue(md.contains("- max_drawdown : not analysed (moot given the f1_buy gate fail)"));
  }
}
