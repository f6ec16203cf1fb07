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
import dossier.stats.Robustness;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
      case F1_LIFT -> lift(gate, c, f, c.primary());
      case JOINT -> joint(gate, c);
      case STABILITY -> stability(gate, stats, c);
      case PER_ASSET -> perAsset(gate, c);
      case SAMPLE_SIZE -> sampleSize(gate, stats, c);
      case READINESS -> readiness(gate, readiness);
      case COHENS_D -> cohensD(gate, c, f, c.primary());
      case MIN_DELTA -> minDelta(gate, c, f);
      case ECE -> increase(gate, c, Metric.ECE, "ΔECE", Printed.of(c.meanDelta(Metric.ECE), 4));
      case MAX_DRAWDOWN -> increase(gate, c, Metric.MAX_DRAWDOWN, "Δmax_drawdown",
          Printed.signed(c.meanDelta(Metric.MAX_DRAWDOWN), 2));
    };
  }

  private static GateResult result(Gate gate, Status status, String evidence) {
    return new GateResult(gate.number(), gate.kind(), status, evidence);
  }

  /**
   * Mean Δ ≥ min_delta with the CI above 0, each as printed. Below {@code min_pairs} pairs the
   * gate is ⚠: with 3 pairs the percentile CI is little more than their min and max.
   */
  private static GateResult lift(Gate gate, Comparison c, EvidenceFormat f, Metric primary) {
    int minPairs = (int) gate.threshold("min_pairs");
    if (c.pairs() < minPairs) {
      return result(gate, Status.WARN, String.format(Locale.ROOT,
          "cannot evaluate: too few pairs (n = %d; the plan asks for at least %d)", c.pairs(), minPairs));
    }
    if (c.inference().isEmpty()) {
      return undefined(gate, c, primary);
    }
    Comparison.Inference i = c.inference().get();
    Printed delta = f.mean(c.meanDelta());
    Printed low = f.ci(i.ciLow());
    Printed high = f.ci(i.ciHigh());
    String evidence = String.format(Locale.ROOT, "Δ = %s, CI95 [%s, %s]", delta, low, high);
    boolean lifts = delta.atLeast(gate.threshold("min_delta"));
    if (high.below(0)) {
      evidence += " (significant in WRONG direction)";
    } else if (!low.above(0)) {
      evidence += " (CI95 includes 0)";
    } else if (!lifts) {
      evidence += " (Δ below the " + Formats.plainSigned(gate.threshold("min_delta")) + " lift)";
    }
    boolean pass = lifts && low.above(0);
    if (!pass || gate.threshold("corrected") == 0) {
      return result(gate, pass ? Status.PASS : Status.FAIL, evidence);
    }
    return corrected(gate, c, f, evidence);
  }

  /**
   * The LOCK rule on top of the house rule: the fold-corrected interval at 1 − 0.05/m lies above 0,
   * as printed. A variant that passes the house rule only is ⚠, never PASS, and so cannot lock.
   */
  private static GateResult corrected(Gate gate, Comparison c, EvidenceFormat f, String evidence) {
    if (c.robustness().isEmpty()) {
      return result(gate, Status.WARN, evidence + "; passes the naive test only: the corrected test is undefined ("
          + c.corrected().undefined().orElseThrow().words() + ")");
    }
    Robustness r = c.robustness().get();
    Printed low = f.ci(r.ciLowFamily());
    Printed high = f.ci(r.ciHighFamily());
    if (!low.above(0)) {
      return result(gate, Status.WARN, String.format(Locale.ROOT,
          "%s; passes the naive test only: the corrected interval [%s, %s] includes 0", evidence, low, high));
    }
    return result(gate, Status.PASS, String.format(Locale.ROOT, "%s; corrected interval [%s, %s]", evidence, low, high));
  }

  private static GateResult undefined(Gate gate, Comparison c, Metric primary) {
    return result(gate, Status.WARN, "cannot evaluate: " + c.undefined().orElseThrow().reason(primary));
  }

  /** Δexpectancy and Δsortino at least, Δmax_drawdown at most, their thresholds, each as printed. */
  private static GateResult joint(Gate gate, Comparison c) {
    Printed e = Printed.signed(c.meanDelta(Metric.EXPECTANCY_NET), 1);
    Printed s = Printed.signed(c.meanDelta(Metric.SORTINO), 2);
    Printed m = Printed.signed(c.meanDelta(Metric.MAX_DRAWDOWN), 2);
    String evidence = String.format(Locale.ROOT, "Δexpectancy %s, Δsortino %s, Δmax_drawdown %s", e, s, m);
    if (!e.finite() || !s.finite() || !m.finite()) {
      return result(gate, Status.WARN, "cannot evaluate: " + evidence);
    }
    boolean pass = jointPasses(gate, e, s, m);
    return result(gate, pass ? Status.PASS : Status.FAIL, evidence);
  }

  /** Each component of the joint gate as printed beside it (✓/✗ in the supporting table too). */
  public static boolean expectancyOk(Gate gate, Printed e) {
    return e.atLeast(gate.threshold("min_expectancy"));
  }

  public static boolean sortinoOk(Gate gate, Printed s) {
    return s.atLeast(gate.threshold("min_sortino"));
  }

  public static boolean drawdownOk(Gate gate, Printed m) {
    return m.atMost(gate.threshold("max_drawdown"));
  }

  private static boolean jointPasses(Gate gate, Printed e, Printed s, Printed m) {
    return expectancyOk(gate, e) && sortinoOk(gate, s) && drawdownOk(gate, m);
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
    Printed v = Printed.of(worst.get().variance(stats.primary()), 3);
    String evidence = String.format(Locale.ROOT, "max variance %s (%s)", v, worst.get().crypto());
    return result(gate, v.atMost(gate.threshold("max_variance")) ? Status.PASS : Status.FAIL, evidence);
  }

  /**
   * Cryptos improved ({@link Comparison#improves}) against the plan's share of the sweep's
   * cryptos, or its count; a count the sweep cannot reach is ⚠, never a FAIL or a PASS.
   */
  private static GateResult perAsset(Gate gate, Comparison c) {
    long compared = c.perCryptoDelta().values().stream().filter(Double::isFinite).count();
    if (compared == 0) {
      return result(gate, Status.WARN, "cannot evaluate: no crypto has a usable pair");
    }
    int cryptos = c.perCryptoDelta().size();
    if (gate.has("min_improved") && gate.threshold("min_improved") > cryptos) {
      return result(gate, Status.WARN, String.format(Locale.ROOT,
          "cannot evaluate: the plan asks for %s improving cryptos; the sweep has %d",
          Formats.plain(gate.threshold("min_improved")), cryptos));
    }
    String evidence = String.format(Locale.ROOT, "%d/%d cryptos improve (sign test p = %s)", c.improvedCryptos(),
        cryptos, Formats.p(c.signP()));
    return result(gate, c.improvedCryptos() >= requiredCryptos(gate, cryptos) ? Status.PASS : Status.FAIL, evidence);
  }

  /**
   * The cryptos gate 4 asks to improve out of {@code cryptos}: its count, or ceil(share × cryptos)
   * computed in decimal (0.7 × 10 is 7, where binary says 7.000000000000001).
   */
  public static int requiredCryptos(Gate gate, int cryptos) {
    if (gate.has("min_improved")) {
      return (int) gate.threshold("min_improved");
    }
    return new BigDecimal(Double.toString(gate.threshold("min_share"))).multiply(BigDecimal.valueOf(cryptos))
        .setScale(0, RoundingMode.CEILING).intValueExact();
  }

  /**
   * Mean BUY trades per useful fold, as printed. A fold without a trade is left out of every
   * figure (the one rule for zero-trade rows), so the gate cannot say what its sample was: ⚠.
   */
  private static GateResult sampleSize(Gate gate, BranchStats stats, Comparison c) {
    VariantSweep sweep = stats.sweep().variant(c.variant());
    Optional<Anomaly> noTrade = stats.anomalies().stream()
        .filter(a -> a.kind() == Anomaly.Kind.ZERO_TRADES && a.variant().equals(c.variant())).findFirst();
    if (noTrade.isPresent()) {
      return result(gate, Status.WARN, "cannot evaluate: " + noTrade.get().summary());
    }
    Printed variant = Printed.of(meanTrades(sweep), 1);
    if (!variant.finite()) {
      return result(gate, Status.WARN, "cannot evaluate: no completed fold");
    }
    String evidence = String.format(Locale.ROOT, "mean n_trades %s (vs %s baseline)", variant,
        Formats.f1(meanTrades(stats.sweep().baselineSweep())));
    return result(gate, variant.atLeast(gate.threshold("min_trades")) ? Status.PASS : Status.FAIL, evidence);
  }

  private static GateResult tooFewPairs(Gate gate, Comparison c) {
    return result(gate, Status.WARN, "cannot evaluate: " + c.pairs() + " usable pair(s)");
  }

  private static GateResult cohensD(Gate gate, Comparison c, EvidenceFormat f, Metric primary) {
    if (c.pairs() < 2) {
      return tooFewPairs(gate, c);
    }
    if (c.inference().isEmpty()) {
      return undefined(gate, c, primary);
    }
    Printed d = f.d(c.inference().get().cohensD());
    String evidence = String.format(Locale.ROOT, "d = %s (%s)", d, EffectSize.label(d.asPrinted()));
    return result(gate, d.atLeast(gate.threshold("min_d")) ? Status.PASS : Status.FAIL, evidence);
  }

  private static GateResult minDelta(Gate gate, Comparison c, EvidenceFormat f) {
    if (!Double.isFinite(c.meanDelta())) {
      return tooFewPairs(gate, c);
    }
    Printed delta = f.mean(c.meanDelta());
    return result(gate, delta.atLeast(gate.threshold("min_delta")) ? Status.PASS : Status.FAIL, "Δ = " + delta);
  }

  /** The variant's mean of {@code m} may exceed the baseline's by at most {@code max_increase}, as printed. */
  private static GateResult increase(Gate gate, Comparison c, Metric m, String name, Printed delta) {
    if (!delta.finite()) {
      return result(gate, Status.WARN, "cannot evaluate: no paired " + m.column());
    }
    return result(gate, delta.atMost(gate.threshold("max_increase")) ? Status.PASS : Status.FAIL, name + " = " + delta);
  }

  /** Mean BUY trades per useful fold (n_trades > 0) of a variant. */
  public static double meanTrades(VariantSweep sweep) {
    return sweep.counted().values().stream().filter(ResultRow::useful).mapToInt(ResultRow::nTrades).average()
        .orElse(Double.NaN);
  }

  private static GateResult readiness(Gate gate, Readiness.Result r) {
    String evidence = r.status() == Status.PASS
        ? String.format(Locale.ROOT, "%s complete (%d of %d sections)", r.file(), r.complete(), r.required())
        : (r.status() == Status.WARN ? "cannot evaluate: " : r.file() + " incomplete: ") + String.join(", ", r.missing());
    return result(gate, r.status(), evidence);
  }
}
