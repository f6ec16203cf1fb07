package dossier.model;

import dossier.format.Formats;
import dossier.gates.BranchAnalysis;
import dossier.gates.EvidenceFormat;
import dossier.gates.GateKind;
import dossier.gates.GatePlan;
import dossier.gates.GatePlan.Gate;
import dossier.gates.GateResult;
import dossier.gates.Printed;
import dossier.gates.Status;
import dossier.gates.VariantVerdict;
import dossier.model.Dossier.CountView;
import dossier.model.Dossier.CriteriaTable;
import dossier.model.Dossier.CriterionRow;
import dossier.model.Dossier.GateView;
import dossier.source.Metric;

import dossier.gates.GateEvaluator;
import dossier.stats.BranchStats;
import dossier.stats.Comparison;
import dossier.stats.CryptoSummary;
import java.util.ArrayList;

import java.util.List;
import java.util.Locale;

/**
 * One row per gate of the branch's gate table: the gate with its thresholds, the evidence across
 * all variants in one cell, and the verdicts counted ("FAIL × 4").
 */
final class GateSummaries {
  private GateSummaries() {}

  /** @param format the layout's precision, on which "with CI95 excluding 0" is read */
  static List<GateView> of(GatePlan plan, BranchAnalysis analysis, EvidenceFormat format) {
    List<GateView> out = new ArrayList<>();
    for (Gate gate : plan.gates()) {
      List<GateResult> results = analysis.verdicts().stream().map(v -> v.gates().get(gate.number() - 1)).toList();
      boolean moot = gate.secondary() && !analysis.verdicts().isEmpty() && analysis.verdicts().stream()
          .allMatch(v -> v.gates().stream().anyMatch(r -> r.kind() == GateKind.F1_LIFT && r.status() == Status.FAIL));
      out.add(new GateView(gate.number(), label(gate, analysis.stats()), shortName(gate, analysis.stats()),
          evidence(gate, analysis, results, format), counts(results), moot));
    }
    return out;
  }

  /**
   * Criterion × variant, for the gate-decision layout: ✅/❌/⚠ and the evidence in each cell; a
   * secondary criterion after a failed primary gate says it is moot.
   */
  static CriteriaTable criteria(GatePlan plan, BranchAnalysis analysis) {
    List<String> variants = analysis.verdicts().stream().map(VariantVerdict::variant).toList();
    List<CriterionRow> rows = new ArrayList<>();
    for (Gate gate : plan.gates()) {
      List<String> cells = new ArrayList<>();
      for (VariantVerdict v : analysis.verdicts()) {
        GateResult r = v.gates().get(gate.number() - 1);
        boolean primaryFailed = v.gates().stream()
            .anyMatch(g -> g.kind() == GateKind.F1_LIFT && g.status() == Status.FAIL);
        if (gate.secondary() && primaryFailed) {
          cells.add("(not analysed — moot given " + analysis.stats().primary().column() + " gate fail)");
        } else {
          cells.add(symbol(r.status()) + " " + r.evidence());
        }
      }
      rows.add(new CriterionRow(label(gate, analysis.stats()), cells));
    }
    return new CriteriaTable(variants, rows);
  }

  static String symbol(Status s) {
    return switch (s) {
      case PASS -> "✅";
      case FAIL -> "❌";
      case WARN -> "⚠";
    };
  }

