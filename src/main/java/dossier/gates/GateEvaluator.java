package dossier.gates;

import dossier.format.Formats;
import dossier.gates.GatePlan.Gate;
import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.source.VariantSweep;
import dossier.stats.Anomaly;
import dossier.stats.BranchStats;
import dossier.stats.EffectSize;
import dossier.stats.Comparison;
import dossier.stats.CryptoSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates every gate of a plan for every variant of a branch. A gate whose inputs are missing
 * or not finite is WARN with the reason: it is never a silent pass, and WARN blocks a lock.
 */
public final class GateEvaluator {
  private GateEvaluator() {}

  public static List<VariantVerdict> evaluate(GatePlan plan, BranchStats stats, Readiness.Result readiness) {
    return evaluate(plan, stats, readiness, EvidenceFormat.RESULTS);
  }

  public static List<VariantVerdict> evaluate(
      GatePlan plan, BranchStats stats, Readiness.Result readiness, EvidenceFormat format) {
    List<VariantVerdict> out = new ArrayList<>();
    for (Comparison c : stats.comparisons()) {
      List<GateResult> results = new ArrayList<>();
      for (Gate gate : plan.gates()) {
        results.add(evaluate(gate, stats, c, readiness, format));
      }
      boolean lock = results.stream().allMatch(r -> r.status() == Status.PASS);
      out.add(new VariantVerdict(c.variant(), results, lock ? Verdict.LOCK : Verdict.ABANDON));
    }
    return out;
  }

  static GateResult evaluate(Gate gate, BranchStats stats, Comparison c, Readiness.Result readiness) {
    return evaluate(gate, stats, c, readiness, EvidenceFormat.RESULTS);
  }

  static GateResult evaluate(
      Gate gate, BranchStats stats, Comparison c, Readiness.Result readiness, EvidenceFormat f) {
    if (stats != null) {
      // A metric that is broken in the rows gives figures that look fine: refuse to judge on them.
      for (Metric m : gate.kind().uses(stats.primary())) {
        List<Anomaly> spoiling = stats.spoiling(c.variant(), m);
        if (!spoiling.isEmpty()) {
          return result(gate, Status.WARN, "cannot evaluate: " + spoiling.get(0).summary());
        }
      }
    }
    return switch (gate.kind()) {
      case F1_LIFT -> lift(gate, c, f);
      case JOINT -> joint(gate, c);
      case STABILITY -> stability(gate, stats, c);
      case PER_ASSET -> perAsset(gate, c);
      case SAMPLE_SIZE -> sampleSize(gate, stats, c);
      case READINESS -> readiness(gate, readiness);
      case COHENS_D -> cohensD(gate, c, f);
      case MIN_DELTA -> minDelta(gate, c, f);
      case ECE -> increase(gate, c, Metric.ECE, "ΔECE", Formats::f4);
      case MAX_DRAWDOWN -> increase(gate, c, Metric.MAX_DRAWDOWN, "Δmax_drawdown", Formats::signed2);
    };
  }

  private static GateResult result(Gate gate, Status status, String evidence) {
    return new GateResult(gate.number(), gate.kind(), status, evidence);
  }

  private static GateResult lift(Gate gate, Comparison c, EvidenceFormat f) {
    if (c.pairs() < 2 || !Double.isFinite(c.ciLow())) {
      return tooFewPairs(gate, c);
    }
    String evidence = String.format(Locale.ROOT, "Δ = %s, CI95 [%s, %s]", f.delta().apply(c.meanDelta()),
        f.delta().apply(c.ciLow()), f.delta().apply(c.ciHigh()));
    if (c.ciHigh() < 0) {
      evidence += " (significant in WRONG direction)";
    } else if (c.ciLow() <= 0) {
      evidence += " (CI95 includes 0)";
    }
    boolean pass = c.meanDelta() >= gate.threshold("min_delta") && c.ciLow() > 0;
    return result(gate, pass ? Status.PASS : Status.FAIL, evidence);
  }

  private static GateResult joint(Gate gate, Comparison c) {
    double e = c.meanDelta(Metric.EXPECTANCY_NET);
    double s = c.meanDelta(Metric.SORTINO);
    double m = c.meanDelta(Metric.MAX_DRAWDOWN);
    String evidence = String.format(Locale.ROOT, "Δexpectancy %s, Δsortino %s, Δmax_drawdown %s",
        Formats.signed1(e), Formats.signed2(s), Formats.signed2(m));
    if (!Double.isFinite(e) || !Double.isFinite(s) || !Double.isFinite(m)) {
      return result(gate, Status.WARN, "cannot evaluate: " + evidence);
    }
    boolean pass = e >= gate.threshold("min_expectancy") && s >= gate.threshold("min_sortino")
        && m <= gate.threshold("max_drawdown");
    return result(gate, pass ? Status.PASS : Status.FAIL, evidence);
  }

