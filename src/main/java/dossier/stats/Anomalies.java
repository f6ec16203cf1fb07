package dossier.stats;

import dossier.source.BranchSweep;
import dossier.source.Cell;
import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.source.VariantSweep;
import dossier.stats.Anomaly.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the anomalies of a branch. They are reported in the dossier, and a gate that depends on a
 * spoiled metric is not evaluated ({@code ⚠}), so an anomaly can never turn a gate to PASS.
 */
public final class Anomalies {
  // n_trades is a count: equal counts on every fold are unlikely but not a sign of a broken metric.
  private static final List<Metric> CHECKED = List.of(Metric.F1_BUY, Metric.SORTINO, Metric.TOTAL_RETURN,
      Metric.ECE, Metric.EXPECTANCY_NET, Metric.MAX_DRAWDOWN);

  private Anomalies() {}

  public static List<Anomaly> detect(BranchSweep sweep) {
    List<Anomaly> out = new ArrayList<>();
    for (VariantSweep v : sweep.variants()) {
      missing(sweep, v, out);
      zeroTrades(v, out);
      for (Metric m : CHECKED) {
        nonFinite(v, m, out);
        constant(sweep, v, m, out);
      }
    }
    return List.copyOf(out);
  }

  private static void missing(BranchSweep sweep, VariantSweep v, List<Anomaly> out) {
    List<Cell> cells = new ArrayList<>();
    for (String crypto : sweep.cryptos()) {
      for (int fold : sweep.folds(crypto)) {
        Cell cell = new Cell(crypto, fold);
        if (!v.counted().containsKey(cell)) {
          cells.add(cell);
        }
      }
    }
    if (!cells.isEmpty()) {
      out.add(new Anomaly(Kind.MISSING_CELL, v.variant(), Optional.empty(), cells, Double.NaN));
    }
  }

  private static void zeroTrades(VariantSweep v, List<Anomaly> out) {
    List<Cell> cells = cellsWhere(v, r -> r.nTrades() == 0);
    if (!cells.isEmpty()) {
      out.add(new Anomaly(Kind.ZERO_TRADES, v.variant(), Optional.empty(), cells, Double.NaN));
    }
  }

  /** The counted cells, in their order, whose row passes {@code test}. */
  private static List<Cell> cellsWhere(VariantSweep v, java.util.function.Predicate<ResultRow> test) {
    return v.counted().entrySet().stream().filter(e -> test.test(e.getValue())).map(Map.Entry::getKey).toList();
  }

  private static void nonFinite(VariantSweep v, Metric m, List<Anomaly> out) {
    List<Cell> cells = cellsWhere(v, r -> !Double.isFinite(r.metric(m)));
    if (!cells.isEmpty()) {
      out.add(new Anomaly(Kind.NON_FINITE, v.variant(), Optional.of(m), cells, Double.NaN));
    }
  }

  // Compared bit for bit: a metric that silently reads 0.00000 on every row is the case to catch,
  // and rounding must not hide it. −0.0 is 0 (x + 0.0 turns it into +0.0 and changes nothing else),
  // so −0.0 on every row, or mixed with 0.0, is a constant 0. The baseline is the reference: its
  // values must vary (finite ones), or a constant is just what this metric does on this sweep. A
  // NaN or an infinity on every row is reported as not finite, and only there (it is no value to quote).
  private static void constant(BranchSweep sweep, VariantSweep v, Metric m, List<Anomaly> out) {
    if (v.variant().equals(sweep.baseline()) || v.counted().size() < 2 || distinctBits(v, m) != 1
        || !Double.isFinite(v.counted().values().iterator().next().metric(m))) {
      return;
    }
    long baselineValues = sweep.baselineSweep().counted().values().stream().mapToDouble(r -> r.metric(m))
        .filter(Double::isFinite).mapToLong(Anomalies::bits).distinct().count();
    if (baselineValues > 1) {
      ResultRow first = v.counted().values().iterator().next();
      out.add(new Anomaly(Kind.CONSTANT, v.variant(), Optional.of(m), List.copyOf(v.counted().keySet()),
          first.metric(m) + 0.0));
    }
  }

  private static long distinctBits(VariantSweep v, Metric m) {
    return v.counted().values().stream().mapToLong(r -> bits(r.metric(m))).distinct().count();
  }

  private static long bits(double value) {
    return Double.doubleToRawLongBits(value + 0.0);
  }
}