  static String label(Gate gate, BranchStats stats) {
    String metric = stats.primary().column();
    String metricName = metric.substring(0, 1).toUpperCase(Locale.ROOT) + metric.substring(1);
    int cryptos = stats.sweep().cryptos().size();
    return switch (gate.kind()) {
      case F1_LIFT -> String.format(Locale.ROOT, "%s lift ≥ %s with CI95 excluding 0", metricName,
          Formats.plainSigned(gate.threshold("min_delta")));
      case JOINT -> String.format(Locale.ROOT, "Joint metric (Δexpectancy ≥ %s AND Δsortino ≥ %s AND Δmax_drawdown ≤ %s %%)",
          Formats.plain(gate.threshold("min_expectancy")), Formats.plain(gate.threshold("min_sortino")),
          Formats.plainSigned(gate.threshold("max_drawdown")));
      case STABILITY -> String.format(Locale.ROOT, "Stability — per-fold %s variance ≤ %s", metric,
          Formats.plain(gate.threshold("max_variance")));
      case PER_ASSET -> GateEvaluator.requiredCryptos(gate, cryptos) > cryptos
          ? String.format(Locale.ROOT, "Per-asset — %s improves on ≥ %d cryptos (the sweep has %d)", metric,
              GateEvaluator.requiredCryptos(gate, cryptos), cryptos)
          : String.format(Locale.ROOT, "Per-asset — %s improves on ≥ %d/%d cryptos", metric,
              GateEvaluator.requiredCryptos(gate, cryptos), cryptos);
      case SAMPLE_SIZE -> String.format(Locale.ROOT, "Sample size — ≥ %s BUY trades / fold",
          Formats.plain(gate.threshold("min_trades")));
      case READINESS -> "MLOps readiness";
      case COHENS_D -> "Cohen's d ≥ " + Formats.plain(gate.threshold("min_d"));
      case MIN_DELTA -> String.format(Locale.ROOT, "Story-specific Δ %s ≥ %s", metric,
          Formats.plainSigned(gate.threshold("min_delta")));
      case ECE -> "ECE ≤ baseline + " + Formats.plain(gate.threshold("max_increase"));
      case MAX_DRAWDOWN -> "max_drawdown ≤ baseline + " + Formats.plain(gate.threshold("max_increase")) + " %";
    };
  }

  /** The gate's name without its thresholds, for the gate list of a further branch. */
  static String shortName(Gate gate, BranchStats stats) {
    String metric = stats.primary().column();
    return switch (gate.kind()) {
      case F1_LIFT -> metric.substring(0, 1).toUpperCase(Locale.ROOT) + metric.substring(1) + " lift";
      case JOINT -> "Joint metric";
      case STABILITY -> "Stability";
      case PER_ASSET -> "Per-asset";
      case SAMPLE_SIZE -> "Sample size";
      case READINESS -> "MLOps readiness";
      case COHENS_D -> "Cohen's d";
      case MIN_DELTA -> "Story-specific Δ";
      case ECE -> "ECE";
      case MAX_DRAWDOWN -> "max_drawdown";
    };
  }

  static List<CountView> counts(List<GateResult> results) {
    List<CountView> out = new ArrayList<>();
    for (Status s : Status.values()) {
      int n = (int) results.stream().filter(r -> r.status() == s).count();
      if (n > 0) {
        out.add(new CountView(statusLabel(s), n));
      }
    }
    return out;
  }

  static String statusLabel(Status s) {
    return s == Status.WARN ? "⚠ WARN" : s.name();
  }

