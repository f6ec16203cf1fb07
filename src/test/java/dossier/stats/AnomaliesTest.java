package dossier.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.source.Cell;
import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.source.Sweeps;
import dossier.stats.Anomaly.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each anomaly detector on small hand-built row sets: a metric constant to the bit on a variant,
 * values that are not finite, completed rows without a trade, cells without a completed attempt.
 */
class AnomaliesTest {
  private static final String RUN = "run1";
  private static final String FACTOR = "label_smoothing";
  private static final String BASE = "none";
  private static final List<String> CRYPTOS = List.of("AAA", "BBB");
  private static final int FOLDS = 3;
  private static int clock;

  // ---- helpers ------------------------------------------------------------------------------

  private static Instant at() {
    return Instant.parse("2026-04-29T12:00:00Z").plusSeconds(clock++);
  }

  /**
   * A completed attempt whose every metric varies with the crypto and the fold, so that a clean
   * grid has no anomaly; a variant other than the baseline is shifted a little.
   */
  private static ResultRow ok(String variant, String crypto, int fold) {
    int c = CRYPTOS.indexOf(crypto);
    double k = variant.equals(BASE) ? 0 : 0.01;
    return new ResultRow(RUN, FACTOR, variant, crypto, fold, ResultRow.COMPLETED, 0.40 + 0.01 * c + 0.005 * fold + k,
        1.0 + 0.1 * c + 0.01 * fold + k, 5.0 + c + 0.5 * fold, 40 + c + fold, 0.05 + 0.001 * c + 0.0005 * fold + k / 10,
        10.0 + c + 0.1 * fold, 8.0 + 0.2 * c + 0.05 * fold, at());
  }

  private static ResultRow failed(String variant, String crypto, int fold, String status) {
    return new ResultRow(RUN, FACTOR, variant, crypto, fold, status, Double.NaN, Double.NaN, Double.NaN, 0,
        Double.NaN, Double.NaN, Double.NaN, at());
  }

  /** {@code r} with one metric replaced (n_trades for {@link Metric#N_TRADES}). */
  static ResultRow set(ResultRow r, Metric m, double v) {
    return new ResultRow(r.runId(), r.factor(), r.variant(), r.crypto(), r.fold(), r.status(),
        m == Metric.F1_BUY ? v : r.f1Buy(), m == Metric.SORTINO ? v : r.sortino(),
        m == Metric.TOTAL_RETURN ? v : r.totalReturn(), m == Metric.N_TRADES ? (int) v : r.nTrades(),
        m == Metric.ECE ? v : r.ece(), m == Metric.EXPECTANCY_NET ? v : r.expectancyNet(),
        m == Metric.MAX_DRAWDOWN ? v : r.maxDrawdown(), r.createdAt());
  }

  /** Every crypto × fold 1..3 of a variant. */
  private static List<ResultRow> grid(String variant) {
    List<ResultRow> rows = new ArrayList<>();
    for (String c : CRYPTOS) {
      for (int f = 1; f <= FOLDS; f++) {
        rows.add(ok(variant, c, f));
      }
    }
    return rows;
  }

  /** {@code rows} with {@code m} set to {@code v} on every row of {@code variant}. */
  private static List<ResultRow> constant(List<ResultRow> rows, String variant, Metric m, double v) {
    return rows.stream().map(r -> r.variant().equals(variant) ? set(r, m, v) : r).toList();
  }

  /** {@code rows} with {@code m} set to {@code v} on the row of one cell of {@code variant}. */
  private static List<ResultRow> onCell(List<ResultRow> rows, String variant, String crypto, int fold, Metric m, double v) {
    return rows.stream()
        .map(r -> r.variant().equals(variant) && r.crypto().equals(crypto) && r.fold() == fold ? set(r, m, v) : r)
        .toList();
  }

  private static List<ResultRow> both() {
    List<ResultRow> rows = new ArrayList<>(grid(BASE));
    rows.addAll(grid("mild"));
    return rows;
  }

