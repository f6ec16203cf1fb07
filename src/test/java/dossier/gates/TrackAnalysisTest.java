package dossier.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.source.SnapshotReader;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import dossier.stats.BootstrapSettings;
import dossier.stats.Comparison;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole analysis on the repository's track6 spec and snapshot, the checks that spec and data
 * agree, and the ad-hoc analysis without a spec.
 */
class TrackAnalysisTest {
  private static final Path REPO = Path.of("").toAbsolutePath();
  private static final String SOURCE = "dossiers/data/track6-focal-loss.csv";
  private static final String RUN = "ftf_20260429_121011_282ec7_ATR0.5_1.5_H4";
  private static final List<String> FOCAL = List.of("mild_focus", "standard", "aggressive_focus", "class_balanced");

  private static TrackSpec spec;
  private static List<ResultRow> rows;
  private static TrackAnalysis analysis;

  @TempDir Path project;

  @BeforeAll
  static void analyseTrack6() {
    spec = new SpecLoader(REPO).load("track6");
    rows = SnapshotReader.read(spec.snapshot().orElseThrow());
    analysis = TrackAnalysis.of(spec, rows, SOURCE);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** The track6 spec in a temporary project with one text replaced, loaded. */
  private TrackSpec specWith(String from, String to) throws IOException {
    String text = Files.readString(REPO.resolve("dossiers/track6.yaml"), StandardCharsets.UTF_8);
    assertTrue(text.contains(from), from);
    Path dossiers = Files.createDirectories(project.resolve("dossiers"));
    Files.writeString(dossiers.resolve("track6.yaml"), text.replace(from, to), StandardCharsets.UTF_8);
    Files.createDirectories(dossiers.resolve("data"));
    Files.createDirectories(dossiers.resolve("track6"));
    Files.copy(REPO.resolve(SOURCE), dossiers.resolve("data/track6-focal-loss.csv"));
    Files.copy(REPO.resolve("dossiers/track6/mlops_readiness.md"), dossiers.resolve("track6/mlops_readiness.md"));
    return new SpecLoader(project).load("track6");
  }

  private DossierException dataError(TrackSpec s) {
    DossierException e = assertThrows(DossierException.class, () -> TrackAnalysis.of(s, rows, SOURCE));
    assertEquals(DossierException.WORK_FAILED, e.exitCode(), e.getMessage());
    return e;
  }

  private static Map<String, VariantVerdict> verdicts(TrackAnalysis a) {
    return a.branches().get(0).verdicts().stream().collect(Collectors.toMap(VariantVerdict::variant, v -> v));
  }

  private static List<Status> statuses(VariantVerdict v) {
    return v.gates().stream().map(GateResult::status).toList();
  }

  // ---- track6 -------------------------------------------------------------------------------

  @Test
  void track6IsAbandoned() {
    assertEquals(Verdict.ABANDON, analysis.overall());
    assertEquals(1, analysis.branches().size());
    BranchAnalysis b = analysis.branches().get(0);
    assertEquals(List.of(), b.locked());
    assertEquals(FOCAL, b.verdicts().stream().map(VariantVerdict::variant).toList());
    assertEquals(Status.PASS, analysis.readiness().status());
  }

  @Test
  void everyVariantFailsGates1245AndPasses3And6() {
    for (VariantVerdict v : analysis.branches().get(0).verdicts()) {
      assertEquals(List.of(Status.FAIL, Status.FAIL, Status.PASS, Status.FAIL, Status.FAIL, Status.PASS),
          statuses(v), v.variant());
      assertEquals(Verdict.ABANDON, v.verdict(), v.variant());
      assertEquals(4, v.count(Status.FAIL));
    }
  }

  @Test
  void evidenceMatchesTheCommittedDossier() {
    Map<String, VariantVerdict> v = verdicts(analysis);
    assertEquals("Δ = -0.0697, CI95 [-0.0872, -0.0526] (significant in WRONG direction)",
        v.get("mild_focus").gates().get(0).evidence());
    assertEquals("Δ = -0.0866, CI95 [-0.1094, -0.0655] (significant in WRONG direction)",
        v.get("standard").gates().get(0).evidence());
    assertEquals("Δ = -0.0796, CI95 [-0.0995, -0.0614] (significant in WRONG direction)",
        v.get("aggressive_focus").gates().get(0).evidence());
    assertEquals("Δ = -0.0855, CI95 [-0.1137, -0.0612] (significant in WRONG direction)",
        v.get("class_balanced").gates().get(0).evidence());
    assertEquals("max variance 0.021 (OPUSDC)", v.get("class_balanced").gates().get(2).evidence());
    for (String name : FOCAL) {
      assertEquals("0/5 cryptos improve (sign test p = 1.00e+00)", v.get(name).gates().get(3).evidence(), name);
      String trades = v.get(name).gates().get(4).evidence();
      assertTrue(trades.matches("mean n_trades 3[34]\\.[0-9] \\(vs 47\\.4 baseline\\)"), trades);
      assertEquals("mlops_readiness.md complete (6 of 6 sections)", v.get(name).gates().get(5).evidence());
    }
    for (Comparison c : analysis.branches().get(0).stats().comparisons()) {
      assertEquals(25, c.pairs(), c.variant());
      assertEquals(List.of(), c.excluded(), c.variant());
    }
  }

  // ---- folds: ids are labels, expected per crypto ---------------------------------------------

  /** Track 6's rows with the folds of {@code crypto} numbered from 0 (the other cryptos keep 1–5). */
  private static List<ResultRow> fromZeroOn(String crypto) {
    return rows.stream().map(r -> !r.crypto().equals(crypto) ? r : new ResultRow(r.runId(), r.factor(), r.variant(),
        r.crypto(), r.fold() - 1, r.status(), r.f1Buy(), r.sortino(), r.totalReturn(), r.nTrades(), r.ece(),
        r.expectancyNet(), r.maxDrawdown(), r.createdAt())).toList();
  }

  private static List<dossier.stats.Anomaly> missingCells(TrackAnalysis a) {
    return a.branches().get(0).stats().anomalies().stream()
        .filter(x -> x.kind() == dossier.stats.Anomaly.Kind.MISSING_CELL).toList();
  }

  @Test
  void cryptosNumberingTheirFoldsDifferentlyHaveNoPhantomCells() {
    List<ResultRow> mixed = fromZeroOn("AAVEUSDC");
    for (TrackAnalysis a : List.of(TrackAnalysis.of(spec, mixed, SOURCE),
        TrackAnalysis.adhoc(mixed, SOURCE, "none", Metric.F1_BUY, Optional.empty(), Optional.empty(),
            new BootstrapSettings(1000, 42, 0.95)))) {
      assertEquals(List.of(), missingCells(a));
      for (Comparison c : a.branches().get(0).stats().comparisons()) {
        assertEquals(25, c.pairs(), c.variant());
      }
      assertEquals("fold ids AAVEUSDC 0–4, ARBUSDC 1–5, LDOUSDC 1–5, OPUSDC 1–5, UNIUSDC 1–5",
          a.branches().get(0).stats().sweep().foldIds());
    }
  }

  @Test
  void listedFoldsAreExactlyTheExpectedOnes() throws IOException {
    TrackAnalysis a = TrackAnalysis.of(specWith("    folds: 5\n", "    folds: [1, 2, 3, 4, 5, 6]\n"), rows, SOURCE);

    List<dossier.stats.Anomaly> missing = missingCells(a);
    assertEquals(5, missing.size(), "every variant lacks fold 6 of every crypto");
    assertEquals("AAVEUSDC fold 6, ARBUSDC fold 6, LDOUSDC fold 6, OPUSDC fold 6, UNIUSDC fold 6",
        dossier.source.Cell.describe(missing.get(0).cells()));
  }

  @Test
  void aFoldTheListDoesNotNameIsRefused() throws IOException {
    TrackSpec s = specWith("    folds: 5\n", "    folds: [0, 1, 2, 3, 4]\n");
    assertEquals("dossiers/track6.yaml:42: " + SOURCE + " has rows of AAVEUSDC fold 5, which 'folds:' does not list"
        + " ([0, 1, 2, 3, 4]); fix the fold in the rows, or add it to 'folds:'", dataError(s).getMessage());
  }

  @Test
  void aCountTheRowsCannotFillAsksForTheIds() throws IOException {
    TrackSpec s = specWith("    folds: 5\n", "    folds: 6\n");
    assertEquals("dossiers/track6.yaml:42: " + SOURCE + " has rows of 5 folds of AAVEUSDC (fold ids 1–5) where"
        + " 'folds:' says 6 per crypto, and the rows do not say which ids are missing; list the expected ids, e.g."
        + " 'folds: [1, 2, 3, 4, 5, 6]', or set 'folds:' to the number of folds the sweep has",
        dataError(s).getMessage());
  }

  @Test
  void aCryptoThatLostAWholeFoldLacksTheIdsOfTheOthers() {
    List<ResultRow> lost = rows.stream().filter(r -> !(r.crypto().equals("OPUSDC") && r.fold() == 3)).toList();
    TrackAnalysis a = TrackAnalysis.of(spec, lost, SOURCE);
    List<dossier.stats.Anomaly> missing = missingCells(a);
    assertEquals(5, missing.size());
    assertEquals("OPUSDC fold 3", dossier.source.Cell.describe(missing.get(0).cells()));
  }

  @Test
  void overrideInTheSpecChangesAThreshold() throws IOException {
    TrackSpec s = specWith("bootstrap:\n", "gates:\n  sample_size:\n    min_trades: 30\n\nbootstrap:\n");
    TrackAnalysis a = TrackAnalysis.of(s, rows, SOURCE);
    assertEquals(30.0, a.plan().gates().get(4).threshold("min_trades"));
    for (VariantVerdict v : a.branches().get(0).verdicts()) {
      assertEquals(List.of(Status.FAIL, Status.FAIL, Status.PASS, Status.FAIL, Status.PASS, Status.PASS),
          statuses(v), v.variant());
    }
    assertEquals(Verdict.ABANDON, a.overall());
  }

  @Test
  void unknownGateInTheSpecNamesItsLine() throws IOException {
    TrackSpec s = specWith("bootstrap:\n", "gates:\n  f1_lft:\n    min_delta: 0.02\n\nbootstrap:\n");
    DossierException e = assertThrows(DossierException.class, () -> TrackAnalysis.of(s, rows, SOURCE));
    assertEquals("dossiers/track6.yaml:52: unknown gate 'f1_lft' (known: f1_lift, joint, stability, per_asset,"
        + " sample_size, readiness)", e.getMessage());
    assertEquals(DossierException.USAGE, e.exitCode());
  }

  @Test
  void readinessFileMissingIsWarnOnGate6() throws IOException {
    TrackSpec s = specWith("readiness: track6/mlops_readiness.md", "readiness: track6/absent.md");
    TrackAnalysis a = TrackAnalysis.of(s, rows, SOURCE);
    assertEquals(Status.WARN, a.readiness().status());
    for (VariantVerdict v : a.branches().get(0).verdicts()) {
      assertEquals(new GateResult(6, GateKind.READINESS, Status.WARN, "cannot evaluate: absent.md cannot be read"),
          v.gates().get(5));
    }
  }

  // ---- spec and data disagree ---------------------------------------------------------------

  @Test
  void runWithNoRows() throws IOException {
    TrackSpec s = specWith("runs: [" + RUN + "]", "runs: [" + RUN + ", ftf_20260430_000000_nope]");
    assertEquals("dossiers/track6.yaml:26: run 'ftf_20260430_000000_nope' has no rows in " + SOURCE
        + "; check the run id", dataError(s).getMessage());
  }

  @Test
  void variantAbsentFromTheDataListsTheVariantsFound() throws IOException {
    TrackSpec s = specWith("- name: standard", "- name: standart");
    assertEquals("dossiers/track6.yaml:34: variant 'standart' has no rows for factor 'focal_loss' in " + SOURCE
        + " (found: aggressive_focus, class_balanced, mild_focus, none, standard)", dataError(s).getMessage());
  }

  @Test
  void cryptoAbsentFromTheData() throws IOException {
    TrackSpec s = specWith("cryptos: [AAVEUSDC, ARBUSDC, LDOUSDC, OPUSDC, UNIUSDC]",
        "cryptos: [AAVEUSDC, ARBUSDC, LDOUSDC, OPUSDC, BTCUSDC]");
    assertEquals("dossiers/track6.yaml:40: crypto 'BTCUSDC' has no rows for factor 'focal_loss' in " + SOURCE
        + " (found: AAVEUSDC, ARBUSDC, LDOUSDC, OPUSDC, UNIUSDC)", dataError(s).getMessage());
  }

  @Test
  void factorAbsentFromTheRun() throws IOException {
    TrackSpec s = specWith("factor: focal_loss", "factor: focal");
    assertEquals("dossiers/track6.yaml: factor 'focal' has no rows in run(s) " + RUN + " of " + SOURCE
        + " (factors there: focal_loss)", dataError(s).getMessage());
  }

  @Test
  void fewerCryptosThanTheDataIsFine() throws IOException {
    TrackSpec s = specWith("cryptos: [AAVEUSDC, ARBUSDC, LDOUSDC, OPUSDC, UNIUSDC]", "cryptos: [AAVEUSDC, ARBUSDC]");
    Comparison c = TrackAnalysis.of(s, rows, SOURCE).branches().get(0).stats().comparisons().get(0);
    assertEquals(10, c.pairs());
    assertEquals(List.of("AAVEUSDC", "ARBUSDC"), List.copyOf(c.perCryptoDelta().keySet()));
  }

  // ---- ad hoc -------------------------------------------------------------------------------

  @Test
  void adhocOnTrack6() {
    TrackAnalysis a = TrackAnalysis.adhoc(rows, SOURCE, "none", Metric.F1_BUY, Optional.empty(), Optional.empty(),
        BootstrapSettings.DEFAULT);
    BranchAnalysis b = a.branches().get(0);
    assertEquals(List.of("aggressive_focus", "class_balanced", "mild_focus", "standard"),
        b.verdicts().stream().map(VariantVerdict::variant).toList(), "the others after the baseline, sorted");
    Map<String, VariantVerdict> v = verdicts(a);
    Map<String, VariantVerdict> withSpec = verdicts(analysis);
    for (String name : FOCAL) {
      assertEquals(List.of(Status.FAIL, Status.FAIL, Status.PASS, Status.FAIL, Status.FAIL, Status.WARN),
          statuses(v.get(name)), name);
      assertEquals(withSpec.get(name).gates().subList(0, 5), v.get(name).gates().subList(0, 5), name);
      assertEquals("cannot evaluate: the spec names no readiness file", v.get(name).gates().get(5).evidence());
    }
    assertEquals(Verdict.ABANDON, a.overall());
  }

  @Test
  void adhocWithRowsOfSeveralFactorsAsksForOne() {
    List<ResultRow> mixed = new ArrayList<>(rows);
    ResultRow r = rows.get(0);
    mixed.add(new ResultRow(r.runId(), "label_smoothing", "none", r.crypto(), r.fold(), r.status(), r.f1Buy(),
        r.sortino(), r.totalReturn(), r.nTrades(), r.ece(), r.expectancyNet(), r.maxDrawdown(), r.createdAt()));
    DossierException e = assertThrows(DossierException.class, () -> TrackAnalysis.adhoc(mixed, SOURCE, "none",
        Metric.F1_BUY, Optional.empty(), Optional.empty(), BootstrapSettings.DEFAULT));
    assertEquals(SOURCE + ": rows of several factors (focal_loss, label_smoothing); choose one with --factor",
        e.getMessage());
    assertEquals(DossierException.USAGE, e.exitCode());

    TrackAnalysis a = TrackAnalysis.adhoc(mixed, SOURCE, "none", Metric.F1_BUY, Optional.of("focal_loss"),
        Optional.of(RUN), BootstrapSettings.DEFAULT);
    assertEquals(4, a.branches().get(0).verdicts().size());
  }

  @Test
  void adhocWithAMissingBaselineListsTheVariants() {
    DossierException e = assertThrows(DossierException.class, () -> TrackAnalysis.adhoc(rows, SOURCE, "baseline",
        Metric.F1_BUY, Optional.empty(), Optional.empty(), BootstrapSettings.DEFAULT));
    assertEquals(SOURCE + ": baseline 'baseline' has no rows (variants: aggressive_focus, class_balanced, mild_focus,"
        + " none, standard)", e.getMessage());
    assertEquals(DossierException.USAGE, e.exitCode());
  }

  @Test
  void adhocWithoutRows() {
    DossierException e = assertThrows(DossierException.class, () -> TrackAnalysis.adhoc(rows, SOURCE, "none",
        Metric.F1_BUY, Optional.of("focal"), Optional.of("r9"), BootstrapSettings.DEFAULT));
    assertEquals(SOURCE + ": no rows for factor 'focal' in run 'r9'", e.getMessage());
    assertEquals(DossierException.WORK_FAILED, e.exitCode());
  }

  @Test
  void adhocOnAnotherMetric() {
    TrackAnalysis a = TrackAnalysis.adhoc(rows, SOURCE, "none", Metric.EXPECTANCY_NET, Optional.empty(),
        Optional.empty(), new BootstrapSettings(1000, 42, 0.95));
    for (Comparison c : a.branches().get(0).stats().comparisons()) {
      assertEquals(Metric.EXPECTANCY_NET, c.primary());
      assertTrue(c.meanDelta() > 0, c.variant() + " trades less but better: " + c.meanDelta());
    }
  }
}
