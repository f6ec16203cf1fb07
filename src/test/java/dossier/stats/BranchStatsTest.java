package dossier.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.source.BranchSweep;
import dossier.source.Cell;
import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.source.Sweeps;
import dossier.stats.Comparison.Exclusion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pairing, exclusions, mean Δ, BH and per-crypto summaries on small hand-built sweeps. */
class BranchStatsTest {
  private static final double EPS = 1e-12;
  private static final String RUN = "run1";
  private static final String FACTOR = "focal_loss";
  private static final List<String> CRYPTOS = List.of("AAA", "BBB", "CCC", "DDD", "EEE");
  private static final BootstrapSettings BOOT = new BootstrapSettings(1000, 42, 0.95);
  private static int clock;

  // ---- helpers ------------------------------------------------------------------------------

  /** A completed attempt; sortino, expectancy and drawdown follow f1 so that their Δ is known. */
  private static ResultRow ok(String variant, String crypto, int fold, double f1, int trades) {
    return new ResultRow(RUN, FACTOR, variant, crypto, fold, ResultRow.COMPLETED, f1, 1.0, 5.0, trades, 0.05,
        variant.equals("none") ? 10.0 : 12.0, 8.0, at());
  }

  private static ResultRow failed(String variant, String crypto, int fold, String status) {
    return new ResultRow(RUN, FACTOR, variant, crypto, fold, status, Double.NaN, Double.NaN, Double.NaN, 0,
        Double.NaN, Double.NaN, Double.NaN, at());
  }

  private static Instant at() {
    return Instant.parse("2026-04-29T12:00:00Z").plusSeconds(clock++);
  }

  /** Baseline f1 on crypto c (0-based), fold f: 0.30 + 0.02·c + 0.01·f. */
  private static double base(int c, int f) {
    return 0.30 + 0.02 * c + 0.01 * f;
  }

  /** Five cryptos × five folds of a variant whose f1 is the baseline's plus {@code lift}·fold. */
  private static List<ResultRow> grid(String variant, double lift) {
    List<ResultRow> rows = new ArrayList<>();
    for (int c = 0; c < CRYPTOS.size(); c++) {
      for (int f = 1; f <= 5; f++) {
        rows.add(ok(variant, CRYPTOS.get(c), f, base(c, f) + lift * f, 40 + f));
      }
    }
    return rows;
  }

  private static BranchStats stats(List<ResultRow> rows, List<String> variants, List<String> cryptos) {
    BranchSweep sweep = Sweeps.resolve(rows, FACTOR, List.of(RUN), "none", variants, cryptos);
    return BranchStats.of(sweep, Metric.F1_BUY, BOOT);
  }

  /** The baseline with its AAA fold 5 failed, and v1 = baseline + 0.01·fold. */
  private static List<ResultRow> oneFailedBaselineFold() {
    List<ResultRow> rows = new ArrayList<>(grid("none", 0));
    rows.removeIf(r -> r.crypto().equals("AAA") && r.fold() == 5);
    rows.add(failed("none", "AAA", 5, "training_failed"));
    rows.addAll(grid("v1", 0.01));
    return rows;
  }

  // ---- pairing ------------------------------------------------------------------------------

  @Test
  void oneFailedBaselineFoldLeaves24Pairs() {
    BranchStats s = stats(oneFailedBaselineFold(), List.of("none", "v1"), CRYPTOS);
    assertEquals(1, s.comparisons().size());
    Comparison c = s.comparisons().get(0);
    assertEquals("v1", c.variant());
    assertEquals(Metric.F1_BUY, c.primary());
    assertEquals(24, c.pairs());
    assertEquals(List.of(new Exclusion(new Cell("AAA", 5), "none (baseline) attempt failed (training_failed)")),
        c.excluded());
  }

  @Test
  void meanDeltaIsTheHandComputedValue() {
    Comparison c = stats(oneFailedBaselineFold(), List.of("none", "v1"), CRYPTOS).comparisons().get(0);
    // Δ = 0.01·fold: five cryptos × (0.01 + … + 0.05) = 0.75, minus AAA fold 5 (0.05), over 24 pairs.
    assertEquals(0.70 / 24, c.meanDelta(), EPS);
    assertEquals(0.70 / 24, c.meanDelta(Metric.F1_BUY), EPS);
    assertEquals(2.0, c.meanDelta(Metric.EXPECTANCY_NET), EPS);
    assertEquals(0.0, c.meanDelta(Metric.SORTINO), EPS);
    assertEquals(0.0, c.meanDelta(Metric.N_TRADES), EPS);
  }

