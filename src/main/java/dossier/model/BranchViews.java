package dossier.model;

import dossier.format.Formats;
import dossier.gates.BranchAnalysis;
import dossier.gates.EvidenceFormat;
import dossier.gates.GateEvaluator;
import dossier.gates.GateKind;
import dossier.gates.GatePlan;
import dossier.gates.GateResult;
import dossier.gates.GatePlan.Gate;
import dossier.gates.Printed;
import dossier.gates.Status;
import dossier.gates.VariantVerdict;
import dossier.model.Dossier.AnomalyView;
import dossier.model.Dossier.BranchView;
import dossier.model.Dossier.ComparisonView;
import dossier.model.Dossier.Coverage;
import dossier.model.Dossier.Direction;
import dossier.model.Dossier.JointView;
import dossier.model.Dossier.Lead;
import dossier.model.Dossier.LockedDelta;
import dossier.model.Dossier.LongRow;
import dossier.model.Dossier.MeansRow;
import dossier.model.Dossier.MeansTable;
import dossier.model.Dossier.Power;
import dossier.model.Dossier.RobustnessView;
import dossier.model.Dossier.TieView;
import dossier.model.Dossier.RunView;
import dossier.model.Dossier.StateRow;
import dossier.model.Dossier.VariantFacts;
import dossier.model.Dossier.VariantView;
import dossier.model.Dossier.VerdictView;
import dossier.model.Dossier.Winner;
import dossier.source.BranchSweep;
import dossier.source.Metric;
import dossier.source.VariantSweep;
import dossier.spec.TrackSpec.BranchSpec;
import dossier.spec.TrackSpec.VariantSpec;
import dossier.stats.Anomaly;
import dossier.stats.BranchStats;
import dossier.stats.Comparison;
import dossier.stats.CryptoSummary;
import dossier.stats.EffectSize;
import dossier.stats.Robustness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The view of one branch: its tables and the facts of the sentences around them, formatted. */
final class BranchViews {
  /** The columns of the long per-crypto table, in order. */
  static final List<Metric> LONG_COLUMNS =
      List.of(Metric.F1_BUY, Metric.SORTINO, Metric.TOTAL_RETURN, Metric.N_TRADES, Metric.ECE);

  private BranchViews() {}

