package dossier.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The house rules for attempts, on small hand-built row sets. */
class SweepsTest {
  private static final String RUN = "run1";
  private static final String FACTOR = "focal_loss";
  private static final List<String> VARIANTS = List.of("none", "v1");
  private static final List<String> CRYPTOS = List.of("AAA", "BBB");

  /** One attempt: run1 × focal_loss unless told; {@code minute} orders attempts. */
  private static ResultRow r(String variant, String crypto, int fold, String status, double f1, int minute) {
    return r(RUN, FACTOR, variant, crypto, fold, status, f1, minute);
  }

  private static ResultRow r(String run, String factor, String variant, String crypto, int fold, String status,
      double f1, int minute) {
    boolean done = ResultRow.COMPLETED.equals(status);
    return new ResultRow(run, factor, variant, crypto, fold, status, f1, done ? 1.0 : Double.NaN,
        done ? 2.0 : Double.NaN, done ? 10 : 0, done ? 0.05 : Double.NaN, done ? 3.0 : Double.NaN,
        done ? 4.0 : Double.NaN, Instant.parse("2026-04-29T12:00:00Z").plusSeconds(60L * minute));
  }

  private static ResultRow ok(String variant, String crypto, int fold, double f1, int minute) {
    return r(variant, crypto, fold, "completed", f1, minute);
  }

  private static BranchSweep resolve(List<ResultRow> rows) {
    return Sweeps.resolve(rows, FACTOR, List.of(RUN, "run2"), "none", VARIANTS, CRYPTOS);
  }

  private static <T> List<T> shuffled(List<T> rows, long seed) {
    List<T> copy = new ArrayList<>(rows);
    Collections.shuffle(copy, new Random(seed));
    return copy;
  }

  @Test
  void oneCompletedAttemptPerCell() {
    List<ResultRow> rows = List.of(ok("none", "AAA", 1, 0.4, 0), ok("none", "BBB", 1, 0.5, 1),
        ok("v1", "AAA", 1, 0.45, 2), ok("v1", "BBB", 1, 0.55, 3));
    BranchSweep s = resolve(rows);
    assertEquals("none", s.baselineSweep().variant());
    assertEquals(List.of("v1"), s.compared().stream().map(VariantSweep::variant).toList());
    assertEquals(new TreeSet<>(List.of(1)), s.folds("AAA"));
    assertEquals(4, s.rowsRead());
    assertEquals(2, s.expectedCells());
    VariantSweep none = s.variant("none");
    assertEquals(Map.of(new Cell("AAA", 1), rows.get(0), new Cell("BBB", 1), rows.get(1)), none.counted());
    assertEquals(2, none.attempts());
    assertEquals(0, none.retries());
    assertEquals(0, none.failedAttempts());
    assertEquals(Map.of(), none.failedCells());
    assertEquals(2, none.useful());
  }

  @Test
  void laterFailedRetryDoesNotReplaceTheCompletedAttempt() {
    ResultRow first = ok("none", "AAA", 1, 0.4, 0);
    ResultRow retry = r("none", "AAA", 1, "training_failed", Double.NaN, 5);
    VariantSweep none = resolve(List.of(first, retry)).variant("none");
    assertSame(first, none.counted().get(new Cell("AAA", 1)));
    assertEquals(2, none.attempts());
    assertEquals(1, none.retries());
    assertEquals(1, none.failedAttempts());
    assertEquals(Map.of(), none.failedCells(), "the cell completed once, so it is not a failed cell");
  }

  @Test
  void laterCompletedRetryReplacesTheEarlierOne() {
    ResultRow first = ok("none", "AAA", 1, 0.4, 0);
    ResultRow failed = r("none", "AAA", 1, "timeout", Double.NaN, 3);
    ResultRow second = ok("none", "AAA", 1, 0.6, 7);
    for (List<ResultRow> rows : List.of(List.of(first, failed, second), List.of(second, failed, first))) {
      VariantSweep none = resolve(rows).variant("none");
      assertSame(second, none.counted().get(new Cell("AAA", 1)));
      assertEquals(3, none.attempts());
      assertEquals(2, none.retries());
      assertEquals(1, none.failedAttempts());
    }
  }