  @Test
  void perCryptoDeltas() {
    Comparison c = stats(oneFailedBaselineFold(), List.of("none", "v1"), CRYPTOS).comparisons().get(0);
    assertEquals(CRYPTOS, List.copyOf(c.perCryptoDelta().keySet()), "in the branch's crypto order");
    assertEquals(0.10 / 4, c.perCryptoDelta().get("AAA"), EPS, "folds 1-4 only");
    for (String crypto : CRYPTOS.subList(1, 5)) {
      assertEquals(0.15 / 5, c.perCryptoDelta().get(crypto), EPS, crypto);
    }
    assertEquals(5, c.improvedCryptos());
  }

  @Test
  void ciDAndPAreThoseOfThePairedDeltas() {
    Comparison c = stats(oneFailedBaselineFold(), List.of("none", "v1"), CRYPTOS).comparisons().get(0);
    double[] d = new double[24];
    int i = 0;
    for (int k = 0; k < CRYPTOS.size(); k++) {
      for (int f = 1; f <= 5; f++) {
        if (k == 0 && f == 5) {
          continue;
        }
        d[i++] = (base(k, f) + 0.01 * f) - base(k, f);
      }
    }
    Bootstrap.Interval ci = Bootstrap.percentileInterval(d, 1000, 42, 0.95);
    assertEquals(ci.low(), c.ciLow().getAsDouble(), EPS);
    assertEquals(ci.high(), c.ciHigh().getAsDouble(), EPS);
    assertTrue(c.ciLow().getAsDouble() > 0 && c.ciLow().getAsDouble() <= c.meanDelta() && c.meanDelta() <= c.ciHigh().getAsDouble());
    assertEquals(EffectSize.cohensDz(d), c.cohensD().getAsDouble(), EPS);
    assertEquals(PairedTTest.test(d).p(), c.pRaw().getAsDouble(), 1e-15);
  }

  @Test
  void eachExclusionHasItsReason() {
    List<ResultRow> rows = new ArrayList<>();
    // fold 1: the baseline's only attempt failed
    rows.add(failed("none", "AAA", 1, "training_failed"));
    rows.add(ok("v1", "AAA", 1, 0.5, 10));
    // fold 2: the baseline has no row
    rows.add(ok("v1", "AAA", 2, 0.5, 10));
    // fold 3: the variant has no row
    rows.add(ok("none", "AAA", 3, 0.4, 10));
    // fold 4: the variant made no trade
    rows.add(ok("none", "AAA", 4, 0.4, 10));
    rows.add(ok("v1", "AAA", 4, 0.0, 0));
    // fold 5: the variant's f1_buy is NaN
    rows.add(ok("none", "AAA", 5, 0.4, 10));
    rows.add(ok("v1", "AAA", 5, Double.NaN, 10));
    // fold 6: the baseline made no trade (and the variant's f1 is NaN too: the baseline is named first)
    rows.add(ok("none", "AAA", 6, 0.0, 0));
    rows.add(ok("v1", "AAA", 6, Double.NaN, 10));
    // fold 7: the variant's attempts all failed, the last one with oom
    rows.add(ok("none", "AAA", 7, 0.4, 10));
    rows.add(failed("v1", "AAA", 7, "timeout"));
    rows.add(failed("v1", "AAA", 7, "oom"));
    // fold 8: f1_buy is infinite
    rows.add(ok("none", "AAA", 8, 0.4, 10));
    rows.add(ok("v1", "AAA", 8, Double.POSITIVE_INFINITY, 10));
    // folds 9 and 10: usable
    rows.add(ok("none", "AAA", 9, 0.4, 10));
    rows.add(ok("v1", "AAA", 9, 0.5, 10));
    rows.add(ok("none", "AAA", 10, 0.4, 10));
    rows.add(ok("v1", "AAA", 10, 0.6, 10));
    // a later failed retry of a usable cell changes nothing
    rows.add(failed("v1", "AAA", 10, "oom"));

    Comparison c = stats(rows, List.of("none", "v1"), List.of("AAA")).comparisons().get(0);
    assertEquals(List.of(
        new Exclusion(new Cell("AAA", 1), "none (baseline) attempt failed (training_failed)"),
        new Exclusion(new Cell("AAA", 2), "none (baseline) has no row"),
        new Exclusion(new Cell("AAA", 3), "v1 has no row"),
        new Exclusion(new Cell("AAA", 4), "v1 made no trade"),
        new Exclusion(new Cell("AAA", 5), "v1 f1_buy is NaN"),
        new Exclusion(new Cell("AAA", 6), "none (baseline) made no trade"),
        new Exclusion(new Cell("AAA", 7), "v1 attempt failed (oom)"),
        new Exclusion(new Cell("AAA", 8), "v1 f1_buy is Infinity")), c.excluded());
    assertEquals(2, c.pairs());
    assertEquals(0.15, c.meanDelta(), EPS);
    assertEquals(0.15, c.perCryptoDelta().get("AAA"), EPS);
  }