  /**
   * @param figures the stem of the branch's figure files, e.g. {@code img/track6}
   * @param format the layout's precision: where a CI lies against 0 is read on its bounds as printed
   */
  static BranchView of(BranchSpec bs, GatePlan plan, BranchAnalysis analysis, String figures, EvidenceFormat format) {
    BranchStats stats = analysis.stats();
    BranchSweep sweep = stats.sweep();
    Metric metric = stats.primary();
    List<String> variants = bs.variantNames();
    int folds = sweep.foldsPerCrypto();
    int expected = variants.size() * sweep.expectedCells();
    int useful = sweep.variants().stream().mapToInt(VariantSweep::useful).sum();
    Coverage coverage = new Coverage(String.format(Locale.ROOT, "%d × %d × %d", variants.size(),
        sweep.cryptos().size(), folds), expected, useful, useful == expected);

    List<MeansRow> means = new ArrayList<>();
    List<Winner> winners = new ArrayList<>();
    for (int i = 0; i < sweep.cryptos().size(); i++) {
      String crypto = sweep.cryptos().get(i);
      List<String> values = new ArrayList<>();
      for (String v : variants) {
        values.add(Formats.f4(stats.summaries(v).get(i).mean(metric)));
      }
      means.add(new MeansRow(crypto, values));
      winners.add(new Winner(crypto, highest(variants, values)));
    }
    // The baseline wins a crypto when it alone has the highest mean as printed: a tie is no win.
    boolean baselineWinsAll = winners.stream().allMatch(w -> w.variants().equals(List.of(bs.baseline().value())));

    List<Comparison> cs = stats.comparisons();
    Optional<Integer> uniformPairs = cs.stream().map(Comparison::pairs).distinct().count() == 1
        ? Optional.of(cs.get(0).pairs()) : Optional.empty();
    Optional<String> commonExclusions = cs.stream().map(c -> exclusions(c)).distinct().count() == 1
        && !cs.get(0).excluded().isEmpty() ? Optional.of(exclusions(cs.get(0))) : Optional.empty();

    // Over the defined d's and p's only: an undefined one has no size to compare.
    double weakest = cs.stream().map(Comparison::cohensD).filter(OptionalDouble::isPresent)
        .map(OptionalDouble::getAsDouble).min((a, b) -> Double.compare(Math.abs(a), Math.abs(b))).orElse(Double.NaN);
    double maxBh = cs.stream().map(Comparison::pBh).filter(OptionalDouble::isPresent)
        .mapToDouble(OptionalDouble::getAsDouble).max().orElse(Double.NaN);
    // The strength of the evidence rests on the fold-corrected test: its CI95 against 0, its largest p.
    double maxCorrected = cs.stream().flatMap(c -> c.robustness().stream()).mapToDouble(Robustness::p).max()
        .orElse(Double.NaN);
    Direction direction = new Direction(
        (int) cs.stream().filter(c -> Sides.below(c, format)).count(),
        (int) cs.stream().filter(c -> Sides.above(c, format)).count(),
        (int) cs.stream().filter(c -> c.undefined().isEmpty() && !Sides.below(c, format) && !Sides.above(c, format))
            .count(),
        (int) cs.stream().filter(c -> c.undefined().isPresent()).count(),
        // One d is given as its table prints it; several are bounded by the weakest, rounded towards 0.
        cs.size() == 1 && !Double.isNaN(weakest) ? format.d(weakest).toString() : Formats.f1Outward(weakest, weakest > 0),
        label(weakest, format), Formats.p(maxBh),
        (int) cs.stream().filter(c -> Sides.correctedBelow(c, format)).count(),
        (int) cs.stream().filter(c -> Sides.correctedAbove(c, format)).count(),
        Formats.p(maxCorrected),
        cs.stream().filter(c -> !Sides.correctedBelow(c, format) && !Sides.correctedAbove(c, format))
            .map(Comparison::variant).toList());

    List<VerdictView> verdicts = new ArrayList<>();
    for (VariantVerdict v : analysis.verdicts()) {
      verdicts.add(new VerdictView(v.variant(), (int) v.count(Status.FAIL), (int) v.count(Status.WARN),
          v.gates().size(), v.verdict().name()));
    }
    boolean uniformVerdict = verdicts.stream().map(v -> v.failed() + "/" + v.warned() + "/" + v.verdict())
        .distinct().count() == 1;

    List<VariantFacts> facts = analysis.verdicts().stream()
        .map(v -> facts(v, cs.stream().filter(c -> c.variant().equals(v.variant())).findFirst().orElseThrow(), plan,
            stats, format))
        .toList();

    Gate jointGate = plan.gates().stream().filter(g -> g.kind() == GateKind.JOINT).findFirst().orElseThrow();
    return new BranchView(bs.factor(), bs.label(), bs.title().orElse(bs.label()), bs.baseline().value(),
        metric.column(), bs.runIds(), run(sweep), variantViews(bs), bs.cryptoNames(), bs.cryptoSet().orElse(""),
        folds, sweep.foldIds(), bs.foldNote().orElse(""), coverage, new MeansTable(variants, means), longMeans(stats, variants),
        anomalies(stats), ties(stats), baselineWinsAll, winners, uniformPairs, commonExclusions, cs.size(),
        cs.stream().map(c -> comparison(c, format)).toList(), direction,
        cs.stream().map(BranchViews::robustness).toList(), power(cs, plan, folds), facts, GateSummaries.of(plan, analysis, format),
        GateSummaries.criteria(plan, analysis), verdicts, uniformVerdict, analysis.locked(),
        lead(analysis.locked(), cs),
        cs.stream().map(c -> joint(c, jointGate)).toList(),
        FigureBuilder.forest(figures + "-forest.svg", stats, plan, bs.baseline().value(), analysis.clearsLift(),
            format),
        FigureBuilder.bars(figures + "-crypto.svg", stats, variants), bs.intro(), bs.decision(), bs.after());
  }

  /** The locking variants with the highest mean Δ as printed, and the other locking ones. */
  static Lead lead(List<String> locked, List<Comparison> cs) {
    // Mean Δ as the paired tables print it (4 decimals in both layouts): a tie there is a tie here.
    List<String> printed = locked.stream().map(v -> cs.stream().filter(c -> c.variant().equals(v)).findFirst()
        .map(c -> Formats.f4(c.meanDelta())).orElseThrow()).toList();
    List<String> leaders = highest(locked, printed);
    List<LockedDelta> others = new ArrayList<>();
    for (int i = 0; i < locked.size(); i++) {
      if (!leaders.contains(locked.get(i))) {
        others.add(new LockedDelta(locked.get(i), printed.get(i)));
      }
    }
    return new Lead(leaders, leaders.isEmpty() ? "" : printed.get(locked.indexOf(leaders.get(0))), others);
  }