  @Test
  void retriesAndFailuresAreCountedPerVariant() {
    List<ResultRow> rows = List.of(
        ok("none", "AAA", 1, 0.4, 0),
        r("none", "AAA", 2, "training_failed", Double.NaN, 1),
        ok("none", "AAA", 2, 0.4, 2),
        r("none", "BBB", 1, "oom", Double.NaN, 3),
        r("none", "BBB", 1, "oom", Double.NaN, 4),
        ok("none", "BBB", 1, 0.4, 5),
        ok("v1", "AAA", 1, 0.4, 6));
    BranchSweep s = resolve(rows);
    VariantSweep none = s.variant("none");
    assertEquals(6, none.attempts());
    assertEquals(3, none.retries());
    assertEquals(3, none.failedAttempts());
    assertEquals(3, none.counted().size());
    assertEquals(3, s.failedAttempts());
    assertEquals(7, s.rowsRead());
    assertEquals(new TreeSet<>(List.of(1, 2)), s.folds("AAA"));
    assertEquals(4, s.expectedCells());
    VariantSweep v1 = s.variant("v1");
    assertEquals(1, v1.attempts());
    assertEquals(0, v1.retries());
  }

  @Test
  void cellWithOnlyFailedAttemptsIsAFailedCellWithTheLastStatus() {
    List<ResultRow> rows = List.of(
        ok("none", "AAA", 1, 0.4, 0),
        r("none", "BBB", 1, "training_failed", Double.NaN, 1),
        r("none", "BBB", 1, "timeout", Double.NaN, 2));
    for (long seed = 0; seed < 10; seed++) {
      VariantSweep none = resolve(shuffled(rows, seed)).variant("none");
      assertEquals(new TreeMap<>(Map.of(new Cell("BBB", 1), "timeout")), none.failedCells(), "seed " + seed);
      assertEquals(Map.of(new Cell("AAA", 1), rows.get(0)), none.counted());
      assertEquals(2, none.failedAttempts());
      assertEquals(1, none.retries());
    }
  }

  @Test
  void failedAttemptWithoutTradesIsNotUseful() {
    ResultRow noTrade = new ResultRow(RUN, FACTOR, "none", "BBB", 1, "completed", 0.0, 0, 0, 0, 0.1, 0, 0,
        Instant.parse("2026-04-29T12:00:00Z"));
    VariantSweep none = resolve(List.of(ok("none", "AAA", 1, 0.4, 0), noTrade)).variant("none");
    assertEquals(2, none.counted().size(), "a completed attempt counts even without a trade");
    assertEquals(1, none.useful());
  }

  @Test
  void rowsOfOtherRunsFactorsAndCryptosAreIgnored() {
    ResultRow counted = ok("none", "AAA", 1, 0.4, 0);
    List<ResultRow> rows = List.of(
        counted,
        r("other_run", FACTOR, "none", "AAA", 1, "completed", 0.9, 9),
        r(RUN, "label_smoothing", "none", "AAA", 1, "completed", 0.9, 9),
        r(RUN, FACTOR, "none", "ZZZ", 7, "completed", 0.9, 9));
    BranchSweep s = resolve(rows);
    assertSame(counted, s.variant("none").counted().get(new Cell("AAA", 1)));
    assertEquals(Map.of(new Cell("AAA", 1), counted), s.variant("none").counted());
    assertEquals(1, s.rowsRead(), "only rows of the branch's runs × factor × cryptos are read");
    assertEquals(new TreeSet<>(List.of(1)), s.folds("AAA"), "fold 7 of an ignored crypto is not a fold of the branch");
    assertEquals(List.of(RUN, "run2"), s.runIds());
    assertEquals(CRYPTOS, s.cryptos());
  }

  @Test
  void rowsOfASecondRunOfTheBranchAreUsed() {
    ResultRow first = r(RUN, FACTOR, "none", "AAA", 1, "completed", 0.4, 0);
    ResultRow rerun = r("run2", FACTOR, "none", "AAA", 1, "completed", 0.5, 10);
    VariantSweep none = resolve(List.of(rerun, first)).variant("none");
    assertSame(rerun, none.counted().get(new Cell("AAA", 1)));
    assertEquals(1, none.retries());
  }