  private static GateResult stability(Gate gate, BranchStats stats, Comparison c) {
    Optional<CryptoSummary> worst = stats.summaries(c.variant()).stream()
        .filter(s -> Double.isFinite(s.variance(stats.primary())))
        .max((a, b) -> Double.compare(a.variance(stats.primary()), b.variance(stats.primary())));
    if (worst.isEmpty()) {
      return result(gate, Status.WARN, "cannot evaluate: fewer than 2 folds per crypto");
    }
    // The worst crypto may be one whose variance is unknown: no verdict on the others alone.
    List<String> unknown = stats.summaries(c.variant()).stream()
        .filter(s -> !Double.isFinite(s.variance(stats.primary())))
        .map(CryptoSummary::crypto)
        .toList();
    if (!unknown.isEmpty()) {
      return result(gate, Status.WARN, String.format(Locale.ROOT,
          "cannot evaluate: no variance of %s on %s (fewer than 2 folds, or a value that is not finite)",
          stats.primary().column(), String.join(", ", unknown)));
    }
    double v = worst.get().variance(stats.primary());
    String evidence = String.format(Locale.ROOT, "max variance %s (%s)", Formats.f3(v), worst.get().crypto());
    return result(gate, v <= gate.threshold("max_variance") ? Status.PASS : Status.FAIL, evidence);
  }

  private static GateResult perAsset(Gate gate, Comparison c) {
    long compared = c.perCryptoDelta().values().stream().filter(Double::isFinite).count();
    if (compared == 0) {
      return result(gate, Status.WARN, "cannot evaluate: no crypto has a usable pair");
    }
    String evidence = String.format(Locale.ROOT, "%d/%d cryptos improve", c.improvedCryptos(),
        c.perCryptoDelta().size());
    return result(gate, c.improvedCryptos() >= gate.threshold("min_improved") ? Status.PASS : Status.FAIL, evidence);
  }

  private static GateResult sampleSize(Gate gate, BranchStats stats, Comparison c) {
    double variant = meanTrades(stats.sweep().variant(c.variant()));
    double baseline = meanTrades(stats.sweep().baselineSweep());
    if (!Double.isFinite(variant)) {
      return result(gate, Status.WARN, "cannot evaluate: no completed fold");
    }
    String evidence = String.format(Locale.ROOT, "mean n_trades %s (vs %s baseline)", Formats.f1(variant),
        Formats.f1(baseline));
    return result(gate, variant >= gate.threshold("min_trades") ? Status.PASS : Status.FAIL, evidence);
  }

  private static GateResult tooFewPairs(Gate gate, Comparison c) {
    return result(gate, Status.WARN, "cannot evaluate: " + c.pairs() + " usable pair(s)");
  }

  private static GateResult cohensD(Gate gate, Comparison c, EvidenceFormat f) {
    if (c.pairs() < 2) {
      return tooFewPairs(gate, c);
    }
    if (!Double.isFinite(c.cohensD())) {
      return result(gate, Status.WARN, "cannot evaluate: Cohen's d is undefined (every paired difference is the same)");
    }
    String evidence = String.format(Locale.ROOT, "d = %s (%s)", f.d().apply(c.cohensD()), EffectSize.label(c.cohensD()));
    return result(gate, c.cohensD() >= gate.threshold("min_d") ? Status.PASS : Status.FAIL, evidence);
  }

  private static GateResult minDelta(Gate gate, Comparison c, EvidenceFormat f) {
    if (!Double.isFinite(c.meanDelta())) {
      return tooFewPairs(gate, c);
    }
    String evidence = "Δ = " + f.delta().apply(c.meanDelta());
    return result(gate, c.meanDelta() >= gate.threshold("min_delta") ? Status.PASS : Status.FAIL, evidence);
  }

  /** The variant's mean of {@code m} may exceed the baseline's by at most {@code max_increase}. */
  private static GateResult increase(
      Gate gate, Comparison c, Metric m, String name, java.util.function.DoubleFunction<String> format) {
    double delta = c.meanDelta(m);
    if (!Double.isFinite(delta)) {
      return result(gate, Status.WARN, "cannot evaluate: no paired " + m.column());
    }
    String evidence = name + " = " + format.apply(delta);
    return result(gate, delta <= gate.threshold("max_increase") ? Status.PASS : Status.FAIL, evidence);
  }

  /** Mean BUY trades per completed fold of a variant. */
  public static double meanTrades(VariantSweep sweep) {
    return sweep.counted().values().stream().mapToInt(ResultRow::nTrades).average().orElse(Double.NaN);
  }

  private static GateResult readiness(Gate gate, Readiness.Result r) {
    String evidence = r.status() == Status.PASS
        ? String.format(Locale.ROOT, "%s complete (%d of %d sections)", r.file(), r.complete(), r.required())
        : (r.status() == Status.WARN ? "cannot evaluate: " : r.file() + " incomplete: ") + String.join(", ", r.missing());
    return result(gate, r.status(), evidence);
  }
}