  /** The variants whose mean, as printed, is the highest of the row: one, or several tied. */
  static List<String> highest(List<String> variants, List<String> printed) {
    java.math.BigDecimal best = null;
    List<String> out = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      if (printed.get(i).equals(Formats.NA)) {
        continue;
      }
      java.math.BigDecimal value = new java.math.BigDecimal(printed.get(i));
      int order = best == null ? 1 : value.compareTo(best);
      if (order > 0) {
        best = value;
        out.clear();
      }
      if (order >= 0) {
        out.add(variants.get(i));
      }
    }
    return out;
  }

  /**
   * What the sentences say of one variant: its CI95 against 0, the cryptos it moves each way (the
   * rule of gate 4: a mean Δ that prints above or below 0), and the gates it fails or cannot pass.
   */
  static VariantFacts facts(VariantVerdict v, Comparison c, GatePlan plan, BranchStats stats, EvidenceFormat format) {
    String side = c.undefined().isPresent() ? "undefined"
        : Sides.above(c, format) ? "above" : Sides.below(c, format) ? "below" : "across";
    List<String> cryptos = stats.sweep().cryptos();
    int improved = (int) cryptos.stream().filter(c::improves).count();
    int regressed = (int) cryptos.stream().filter(c::regresses).count();
    List<String> failed = new ArrayList<>();
    List<String> warned = new ArrayList<>();
    for (GateResult r : v.gates()) {
      Gate gate = plan.gates().get(r.number() - 1);
      String name = r.number() + " (" + GateSummaries.shortName(gate, stats) + ")";
      if (r.status() == Status.FAIL) {
        failed.add(name);
      } else if (r.status() == Status.WARN) {
        warned.add(name);
      }
    }
    String d = c.cohensD().isPresent() ? Formats.signed2(c.cohensD().getAsDouble()) : "";
    String label = c.cohensD().isPresent() ? label(c.cohensD().getAsDouble(), format) : "";
    return new VariantFacts(v.variant(), v.verdict().name(), side, d, label, improved, regressed, cryptos.size(),
        failed, warned);
  }

  /**
   * Sawilowsky's label of a Cohen's d as the layout prints it (3 decimals, or 2): a d of 0.4975
   * prints 0.50, which is medium (≥ 0.5), so it is not called small beside it.
   */
  static String label(double d, EvidenceFormat format) {
    return Double.isFinite(d) ? EffectSize.label(format.d(d).asPrinted()) : EffectSize.label(d);
  }

  private static List<VariantView> variantViews(BranchSpec bs) {
    return bs.variants().stream().map(v -> new VariantView(v.name().value(), v.params().orElse(""))).toList();
  }

  private static String exclusions(Comparison c) {
    return String.join("; ", c.excluded().stream().map(e -> e.cell() + ": " + e.reason()).toList());
  }

  private static RunView run(BranchSweep sweep) {
    List<String> failures = new ArrayList<>();
    for (VariantSweep v : sweep.variants()) {
      v.failedCells().forEach((cell, status) -> failures.add(cell + " of " + v.variant() + " (" + status + ")"));
    }
    int useful = sweep.variants().stream().mapToInt(VariantSweep::usefulAttempts).sum();
    int retries = sweep.variants().stream().mapToInt(VariantSweep::retries).sum();
    return new RunView(String.join(", ", sweep.runIds()), sweep.failedAttempts() == 0 ? "completed" : "failed",
        sweep.rowsRead(), sweep.variants().size() * sweep.expectedCells(), retries, useful, sweep.cryptos().size(),
        sweep.foldsPerCrypto(), sweep.variants().size(), failures);
  }

  /** The sweep-state rows of a branch: useful attempts and coverage per variant. */
  static List<StateRow> state(BranchSpec bs, BranchAnalysis analysis) {
    BranchSweep sweep = analysis.stats().sweep();
    List<StateRow> out = new ArrayList<>();
    for (VariantSpec vs : bs.variants()) {
      VariantSweep v = sweep.variant(vs.name().value());
      int folds = sweep.foldsPerCrypto();
      Map<String, Integer> perCrypto = new LinkedHashMap<>();
      sweep.cryptos().forEach(c -> perCrypto.put(c, 0));
      v.counted().keySet().forEach(cell -> perCrypto.merge(cell.crypto(), 1, Integer::sum));
      // Each crypto against its own folds: their ids, and without a spec their number, may differ.
      long full = perCrypto.entrySet().stream().filter(e -> e.getValue() >= sweep.folds(e.getKey()).size()).count();
      long partial = perCrypto.entrySet().stream()
          .filter(e -> e.getValue() > 0 && e.getValue() < sweep.folds(e.getKey()).size()).count();
      String coverage;
      if (full == sweep.cryptos().size()) {
        coverage = String.format(Locale.ROOT, "%d × %d", full, folds);
      } else if (full + partial == 0) {
        coverage = "none";
      } else if (full == 0) {
        coverage = partial + " partial crypto" + (partial == 1 ? "" : "s");
      } else {
        coverage = String.format(Locale.ROOT, "%d cryptos × %d folds", full, folds)
            + (partial > 0 ? " + " + partial + " partial" : "");
      }
      if (v.retries() > 0) {
        coverage += " + " + v.retries() + (v.retries() == 1 ? " retry" : " retries");
      }
      if (v.failedAttempts() > 0) {
        coverage += String.format(Locale.ROOT, " (%d failed attempt%s)", v.failedAttempts(),
            v.failedAttempts() == 1 ? "" : "s");
      }
      out.add(new StateRow(bs.factor(), v.variant(), v.variant().equals(sweep.baseline()), v.usefulAttempts(),
          partial > 0 || (full > 0 && full < sweep.cryptos().size()), coverage, vs.coverageNote().orElse("")));
    }
    return out;
  }

  /** The long per-crypto table; a value computed from a spoiled metric is marked ⚠. */
  private static List<LongRow> longMeans(BranchStats stats, List<String> variants) {
    List<LongRow> out = new ArrayList<>();
    for (int i = 0; i < stats.sweep().cryptos().size(); i++) {
      String crypto = stats.sweep().cryptos().get(i);
      for (String v : variants) {
        CryptoSummary s = stats.summaries(v).get(i);
        List<String> values = new ArrayList<>();
        for (Metric m : LONG_COLUMNS) {
          String value = switch (m) {
            case F1_BUY, ECE -> Formats.f4(s.mean(m));
            case SORTINO -> Formats.f3(s.mean(m));
            case TOTAL_RETURN -> Formats.signed2(s.mean(m));
            default -> Formats.integer(s.mean(m));
          };
          boolean spoiled = stats.anomalies().stream().anyMatch(a -> a.variant().equals(v) && a.spoils(m)
              && a.cells().stream().anyMatch(c -> c.crypto().equals(crypto)));
          values.add(spoiled ? value + " ⚠" : value);
        }
        out.add(new LongRow(crypto, v, values));
      }
    }
    return out;
  }

  /** Constant-metric anomalies grouped by metric and value; the others one by one. */
  private static List<AnomalyView> anomalies(BranchStats stats) {
    Map<String, List<Anomaly>> constant = new LinkedHashMap<>();
    List<AnomalyView> out = new ArrayList<>();
    for (Anomaly a : stats.anomalies()) {
      if (a.kind() == Anomaly.Kind.CONSTANT) {
        String key = a.metric().orElseThrow().column() + "=" + Double.doubleToRawLongBits(a.value());
        constant.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
      }
    }
    constant.values().forEach(group -> out.add(new AnomalyView(true, group.get(0).metric().orElseThrow().column(),
        group.stream().map(Anomaly::variant).toList(), Formats.plain(group.get(0).value()),
        group.stream().mapToInt(a -> a.cells().size()).sum(), "")));
    stats.anomalies().stream().filter(a -> a.kind() != Anomaly.Kind.CONSTANT)
        .forEach(a -> out.add(new AnomalyView(false, a.metric().map(Metric::column).orElse(""), List.of(a.variant()),
            "", a.cells().size(), a.summary())));
    return out;
  }

  private static List<TieView> ties(BranchStats stats) {
    return stats.sweep().ties().stream().map(t -> new TieView(t.variant(), t.cell().toString(),
        t.createdAt().toString(), t.counted(), t.other())).toList();
  }

  static ComparisonView comparison(Comparison c, EvidenceFormat format) {
    List<String> excluded = c.excluded().stream().map(e -> e.cell() + ": " + e.reason()).toList();
    boolean excludesZero = Sides.below(c, format) || Sides.above(c, format);
    String ci3 = c.inference().isPresent() ? "[" + Formats.f3(c.ciLow()) + ", " + Formats.f3(c.ciHigh()) + "]"
        : Formats.NA;
    return new ComparisonView(c.variant(), c.pairs(), Formats.f4(c.meanDelta()), Formats.f4(c.ciLow()),
        Formats.f4(c.ciHigh()), Formats.f3(c.cohensD()),
        c.cohensD().isPresent() ? label(c.cohensD().getAsDouble(), format) : "", Formats.p(c.pRaw()),
        Formats.p(c.pBh()), excluded, Formats.f3(c.meanDelta(Metric.SORTINO)),
        Formats.signed2(c.meanDelta(Metric.TOTAL_RETURN)), Formats.f2(c.cohensD()), ci3, excludesZero,
        c.undefined().map(u -> u == Comparison.Undefined.NO_SPREAD ? "spread" : "pairs").orElse(""));
  }

  static RobustnessView robustness(Comparison c) {
    Optional<Robustness> r = c.robustness();
    if (r.isEmpty()) {
      return new RobustnessView(c.variant(), Formats.NA, Formats.NA, Formats.NA, Formats.NA, Formats.NA, Formats.NA,
          switch (c.corrected().undefined().orElseThrow()) {
            case NO_PAIRS -> "none";
            case ONE_PAIR_CRYPTO -> "pair";
            case NO_SPREAD -> "spread";
          });
    }
    Robustness x = r.get();
    return new RobustnessView(c.variant(), Formats.p(x.p()), Formats.f4(x.ciLow()), Formats.f4(x.ciHigh()),
        "[" + Formats.f3(x.ciLow()) + ", " + Formats.f3(x.ciHigh()) + "]", Formats.probability(x.pBetter()),
        Formats.f4(x.mde80()), "");
  }

  /** What lift the sweep can see: MDE80 and power at gate 1's threshold over the variants with figures. */
  static Power power(List<Comparison> cs, GatePlan plan, int folds) {
    Gate lift = plan.gates().stream().filter(g -> g.kind() == GateKind.F1_LIFT).findFirst().orElseThrow();
    double g = lift.threshold("min_delta");
    List<Robustness> rs = cs.stream().flatMap(c -> c.robustness().stream()).toList();
    double mdeMin = rs.stream().mapToDouble(Robustness::mde80).min().orElse(Double.NaN);
    double mdeMax = rs.stream().mapToDouble(Robustness::mde80).max().orElse(Double.NaN);
    double powerMin = rs.stream().mapToDouble(Robustness::power).min().orElse(Double.NaN);
    double powerMax = rs.stream().mapToDouble(Robustness::power).max().orElse(Double.NaN);
    // Detectable as printed: an MDE80 that reads 0.0150 meets a gate of +0.015.
    int detectable = (int) rs.stream().filter(r -> Printed.of(r.mde80(), 4).atMost(g)).count();
    // 1 − 0.05/m in percent: 98.75 for m = 4, 98.33 for m = 3.
    String level = Formats.upTo3(100 - 5.0 / Math.max(1, cs.size()));
    Robustness.Settings settings = plan.corrected();
    return new Power(Formats.plainSigned(g), rs.size(), detectable, Formats.f4(mdeMin), Formats.f4(mdeMax),
        Formats.f2(powerMin), Formats.f2(powerMax), lift.threshold("corrected") != 0, level, cs.size(),
        Formats.upTo3(settings.ratio(folds)), Double.isNaN(settings.ratio()));
  }

  /**
   * The joint-metric components with ✓ where the component clears the joint gate's threshold,
   * decided as gate 2 decides, on the figure printed.
   */
  private static JointView joint(Comparison c, Gate gate) {
    Printed e = Printed.signed(c.meanDelta(Metric.EXPECTANCY_NET), 1);
    Printed s = Printed.signed(c.meanDelta(Metric.SORTINO), 2);
    Printed m = Printed.signed(c.meanDelta(Metric.MAX_DRAWDOWN), 2);
    return new JointView(c.variant(), mark(e, p -> GateEvaluator.expectancyOk(gate, p)),
        mark(s, p -> GateEvaluator.sortinoOk(gate, p)), mark(m, p -> GateEvaluator.drawdownOk(gate, p)));
  }

  private static String mark(Printed value, java.util.function.Predicate<Printed> ok) {
    if (!value.finite()) {
      return value + " ⚠";
    }
    return value + (ok.test(value) ? " ✓" : " ✗");
  }

}
