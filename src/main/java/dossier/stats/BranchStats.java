package dossier.stats;

import dossier.source.BranchSweep;
import dossier.source.Cell;
import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.source.VariantSweep;
import dossier.stats.Comparison.Exclusion;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The statistics of one branch: per-crypto summaries of every variant and the paired comparison
 * of every variant with the baseline, BH-adjusted over the branch's variants.
 *
 * @param summaries per variant (baseline first), per crypto in the branch's order
 */
public record BranchStats(
    BranchSweep sweep, Metric primary, BootstrapSettings bootstrap, Map<String, List<CryptoSummary>> summaries,
    List<Comparison> comparisons, List<Anomaly> anomalies) {

  public BranchStats {
    summaries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(summaries));
    comparisons = List.copyOf(comparisons);
    anomalies = List.copyOf(anomalies);
  }

  /** The anomalies that spoil {@code metric} for this variant or for the baseline it is paired with. */
  public List<Anomaly> spoiling(String variant, Metric metric) {
    return anomalies.stream()
        .filter(a -> a.spoils(metric) && (a.variant().equals(variant) || a.variant().equals(sweep.baseline())))
        .toList();
  }

  /** With the plan's default settings of the corrected figures ({@link Robustness.Settings#DEFAULT}). */
  public static BranchStats of(BranchSweep sweep, Metric primary, BootstrapSettings bootstrap) {
    return of(sweep, primary, bootstrap, Robustness.Settings.DEFAULT);
  }

  public static BranchStats of(BranchSweep sweep, Metric primary, BootstrapSettings bootstrap,
      Robustness.Settings corrected) {
    Map<String, List<CryptoSummary>> summaries = new LinkedHashMap<>();
    for (VariantSweep v : sweep.variants()) {
      summaries.put(v.variant(), sweep.cryptos().stream().map(c -> summarise(v, c)).toList());
    }
    List<Comparison> raw = sweep.compared().stream()
        .map(v -> compare(sweep, sweep.baselineSweep(), v, primary, bootstrap, corrected))
        .toList();
    List<OptionalDouble> adjusted = BenjaminiHochberg.adjust(raw.stream().map(Comparison::pRaw).toList());
    List<Comparison> comparisons = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      comparisons.add(raw.get(i).withBh(adjusted.get(i)));
    }
    return new BranchStats(sweep, primary, bootstrap, summaries, comparisons, Anomalies.detect(sweep));
  }

  public List<CryptoSummary> summaries(String variant) {
    return summaries.get(variant);
  }

  /**
   * The useful rows only (n_trades > 0), the rule of the pairs too: a fold without a trade has no
   * BUY to score, and its f1 of 0 would enter the means and gate 3's variance while its pair is left out.
   */
  static CryptoSummary summarise(VariantSweep v, String crypto) {
    // Cells sort by crypto, then fold: one crypto's rows are a range of the map, not a scan of it.
    List<ResultRow> rows = v.counted().subMap(new Cell(crypto, Integer.MIN_VALUE), new Cell(crypto, Integer.MAX_VALUE))
        .values().stream().filter(ResultRow::useful).toList();
    Map<Metric, Double> mean = new EnumMap<>(Metric.class);
    Map<Metric, Double> variance = new EnumMap<>(Metric.class);
    for (Metric m : Metric.values()) {
      double[] values = rows.stream().mapToDouble(r -> r.metric(m)).toArray();
      mean.put(m, values.length == 0 ? Double.NaN : Descriptive.mean(values));
      variance.put(m, Descriptive.variance(values));
    }
    return new CryptoSummary(crypto, rows.size(), mean, variance);
  }

  static Comparison compare(BranchSweep sweep, VariantSweep base, VariantSweep variant, Metric primary,
      BootstrapSettings bootstrap, Robustness.Settings corrected) {
    List<ResultRow[]> pairs = new ArrayList<>();
    List<Exclusion> excluded = new ArrayList<>();
    Map<String, List<ResultRow[]>> byCrypto = new LinkedHashMap<>();
    for (String crypto : sweep.cryptos()) {
      List<ResultRow[]> ofCrypto = new ArrayList<>();
      for (int fold : sweep.folds(crypto)) {
        Cell cell = new Cell(crypto, fold);
        String why = exclusion(cell, base, variant, primary);
        if (why == null) {
          ofCrypto.add(new ResultRow[] {base.counted().get(cell), variant.counted().get(cell)});
        } else {
          excluded.add(new Exclusion(cell, why));
        }
      }
      pairs.addAll(ofCrypto);
      byCrypto.put(crypto, ofCrypto);
    }
    Map<Metric, Double> meanDelta = new EnumMap<>(Metric.class);
    for (Metric m : Metric.values()) {
      meanDelta.put(m, pairs.isEmpty() ? Double.NaN : Descriptive.mean(deltas(pairs, m)));
    }
    Map<String, Double> perCrypto = new LinkedHashMap<>();
    byCrypto.forEach((crypto, ofCrypto) ->
        perCrypto.put(crypto, ofCrypto.isEmpty() ? Double.NaN : Descriptive.mean(deltas(ofCrypto, primary))));
    double[] d = deltas(pairs, primary);
    Robustness.Result robust = Robustness.of(byCrypto.values().stream().map(ps -> deltas(ps, primary)).toList(),
        scale(pairs, primary), corrected.ratio(sweep.foldsPerCrypto()), corrected.rope(), sweep.compared().size());
    return new Comparison(variant.variant(), primary, d.length, excluded, meanDelta, inference(d, pairs, primary,
        bootstrap), perCrypto, robust);
  }

  /** The largest |value| paired: the scale of the rounding in the deltas. */
  private static double scale(List<ResultRow[]> pairs, Metric primary) {
    double scale = 0;
    for (ResultRow[] p : pairs) {
      scale = Math.max(scale, Math.max(Math.abs(p[0].metric(primary)), Math.abs(p[1].metric(primary))));
    }
    return scale;
  }

  /**
   * CI, d and p of the deltas, or empty when they are undefined: fewer than 2 pairs, or deltas
   * whose spread is at the rounding level of the values they were computed from. Deltas that are
   * equal in the decimal data differ in binary by a few units in the last place (ulp) of the
   * values subtracted (0.63 − 0.60 and 0.53 − 0.50 are not the same double); their sd is then
   * about 1e-17, and d = mean / sd would read 1.57e15 and p 0. Their sd stays below a few ulp of
   * the largest |value| paired; 64 ulp leaves room for the error of the mean and the sum of squares,
   * and is far below any spread a metric can show (64 ulp of 1 is 1.4e-14). The pBh is set by
   * {@link #of}, over every variant of the branch.
   */
  static Optional<Comparison.Inference> inference(double[] d, List<ResultRow[]> pairs, Metric primary,
      BootstrapSettings bootstrap) {
    if (d.length < 2) {
      return Optional.empty();
    }
    double sd = Descriptive.standardDeviation(d);
    if (sd <= 64 * Math.ulp(scale(pairs, primary))) {
      return Optional.empty();
    }
    Bootstrap.Interval ci = Bootstrap.percentileInterval(d, bootstrap.resamples(), bootstrap.seed(), bootstrap.level());
    return Optional.of(new Comparison.Inference(ci.low(), ci.high(), EffectSize.cohensDz(d), PairedTTest.test(d).p(),
        Double.NaN));
  }

  private static double[] deltas(List<ResultRow[]> pairs, Metric m) {
    return pairs.stream().mapToDouble(p -> p[1].metric(m) - p[0].metric(m)).toArray();
  }

  /** Why the pair of a cell cannot be used, or null when it can. */
  private static String exclusion(Cell cell, VariantSweep base, VariantSweep variant, Metric primary) {
    String b = side(cell, base, primary);
    if (b != null) {
      return base.variant() + " (baseline) " + b;
    }
    String v = side(cell, variant, primary);
    return v == null ? null : variant.variant() + " " + v;
  }

  private static String side(Cell cell, VariantSweep sweep, Metric primary) {
    ResultRow row = sweep.counted().get(cell);
    if (row == null) {
      String failed = sweep.failedCells().get(cell);
      return failed != null ? "attempt failed (" + failed + ")" : "has no row";
    }
    if (row.nTrades() == 0) {
      return "made no trade";
    }
    if (!Double.isFinite(row.metric(primary))) {
      return primary.column() + " is " + row.metric(primary);
    }
    return null;
  }
}