  private static List<Anomaly> detect(List<ResultRow> rows, String... variants) {
    List<String> names = new ArrayList<>(List.of(BASE));
    names.addAll(List.of(variants));
    return Anomalies.detect(Sweeps.resolve(rows, FACTOR, List.of(RUN), BASE, names, CRYPTOS));
  }

  private static List<Cell> all() {
    List<Cell> cells = new ArrayList<>();
    for (String c : CRYPTOS) {
      for (int f = 1; f <= FOLDS; f++) {
        cells.add(new Cell(c, f));
      }
    }
    return cells;
  }

  private static List<Anomaly> of(List<Anomaly> anomalies, Kind kind) {
    return anomalies.stream().filter(a -> a.kind() == kind).toList();
  }

  // ---- a clean sweep ------------------------------------------------------------------------

  @Test
  void cleanSweepHasNoAnomaly() {
    assertEquals(List.of(), detect(both(), "mild"));
  }

  // ---- constant to the bit ------------------------------------------------------------------

  @Test
  void metricConstantOnEveryRowOfAVariantWhileTheBaselineVaries() {
    List<Anomaly> found = detect(constant(both(), "mild", Metric.ECE, 0.0), "mild");
    assertEquals(List.of(new Anomaly(Kind.CONSTANT, "mild", Optional.of(Metric.ECE), all(), 0.0)), found);
    Anomaly a = found.get(0);
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(a.value()));
    assertEquals("ece reads exactly 0 on every row of mild", a.summary());
  }

  @Test
  void minusZeroIsAConstantZero() {
    // −0.0 is 0: on every row, or mixed with 0.0, the metric reads 0, the same anomaly as 0.0 alone.
    List<ResultRow> minus = constant(both(), "mild", Metric.ECE, -0.0);
    List<ResultRow> mixed = onCell(constant(both(), "mild", Metric.ECE, 0.0), "mild", CRYPTOS.get(0), 1, Metric.ECE,
        -0.0);
    for (List<ResultRow> rows : List.of(minus, mixed)) {
      List<Anomaly> found = detect(rows, "mild");
      assertEquals(List.of(new Anomaly(Kind.CONSTANT, "mild", Optional.of(Metric.ECE), all(), 0.0)), found);
      assertEquals("ece reads exactly 0 on every row of mild", found.get(0).summary());
    }
  }

  @Test
  void aBaselineOfZeroAndMinusZeroDoesNotVary() {
    List<ResultRow> rows = onCell(constant(constant(both(), "mild", Metric.ECE, 0.0), BASE, Metric.ECE, 0.0), BASE,
        CRYPTOS.get(0), 1, Metric.ECE, -0.0);
    assertEquals(List.of(), detect(rows, "mild"), "the baseline reads 0 on every row: a constant is what ECE does here");
  }

  @Test
  void constantValueIsQuotedAsWritten() {
    Anomaly a = detect(constant(both(), "mild", Metric.SORTINO, 0.25), "mild").get(0);
    assertEquals("sortino reads exactly 0.25 on every row of mild", a.summary());
    assertEquals(0.25, a.value());
    Anomaly big = detect(constant(both(), "mild", Metric.MAX_DRAWDOWN, 12.0), "mild").get(0);
    assertEquals("max_drawdown reads exactly 12 on every row of mild", big.summary());
  }

  @Test
  void everyVariantWithTheConstantIsReportedOnItsOwn() {
    List<ResultRow> rows = new ArrayList<>(both());
    rows.addAll(grid("aggressive"));
    rows = constant(constant(rows, "mild", Metric.ECE, 0.0), "aggressive", Metric.ECE, 0.0);
    List<Anomaly> found = detect(rows, "mild", "aggressive");
    assertEquals(List.of("mild", "aggressive"), found.stream().map(Anomaly::variant).toList());
    assertTrue(found.stream().allMatch(a -> a.kind() == Kind.CONSTANT && a.cells().equals(all())));
  }

  @Test
  void constantIsNotAnAnomalyWhenTheBaselineIsConstantToo() {
    List<ResultRow> rows = constant(constant(both(), "mild", Metric.ECE, 0.0), BASE, Metric.ECE, 0.04);
    assertEquals(List.of(), detect(rows, "mild"));
    rows = constant(constant(both(), "mild", Metric.ECE, 0.0), BASE, Metric.ECE, 0.0);
    assertEquals(List.of(), detect(rows, "mild"), "both read 0 everywhere: that is what the metric does here");
  }

  @Test
  void constantOnTheBaselineItselfIsNotReported() {
    assertEquals(List.of(), detect(constant(both(), BASE, Metric.ECE, 0.0), "mild"));
  }

  @Test
  void valuesThatDifferOnlyInTheLastBitAreNotConstant() {
    List<ResultRow> rows = onCell(constant(both(), "mild", Metric.ECE, 0.1), "mild", "BBB", 2, Metric.ECE,
        Math.nextUp(0.1));
    assertEquals(List.of(), detect(rows, "mild"));
  }

  @Test
  void variantWithASingleRowIsNotConstant() {
    List<ResultRow> rows = new ArrayList<>(grid(BASE));
    rows.add(set(ok("mild", "AAA", 1), Metric.ECE, 0.0));
    assertEquals(List.of(), of(detect(rows, "mild"), Kind.CONSTANT));
  }

  @Test
  void constantCountsTheCountedAttemptsOnly() {
    // An earlier completed attempt with another ECE is superseded by the retry: still constant.
    List<ResultRow> rows = new ArrayList<>(constant(both(), "mild", Metric.ECE, 0.0));
    rows.add(0, set(new ResultRow(RUN, FACTOR, "mild", "AAA", 1, ResultRow.COMPLETED, 0.4, 1, 1, 10, 0.07, 1, 1,
        Instant.parse("2026-04-28T00:00:00Z")), Metric.ECE, 0.07));
    List<Anomaly> found = detect(rows, "mild");
    assertEquals(1, found.size(), found.toString());
    assertEquals(Kind.CONSTANT, found.get(0).kind());
  }

  @Test
  void baselineThatVariesOnlyByANonFiniteValueDoesNotVary() {
    // Finite baseline values are all 0.04; the NaN is reported on its own, not as variation.
    List<ResultRow> rows = constant(constant(both(), "mild", Metric.ECE, 0.0), BASE, Metric.ECE, 0.04);
    rows = onCell(rows, BASE, "AAA", 2, Metric.ECE, Double.NaN);
    List<Anomaly> found = detect(rows, "mild");
    assertEquals(List.of(new Anomaly(Kind.NON_FINITE, BASE, Optional.of(Metric.ECE), List.of(new Cell("AAA", 2)),
        Double.NaN)), found);
  }

  @Test
  void nonFiniteOnEveryRowIsNotAlsoAConstant() {
    // A metric the variant never logged (NaN everywhere) is non-finite; "reads exactly NaN" would
    // say it twice, and a NaN or an infinity cannot be printed as a plain number.
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      List<Anomaly> found = detect(constant(both(), "mild", Metric.ECE, v), "mild");
      assertEquals(List.of(new Anomaly(Kind.NON_FINITE, "mild", Optional.of(Metric.ECE), all(), Double.NaN)), found,
          Double.toString(v));
      assertEquals("ece is not a number on 6 row(s) of mild (AAA folds 1–3, BBB folds 1–3)", found.get(0).summary());
    }
  }

  @Test
  void nTradesIsNotCheckedForAConstant() {
    assertEquals(List.of(), detect(constant(both(), "mild", Metric.N_TRADES, 50), "mild"));
  }

  // ---- not finite ---------------------------------------------------------------------------

  @Test
  void nanAndInfinitiesInCountedRowsPerMetric() {
    List<ResultRow> rows = onCell(both(), "mild", "AAA", 1, Metric.SORTINO, Double.NaN);
    rows = onCell(rows, "mild", "BBB", 3, Metric.SORTINO, Double.POSITIVE_INFINITY);
    rows = onCell(rows, "mild", "BBB", 2, Metric.F1_BUY, Double.NEGATIVE_INFINITY);
    rows = onCell(rows, BASE, "AAA", 3, Metric.EXPECTANCY_NET, Double.NaN);
    List<Anomaly> found = detect(rows, "mild");
    assertEquals(List.of(
        new Anomaly(Kind.NON_FINITE, BASE, Optional.of(Metric.EXPECTANCY_NET), List.of(new Cell("AAA", 3)), Double.NaN),
        new Anomaly(Kind.NON_FINITE, "mild", Optional.of(Metric.F1_BUY), List.of(new Cell("BBB", 2)), Double.NaN),
        new Anomaly(Kind.NON_FINITE, "mild", Optional.of(Metric.SORTINO),
            List.of(new Cell("AAA", 1), new Cell("BBB", 3)), Double.NaN)), found);
    assertEquals(List.of(
        "expectancy_net is not a number on 1 row(s) of none (AAA fold 3)",
        "f1_buy is not a number on 1 row(s) of mild (BBB fold 2)",
        "sortino is not a number on 2 row(s) of mild (AAA fold 1, BBB fold 3)"),
        found.stream().map(Anomaly::summary).toList());
  }

  @Test
  void nonFiniteMetricsOfFailedOrSupersededAttemptsAreNotReported() {
    List<ResultRow> rows = new ArrayList<>(both());
    // a failed retry after a completed attempt: its NaNs are not counted
    rows.add(failed("mild", "AAA", 1, "training_failed"));
    // an earlier completed attempt with a NaN, superseded by the grid's later one
    rows.add(0, new ResultRow(RUN, FACTOR, "mild", "BBB", 1, ResultRow.COMPLETED, Double.NaN, 1, 1, 10, 0.05, 1, 1,
        Instant.parse("2026-04-28T00:00:00Z")));
    assertEquals(List.of(), detect(rows, "mild"));
  }

  // ---- no trade -----------------------------------------------------------------------------

  @Test
  void completedRowWithoutATrade() {
    List<ResultRow> rows = onCell(both(), "mild", "BBB", 2, Metric.N_TRADES, 0);
    List<Anomaly> found = detect(rows, "mild");
    Anomaly expected = new Anomaly(Kind.ZERO_TRADES, "mild", Optional.empty(), List.of(new Cell("BBB", 2)), Double.NaN);
    assertEquals(List.of(expected), found);
    assertEquals("1 row(s) of mild made no trade (BBB fold 2)", found.get(0).summary());
    for (Metric m : Metric.values()) {
      assertFalse(found.get(0).spoils(m), m.column());
    }
  }

  @Test
  void failedAttemptWithoutATradeIsMissingNotZeroTrade() {
    List<ResultRow> rows = new ArrayList<>(both());
    rows.removeIf(r -> r.variant().equals("mild") && r.crypto().equals("AAA") && r.fold() == 2);
    rows.add(failed("mild", "AAA", 2, "oom"));
    List<Anomaly> found = detect(rows, "mild");
    assertEquals(List.of(Kind.MISSING_CELL), found.stream().map(Anomaly::kind).toList());
  }

  // ---- missing cells ------------------------------------------------------------------------

  @Test
  void failedOnlyCellAndAbsentCellAreMissing() {
    List<ResultRow> rows = new ArrayList<>(both());
    rows.removeIf(r -> r.variant().equals("mild") && (r.crypto().equals("AAA") && r.fold() == 2
        || r.crypto().equals("BBB") && r.fold() == 1));
    rows.add(failed("mild", "AAA", 2, "training_failed"));
    rows.add(failed("mild", "AAA", 2, "timeout"));
    // BBB fold 1 has no attempt at all
    List<Anomaly> found = detect(rows, "mild");
    Anomaly expected = new Anomaly(Kind.MISSING_CELL, "mild", Optional.empty(),
        List.of(new Cell("AAA", 2), new Cell("BBB", 1)), Double.NaN);
    assertEquals(List.of(expected), found);
    assertEquals("2 cell(s) of mild have no completed attempt (AAA fold 2, BBB fold 1)", found.get(0).summary());
    for (Metric m : Metric.values()) {
      assertFalse(found.get(0).spoils(m), m.column());
    }
  }

  @Test
  void retriedFailedAttemptWhoseCellLaterCompletedIsNotMissing() {
    List<ResultRow> rows = new ArrayList<>();
    rows.addAll(grid(BASE));
    rows.add(failed("mild", "AAA", 1, "training_failed")); // first attempt fails …
    rows.add(failed("mild", "BBB", 3, "oom"));
    rows.addAll(grid("mild")); // … and the retries complete later
    assertEquals(List.of(), detect(rows, "mild"));
  }

  @Test
  void missingCellOfTheBaselineIsReportedForTheBaseline() {
    List<ResultRow> rows = new ArrayList<>(both());
    rows.removeIf(r -> r.variant().equals(BASE) && r.crypto().equals("BBB"));
    List<Anomaly> found = detect(rows, "mild");
    assertEquals(List.of(new Anomaly(Kind.MISSING_CELL, BASE, Optional.empty(),
        List.of(new Cell("BBB", 1), new Cell("BBB", 2), new Cell("BBB", 3)), Double.NaN)), found);
    assertEquals("3 cell(s) of none have no completed attempt (BBB folds 1–3)", found.get(0).summary());
  }

  @Test
  void variantWithoutAnyRowMissesEveryCell() {
    List<Anomaly> found = detect(grid(BASE), "filter");
    assertEquals(List.of(new Anomaly(Kind.MISSING_CELL, "filter", Optional.empty(), all(), Double.NaN)), found);
    assertEquals("6 cell(s) of filter have no completed attempt (AAA folds 1–3, BBB folds 1–3)",
        found.get(0).summary());
  }

  // ---- order, spoiling ----------------------------------------------------------------------

  @Test
  void anomaliesComeVariantByVariantInAFixedOrder() {
    List<ResultRow> rows = new ArrayList<>(constant(both(), "mild", Metric.ECE, 0.0));
    rows = onCell(rows, "mild", "AAA", 1, Metric.N_TRADES, 0);
    rows = onCell(rows, "mild", "AAA", 2, Metric.F1_BUY, Double.NaN);
    rows = new ArrayList<>(rows);
    rows.removeIf(r -> r.variant().equals("mild") && r.crypto().equals("BBB") && r.fold() == 3);
    rows = onCell(rows, BASE, "BBB", 1, Metric.MAX_DRAWDOWN, Double.NaN);
    List<String> summaries = detect(rows, "mild").stream().map(Anomaly::summary).toList();
    assertEquals(List.of(
        "max_drawdown is not a number on 1 row(s) of none (BBB fold 1)",
        "1 cell(s) of mild have no completed attempt (BBB fold 3)",
        "1 row(s) of mild made no trade (AAA fold 1)",
        "f1_buy is not a number on 1 row(s) of mild (AAA fold 2)",
        "ece reads exactly 0 on every row of mild"), summaries);
  }

  @Test
  void constantAndNonFiniteSpoilTheirMetricOnly() {
    Anomaly constant = new Anomaly(Kind.CONSTANT, "mild", Optional.of(Metric.ECE), all(), 0.0);
    Anomaly nan = new Anomaly(Kind.NON_FINITE, "mild", Optional.of(Metric.SORTINO), all(), Double.NaN);
    for (Metric m : Metric.values()) {
      assertEquals(m == Metric.ECE, constant.spoils(m), m.column());
      assertEquals(m == Metric.SORTINO, nan.spoils(m), m.column());
    }
  }

  @Test
  void spoilingTakesTheVariantsOwnAnomaliesAndTheBaselines() {
    List<ResultRow> rows = new ArrayList<>(both());
    rows.addAll(grid("aggressive"));
    rows = constant(rows, "mild", Metric.ECE, 0.0);
    rows = onCell(rows, BASE, "AAA", 1, Metric.SORTINO, Double.NaN);
    BranchStats s = BranchStats.of(Sweeps.resolve(rows, FACTOR, List.of(RUN), BASE,
        List.of(BASE, "mild", "aggressive"), CRYPTOS), Metric.F1_BUY, new BootstrapSettings(1000, 42, 0.95));
    assertEquals(List.of("mild"), s.spoiling("mild", Metric.ECE).stream().map(Anomaly::variant).toList());
    assertEquals(List.of(), s.spoiling("aggressive", Metric.ECE), "mild's constant is not aggressive's");
    assertEquals(List.of(BASE), s.spoiling("mild", Metric.SORTINO).stream().map(Anomaly::variant).toList());
    assertEquals(List.of(BASE), s.spoiling("aggressive", Metric.SORTINO).stream().map(Anomaly::variant).toList());
    assertEquals(List.of(), s.spoiling("mild", Metric.F1_BUY));
  }

  @Test
  void anomalyKeepsACopyOfItsCells() {
    List<Cell> cells = new ArrayList<>(List.of(new Cell("AAA", 1)));
    Anomaly a = new Anomaly(Kind.ZERO_TRADES, "mild", Optional.empty(), cells, Double.NaN);
    cells.add(new Cell("AAA", 2));
    assertEquals(List.of(new Cell("AAA", 1)), a.cells());
  }

  // ---- Cell.describe ------------------------------------------------------------------------

  @Test
  void describeOneCryptoWithEveryFold() {
    List<Cell> cells = new ArrayList<>();
    for (int f = 1; f <= 5; f++) {
      cells.add(new Cell("AAVEUSDC", f));
    }
    assertEquals("AAVEUSDC folds 1–5", Cell.describe(cells));
  }

  @Test
  void describeOneCell() {
    assertEquals("UNIUSDC fold 3", Cell.describe(List.of(new Cell("UNIUSDC", 3))));
  }

  @Test
  void describeFoldsWithAGap() {
    assertEquals("OPUSDC folds 1–2, 4",
        Cell.describe(List.of(new Cell("OPUSDC", 1), new Cell("OPUSDC", 2), new Cell("OPUSDC", 4))));
    assertEquals("OPUSDC folds 1, 3, 5",
        Cell.describe(List.of(new Cell("OPUSDC", 1), new Cell("OPUSDC", 3), new Cell("OPUSDC", 5))));
  }

  @Test
  void describeSeveralCryptos() {
    List<Cell> cells = new ArrayList<>();
    for (int f = 1; f <= 5; f++) {
      cells.add(new Cell("AAVEUSDC", f));
    }
    cells.add(new Cell("UNIUSDC", 3));
    cells.add(new Cell("ARBUSDC", 2));
    cells.add(new Cell("ARBUSDC", 3));
    assertEquals("AAVEUSDC folds 1–5, ARBUSDC folds 2–3, UNIUSDC fold 3", Cell.describe(cells));
  }

  @Test
  void describeSortsItsInput() {
    List<Cell> cells = List.of(new Cell("UNIUSDC", 4), new Cell("AAVEUSDC", 2), new Cell("UNIUSDC", 2),
        new Cell("AAVEUSDC", 1), new Cell("UNIUSDC", 3), new Cell("AAVEUSDC", 5));
    assertEquals("AAVEUSDC folds 1–2, 5, UNIUSDC folds 2–4", Cell.describe(cells));
  }

  @Test
  void describeNothing() {
    assertEquals("", Cell.describe(List.of()));
  }
}