  @Test
  void aCryptoWithoutPairsHasNoDelta() {
    List<ResultRow> rows = new ArrayList<>();
    rows.add(ok("none", "AAA", 1, 0.4, 10));
    rows.add(ok("v1", "AAA", 1, 0.5, 10));
    rows.add(ok("none", "BBB", 1, 0.4, 10));
    rows.add(ok("v1", "BBB", 1, 0.3, 0));
    Comparison c = stats(rows, List.of("none", "v1"), List.of("AAA", "BBB")).comparisons().get(0);
    assertEquals(1, c.pairs());
    assertTrue(Double.isNaN(c.perCryptoDelta().get("BBB")));
    assertEquals(1, c.improvedCryptos());
    assertEquals(Optional.empty(), c.inference(), "no CI, d or p from one pair");
    assertEquals(Optional.of(Comparison.Undefined.FEWER_THAN_TWO_PAIRS), c.undefined());
  }

  @Test
  void noPairAtAll() {
    List<ResultRow> rows = List.of(ok("none", "AAA", 1, 0.4, 10), failed("v1", "AAA", 1, "oom"));
    Comparison c = stats(rows, List.of("none", "v1"), List.of("AAA")).comparisons().get(0);
    assertEquals(0, c.pairs());
    for (Metric m : Metric.values()) {
      assertTrue(Double.isNaN(c.meanDelta(m)), m.column());
    }
  }

  // ---- BH -----------------------------------------------------------------------------------

  @Test
  void bhIsAppliedAcrossTheBranchsVariants() {
    List<ResultRow> rows = new ArrayList<>(grid("none", 0));
    rows.addAll(grid("v1", 0.01));
    rows.addAll(grid("v2", -0.002));
    // v3 has a single usable pair: no p, and it counts in m as p = 1
    rows.add(ok("v3", "AAA", 1, 0.9, 10));
    // v4 has noise around no lift
    for (int c = 0; c < CRYPTOS.size(); c++) {
      for (int f = 1; f <= 5; f++) {
        rows.add(ok("v4", CRYPTOS.get(c), f, base(c, f) + ((c + f) % 2 == 0 ? 0.011 : -0.01), 10));
      }
    }
    BranchStats s = stats(rows, List.of("none", "v1", "v2", "v3", "v4"), CRYPTOS);
    List<Comparison> cs = s.comparisons();
    assertEquals(List.of("v1", "v2", "v3", "v4"), cs.stream().map(Comparison::variant).toList());
    assertEquals(java.util.OptionalDouble.empty(), cs.get(2).pRaw());
    assertEquals(java.util.OptionalDouble.empty(), cs.get(2).pBh());
    double[] raw = {cs.get(0).pRaw().getAsDouble(), cs.get(1).pRaw().getAsDouble(), 1.0,
        cs.get(3).pRaw().getAsDouble()};
    double[] adjusted = BenjaminiHochberg.adjust(raw);
    for (int i : new int[] {0, 1, 3}) {
      assertEquals(adjusted[i], cs.get(i).pBh().getAsDouble(), 0.0, cs.get(i).variant());
    }
    // by hand, m = 4 (v3's p counts as 1, the largest): the others are at least their p·4/rank
    double[] finite = {raw[0], raw[1], raw[3]};
    java.util.Arrays.sort(finite);
    double max = Math.min(1, finite[2] * 4 / 3);
    double mid = Math.min(max, finite[1] * 4 / 2);
    double min = Math.min(mid, finite[0] * 4);
    double[] bh = java.util.stream.DoubleStream.of(cs.get(0).pBh().getAsDouble(), cs.get(1).pBh().getAsDouble(), cs.get(3).pBh().getAsDouble()).sorted()
        .toArray();
    assertEquals(min, bh[0], 1e-12 * min);
    assertEquals(mid, bh[1], 1e-12 * mid);
    assertEquals(max, bh[2], 1e-12 * max);
    assertTrue(cs.get(3).pRaw().getAsDouble() > 0.05, "v4 is noise: " + cs.get(3).pRaw().getAsDouble());
    assertTrue(cs.get(0).pBh().getAsDouble() >= cs.get(0).pRaw().getAsDouble());
  }