  private static String evidence(Gate gate, BranchAnalysis analysis, List<GateResult> results,
      EvidenceFormat format) {
    BranchStats stats = analysis.stats();
    List<Comparison> cs = stats.comparisons();
    int n = cs.size();
    boolean anyWarn = results.stream().anyMatch(r -> r.status() == Status.WARN);
    if (anyWarn || n == 0) {
      return perVariant(analysis.verdicts(), gate.number());
    }
    return switch (gate.kind()) {
      case F1_LIFT -> {
        double lo = cs.stream().mapToDouble(Comparison::meanDelta).min().orElseThrow();
        double hi = cs.stream().mapToDouble(Comparison::meanDelta).max().orElseThrow();
        boolean allBelow = cs.stream().allMatch(c -> Sides.below(c, format));
        boolean allAbove = cs.stream().allMatch(c -> Sides.above(c, format));
        // One range for the row only when it decides alike for every variant: a Δ under the lift
        // beside one above it is read per variant, with its own figures.
        boolean alike = results.stream().map(GateResult::status).distinct().count() == 1;
        if ((allBelow || allAbove) && alike) {
          // Every CI95 above 0 and every variant FAIL: the only way is a Δ short of the lift, so
          // the summary says so, or it reads as a pass beside FAIL.
          boolean shortOfLift = allAbove && results.get(0).status() == Status.FAIL;
          String where = allBelow ? " in the WRONG direction"
              : shortOfLift ? ", but below the " + Formats.plainSigned(gate.threshold("min_delta")) + " lift" : "";
          // Variants tied as printed have one figure, not a range from it to itself.
          yield n == 1 ? String.format(Locale.ROOT, "Δ = %s with CI95 excluding 0%s", Formats.f4(lo), where)
              : Formats.f4(lo).equals(Formats.f4(hi))
                  ? String.format(Locale.ROOT, "every variant: Δ = %s with CI95 excluding 0%s", Formats.f4(lo), where)
                  : String.format(Locale.ROOT, "every variant ∈ [%s, %s] with CI95 excluding 0%s", Formats.f4(lo),
                      Formats.f4(hi), where);
        }
        yield perVariant(analysis.verdicts(), gate.number());
      }
      case JOINT -> {
        // Counted as gate 2 decides, on each component as printed: "below the threshold", which
        // is "negative" for the plan's thresholds of 0.
        List<String> parts = new ArrayList<>();
        count(parts, cs, "Δexpectancy " + below(gate.threshold("min_expectancy")),
            c -> !GateEvaluator.expectancyOk(gate, Printed.signed(c.meanDelta(Metric.EXPECTANCY_NET), 1)));
        count(parts, cs, "Δsortino " + below(gate.threshold("min_sortino")),
            c -> !GateEvaluator.sortinoOk(gate, Printed.signed(c.meanDelta(Metric.SORTINO), 2)));
        count(parts, cs, "Δmax_dd > " + Formats.plain(gate.threshold("max_drawdown")) + " %",
            c -> !GateEvaluator.drawdownOk(gate, Printed.signed(c.meanDelta(Metric.MAX_DRAWDOWN), 2)));
        yield parts.isEmpty() ? "every component within its threshold on " + describeAll(n) : String.join(" ; ", parts);
      }
      case STABILITY -> {
        Metric m = stats.primary();
        String best = "";
        double worst = Double.NEGATIVE_INFINITY;
        for (Comparison c : cs) {
          for (CryptoSummary s : stats.summaries(c.variant())) {
            if (Double.isFinite(s.variance(m)) && s.variance(m) > worst) {
              worst = s.variance(m);
              best = c.variant() + " on " + s.crypto();
            }
          }
        }
        yield String.format(Locale.ROOT, "max variance %s (%s)", Formats.f3(worst), best);
      }
      case PER_ASSET -> {
        int cryptos = stats.sweep().cryptos().size();
        boolean same = cs.stream().map(Comparison::improvedCryptos).distinct().count() == 1;
        yield same
            ? String.format(Locale.ROOT, "%d/%d improve on %s, sign test p = %s", cs.get(0).improvedCryptos(), cryptos,
                n == 1 ? "the variant" : "every variant", Formats.p(cs.get(0).signP()))
            : perVariant(analysis.verdicts(), gate.number());
      }
      case SAMPLE_SIZE -> {
        double[] means = stats.sweep().compared().stream().mapToDouble(GateEvaluator::meanTrades).toArray();
        double lo = java.util.Arrays.stream(means).min().orElseThrow();
        double hi = java.util.Arrays.stream(means).max().orElseThrow();
        String range = Formats.f1(lo).equals(Formats.f1(hi)) ? Formats.f1(lo) : Formats.f1(lo) + "–" + Formats.f1(hi);
        yield String.format(Locale.ROOT, "mean n_trades %s (vs %s baseline)", range,
            Formats.f1(GateEvaluator.meanTrades(stats.sweep().baselineSweep())));
      }
      case READINESS -> results.get(0).evidence();
      case COHENS_D, MIN_DELTA, ECE, MAX_DRAWDOWN -> perVariant(analysis.verdicts(), gate.number());
    };
  }

  private static String below(double threshold) {
    return threshold == 0 ? "negative" : "below " + Formats.plainSigned(threshold);
  }

  private static void count(List<String> parts, List<Comparison> cs, String what,
      java.util.function.Predicate<Comparison> failing) {
    long k = cs.stream().filter(failing).count();
    if (k == cs.size()) {
      parts.add(what + " on " + describeAll(cs.size()));
    } else if (k > 0) {
      parts.add(String.format(Locale.ROOT, "%s on %d/%d", what, k, cs.size()));
    }
  }

  private static String describeAll(int n) {
    return switch (n) {
      case 1 -> "the variant";
      case 2 -> "both variants";
      default -> "all " + n + " variants";
    };
  }

  private static String perVariant(List<VariantVerdict> verdicts, int number) {
    List<String> parts = new ArrayList<>();
    for (VariantVerdict v : verdicts) {
      parts.add(v.variant() + ": " + v.gates().get(number - 1).evidence());
    }
    return String.join(" ; ", parts);
  }

}