  @Test
  void variantWithoutRowsIsEmpty() {
    BranchSweep s = resolve(List.of(ok("none", "AAA", 1, 0.4, 0)));
    VariantSweep v1 = s.variant("v1");
    assertEquals(0, v1.attempts());
    assertEquals(Map.of(), v1.counted());
    assertEquals(Map.of(), v1.failedCells());
  }

  @Test
  void tiesOnCreatedAtAreResolvedByRunIdWhateverTheInputOrder() {
    // Same cell, same created_at, two runs of the branch: the later run id (run2) counts.
    ResultRow a = r(RUN, FACTOR, "none", "AAA", 1, "completed", 0.4, 5);
    ResultRow b = r("run2", FACTOR, "none", "AAA", 1, "completed", 0.6, 5);
    List<ResultRow> rows = new ArrayList<>(List.of(a, b,
        ok("none", "BBB", 1, 0.4, 1), ok("v1", "AAA", 1, 0.3, 2), ok("v1", "BBB", 1, 0.3, 3),
        r("none", "BBB", 2, "timeout", Double.NaN, 4), r("none", "BBB", 2, "oom", Double.NaN, 6)));
    BranchSweep expected = resolve(rows);
    assertSame(b, expected.variant("none").counted().get(new Cell("AAA", 1)));
    assertEquals("oom", expected.variant("none").failedCells().get(new Cell("BBB", 2)));
    for (long seed = 0; seed < 20; seed++) {
      assertEquals(expected, resolve(shuffled(rows, seed)), "seed " + seed);
    }
    assertEquals(expected, resolve(List.of(b, a, rows.get(2), rows.get(3), rows.get(4), rows.get(6), rows.get(5))));
  }

  @Test
  void aTieOfCompletedAttemptsGoesToTheLaterRunIdNumbersAsNumbersAndIsNamed() {
    // r10 is the later run: its digits are compared as a number, not as text ("r9" > "r10").
    ResultRow r9 = r("r9", FACTOR, "none", "AAA", 1, "completed", 0.4, 5);
    ResultRow r10 = r("r10", FACTOR, "none", "AAA", 1, "completed", 0.6, 5);
    List<ResultRow> rows = List.of(r9, r10, ok("none", "BBB", 1, 0.4, 1), ok("v1", "AAA", 1, 0.3, 2));
    for (List<ResultRow> order : List.of(rows, List.of(r10, r9, rows.get(2), rows.get(3)))) {
      BranchSweep s = Sweeps.resolve(order, FACTOR, List.of("r9", "r10", RUN), "none", VARIANTS, CRYPTOS);
      assertSame(r10, s.variant("none").counted().get(new Cell("AAA", 1)));
      assertEquals(List.of("two completed attempts of none, AAA fold 1 have the same created_at"
          + " 2026-04-29T12:05:00Z (runs r10 and r9); the one of run r10 counts (the later run id, its numbers"
          + " compared as numbers)"), s.ties().stream().map(Tie::warning).toList());
      assertEquals(List.of(), s.variant("v1").ties());
    }
  }

  @Test
  void failedAttemptsWithTheSameCreatedAtResolveByRunId() {
    ResultRow a = r(RUN, FACTOR, "none", "AAA", 1, "timeout", Double.NaN, 5);
    ResultRow b = r("run2", FACTOR, "none", "AAA", 1, "oom", Double.NaN, 5);
    assertEquals("oom", resolve(List.of(a, b)).variant("none").failedCells().get(new Cell("AAA", 1)));
    assertEquals("oom", resolve(List.of(b, a)).variant("none").failedCells().get(new Cell("AAA", 1)));
  }

  @Test
  void variantsMustStartWithTheBaseline() {
    assertThrows(IllegalArgumentException.class,
        () -> Sweeps.resolve(List.of(), FACTOR, List.of(RUN), "none", List.of("v1", "none"), CRYPTOS));
  }
}