  // ---- per-crypto summaries -----------------------------------------------------------------

  @Test
  void perCryptoMeansAndSampleVariances() {
    BranchStats s = stats(oneFailedBaselineFold(), List.of("none", "v1"), CRYPTOS);
    assertEquals(List.of("none", "v1"), List.copyOf(s.summaries().keySet()));
    List<CryptoSummary> none = s.summaries("none");
    assertEquals(CRYPTOS, none.stream().map(CryptoSummary::crypto).toList());

    // AAA: folds 1-4 count (fold 5 failed): f1 0.31, 0.32, 0.33, 0.34
    CryptoSummary aaa = none.get(0);
    assertEquals(4, aaa.folds());
    assertEquals(0.325, aaa.mean(Metric.F1_BUY), EPS);
    // ddof = 1: (0.015² + 0.005² + 0.005² + 0.015²) / 3
    assertEquals(0.0005 / 3, aaa.variance(Metric.F1_BUY), EPS);
    assertEquals(42.5, aaa.mean(Metric.N_TRADES), EPS); // 41..44
    assertEquals(5.0 / 3, aaa.variance(Metric.N_TRADES), EPS); // (2.25 + 0.25 + 0.25 + 2.25) / 3
    assertEquals(0.0, aaa.variance(Metric.SORTINO), EPS);

    // BBB: five folds, f1 0.33 … 0.37
    CryptoSummary bbb = none.get(1);
    assertEquals(5, bbb.folds());
    assertEquals(0.35, bbb.mean(Metric.F1_BUY), EPS);
    assertEquals(0.001 / 4, bbb.variance(Metric.F1_BUY), EPS); // (0.02² + 0.01² + 0 + 0.01² + 0.02²) / 4

    // v1 on EEE: f1 = 0.38 + 0.02·fold: 0.40, 0.42, 0.44, 0.46, 0.48
    CryptoSummary eee = s.summaries("v1").get(4);
    assertEquals(0.44, eee.mean(Metric.F1_BUY), EPS);
    assertEquals(0.004 / 4, eee.variance(Metric.F1_BUY), EPS);
    assertEquals(12.0, eee.mean(Metric.EXPECTANCY_NET), EPS);
  }

  @Test
  void summariesOfCryptosWithOneOrNoFold() {
    List<ResultRow> rows = List.of(ok("none", "AAA", 1, 0.4, 10), ok("v1", "AAA", 1, 0.5, 10),
        failed("none", "BBB", 1, "oom"), ok("v1", "BBB", 1, 0.5, 10));
    BranchStats s = stats(rows, List.of("none", "v1"), List.of("AAA", "BBB"));
    CryptoSummary aaa = s.summaries("none").get(0);
    assertEquals(1, aaa.folds());
    assertEquals(0.4, aaa.mean(Metric.F1_BUY), EPS);
    assertTrue(Double.isNaN(aaa.variance(Metric.F1_BUY)), "no sample variance from one fold");
    CryptoSummary bbb = s.summaries("none").get(1);
    assertEquals(0, bbb.folds());
    for (Metric m : Metric.values()) {
      assertTrue(Double.isNaN(bbb.mean(m)) && Double.isNaN(bbb.variance(m)), m.column());
    }
  }

  @Test
  void summariesUseTheCountedAttemptOnly() {
    List<ResultRow> rows = new ArrayList<>();
    rows.add(ok("none", "AAA", 1, 0.1, 10));
    rows.add(ok("none", "AAA", 1, 0.3, 10)); // later retry: counts
    rows.add(failed("none", "AAA", 1, "oom")); // later failure: ignored
    rows.add(ok("none", "AAA", 2, 0.5, 10));
    rows.add(ok("v1", "AAA", 1, 0.5, 10));
    CryptoSummary aaa = stats(rows, List.of("none", "v1"), List.of("AAA")).summaries("none").get(0);
    assertEquals(2, aaa.folds());
    assertEquals(0.4, aaa.mean(Metric.F1_BUY), EPS);
    assertEquals(0.02, aaa.variance(Metric.F1_BUY), EPS); // (0.1² + 0.1²) / 1
    Map<String, List<CryptoSummary>> all = stats(rows, List.of("none", "v1"), List.of("AAA")).summaries();
    assertEquals(1, all.get("v1").get(0).folds());
  }
}
