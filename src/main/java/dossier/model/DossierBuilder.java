package dossier.model;

import dossier.DossierException;
import dossier.format.Formats;
import dossier.gates.BranchAnalysis;
import dossier.gates.GateKind;
import dossier.gates.GatePlan;
import dossier.gates.GatePlan.Gate;
import dossier.gates.Readiness;
import dossier.gates.Status;
import dossier.gates.TrackAnalysis;
import dossier.gates.Verdict;
import dossier.gates.VariantVerdict;
import dossier.model.ResultsDossier.BootstrapView;
import dossier.model.ResultsDossier.BranchView;
import dossier.model.ResultsDossier.ComparisonView;
import dossier.model.ResultsDossier.Coverage;
import dossier.model.ResultsDossier.Direction;
import dossier.model.ResultsDossier.JointView;
import dossier.model.ResultsDossier.MeansRow;
import dossier.model.ResultsDossier.MeansTable;
import dossier.model.ResultsDossier.MetaLine;
import dossier.model.ResultsDossier.Tldr;
import dossier.model.ResultsDossier.VariantView;
import dossier.model.ResultsDossier.VerdictView;
import dossier.model.ResultsDossier.Winner;
import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.spec.KeyValue;
import dossier.spec.TrackSpec;
import dossier.spec.TrackSpec.BranchSpec;
import dossier.spec.TrackSpec.VariantSpec;
import dossier.stats.Bootstrap;
import dossier.stats.BranchStats;
import dossier.stats.Comparison;
import dossier.stats.CryptoSummary;
import dossier.stats.EffectSize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Builds the model of a dossier from a spec and its analysis: the facts, formatted. */
public final class DossierBuilder {
  /** Metadata keys whose value the tool writes when the spec leaves it empty. */
  static final List<String> GENERATED_KEYS = List.of("MLOps readiness", "FTF run");

  private DossierBuilder() {}

  public static ResultsDossier build(TrackSpec spec, TrackAnalysis analysis, List<ResultRow> rows) {
    List<BranchView> branches = new ArrayList<>();
    for (int i = 0; i < spec.branches().size(); i++) {
      branches.add(branch(spec.branches().get(i), analysis.plan(), analysis.branches().get(i)));
    }
    BranchAnalysis first = analysis.branches().get(0);
    return new ResultsDossier(
        spec.track(), spec.title(), analysis.overall().name(), analysis.plan().plan(), analysis.plan().section(),
        metadata(spec, analysis, rows), tldr(spec, first), spec.sweepRows(), branches,
        new BootstrapView(Formats.grouped(spec.bootstrap().resamples()), Long.toString(spec.bootstrap().seed()),
            Bootstrap.ALGORITHM, Formats.plain(spec.bootstrap().level() * 100)),
        spec.narrative());
  }

  static List<MetaLine> metadata(TrackSpec spec, TrackAnalysis analysis, List<ResultRow> rows) {
    List<MetaLine> out = new ArrayList<>();
    out.add(new MetaLine("Date", spec.date(), true));
    out.add(new MetaLine("Story", spec.story(), false));
    out.add(new MetaLine("Track", String.format(Locale.ROOT, "%d of %s — %s", spec.track(), spec.plan(),
        spec.planSubject()), true));
    List<String> pending = new ArrayList<>(GENERATED_KEYS);
    for (KeyValue kv : spec.metadata()) {
      if (!kv.value().isBlank()) {
        out.add(new MetaLine(kv.key(), kv.value(), false));
      } else if (pending.remove(kv.key())) {
        out.add(new MetaLine(kv.key(), generated(kv.key(), spec, analysis, rows), true));
      } else {
        throw DossierException.usage(String.format(Locale.ROOT,
            "%s: metadata '%s' is empty; only %s are filled in by the tool", spec.file(), kv.key(),
            String.join(" and ", GENERATED_KEYS)));
      }
    }
    for (String key : pending) {
      out.add(new MetaLine(key, generated(key, spec, analysis, rows), true));
    }
    return out;
  }

  private static String generated(String key, TrackSpec spec, TrackAnalysis analysis, List<ResultRow> rows) {
    if (key.equals("MLOps readiness")) {
      Readiness.Result r = analysis.readiness();
      return switch (r.status()) {
        case PASS -> String.format(Locale.ROOT, "%s — %d sections complete", r.file(), r.complete());
        case FAIL -> String.format(Locale.ROOT, "%s — incomplete: %s", r.file(), String.join(", ", r.missing()));
        case WARN -> "⚠ " + String.join(", ", r.missing());
      };
    }
    List<String> runs = new ArrayList<>();
    for (String run : spec.branches().get(0).runIds()) {
      List<ResultRow> of = rows.stream().filter(r -> r.runId().equals(run)).toList();
      long errors = of.stream().filter(r -> !r.completed()).count();
      runs.add(String.format(Locale.ROOT, "%s — %d rows, %d errors, status=%s", run, of.size(), errors,
          errors == 0 ? "completed" : "failed"));
    }
    return String.join(" ; ", runs);
  }

  static Tldr tldr(TrackSpec spec, BranchAnalysis b) {
    List<String> locked = b.locked();
    List<Comparison> cs = b.stats().comparisons();
    boolean allRegress = !cs.isEmpty() && cs.stream().allMatch(c -> c.ciHigh() < 0);
    List<String> cryptos = b.stats().sweep().cryptos();
    int against = (int) cryptos.stream()
        .filter(crypto -> cs.stream().allMatch(c -> c.perCryptoDelta().get(crypto) < 0))
        .count();
    double dMin = cs.stream().mapToDouble(Comparison::cohensD).min().orElse(Double.NaN);
    double dMax = cs.stream().mapToDouble(Comparison::cohensD).max().orElse(Double.NaN);
    double weakest = Math.abs(dMin) < Math.abs(dMax) ? dMin : dMax;
    VariantSpec baseline = spec.branches().get(0).variants().get(0);
    return new Tldr(locked, allRegress, spec.narrative().hypothesis(), against, cryptos.size(),
        EffectSize.label(weakest), Formats.f1Outward(dMin, true), Formats.f1Outward(dMax, false), baseline.note().orElse(""),
        spec.narrative().tldr());
  }

  static BranchView branch(BranchSpec bs, GatePlan plan, BranchAnalysis analysis) {
    BranchStats stats = analysis.stats();
    Metric metric = stats.primary();
    List<String> variants = bs.variantNames();
    int folds = stats.sweep().folds().size();
    int expected = variants.size() * stats.sweep().expectedCells();
    int useful = stats.sweep().variants().stream().mapToInt(v -> v.useful()).sum();
    Coverage coverage = new Coverage(String.format(Locale.ROOT, "%d × %d × %d", variants.size(),
        stats.sweep().cryptos().size(), folds), expected, useful, useful == expected);

    List<MeansRow> rows = new ArrayList<>();
    List<Winner> winners = new ArrayList<>();
    for (int i = 0; i < stats.sweep().cryptos().size(); i++) {
      String crypto = stats.sweep().cryptos().get(i);
      List<String> values = new ArrayList<>();
      String best = null;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (String v : variants) {
        double mean = stats.summaries(v).get(i).mean(metric);
        values.add(Formats.f4(mean));
        if (mean > bestValue) {
          bestValue = mean;
          best = v;
        }
      }
      rows.add(new MeansRow(crypto, values));
      winners.add(new Winner(crypto, best == null ? Formats.NA : best));
    }
    boolean baselineWinsAll = winners.stream().allMatch(w -> w.variant().equals(bs.baseline().value()));

    List<Comparison> cs = stats.comparisons();
    Optional<Integer> uniformPairs = cs.stream().map(Comparison::pairs).distinct().count() == 1
        && cs.stream().allMatch(c -> c.excluded().isEmpty()) ? Optional.of(cs.get(0).pairs()) : Optional.empty();
    List<ComparisonView> comparisons = cs.stream().map(DossierBuilder::comparison).toList();

    double weakest = cs.stream().map(Comparison::cohensD).filter(Double::isFinite)
        .min(Comparator.comparingDouble(Math::abs)).orElse(Double.NaN);
    double maxBh = cs.stream().mapToDouble(Comparison::pBh).filter(Double::isFinite).max().orElse(Double.NaN);
    Direction direction = new Direction(
        (int) cs.stream().filter(c -> c.ciHigh() < 0).count(),
        (int) cs.stream().filter(c -> c.ciLow() > 0).count(),
        (int) cs.stream().filter(c -> !(c.ciHigh() < 0) && !(c.ciLow() > 0)).count(),
        Formats.f1Outward(weakest, weakest > 0), EffectSize.label(weakest), Formats.p(maxBh));

    List<VerdictView> verdicts = new ArrayList<>();
    for (VariantVerdict v : analysis.verdicts()) {
      verdicts.add(new VerdictView(v.variant(), (int) v.count(Status.FAIL), (int) v.count(Status.WARN),
          v.gates().size(), v.verdict().name()));
    }
    boolean uniformVerdict = verdicts.stream().map(v -> v.failed() + "/" + v.warned() + "/" + v.verdict())
        .distinct().count() == 1;

    Gate jointGate = plan.gates().stream().filter(g -> g.kind() == GateKind.JOINT).findFirst().orElseThrow();
    List<JointView> joint = cs.stream().map(c -> joint(c, jointGate)).toList();
    return new BranchView(bs.factor(), bs.label(), bs.baseline().value(), metric.column(),
        bs.variants().stream().map(v -> new VariantView(v.name().value(), v.params().orElse(""))).toList(),
        bs.cryptoNames(), bs.cryptoSet().orElse(""), folds, bs.foldNote().orElse(""), coverage,
        new MeansTable(variants, rows), baselineWinsAll, winners, uniformPairs, cs.size(), comparisons, direction,
        GateSummaries.of(plan, analysis), verdicts, uniformVerdict, joint);
  }

  static ComparisonView comparison(Comparison c) {
    List<String> excluded = c.excluded().stream().map(e -> e.cell() + ": " + e.reason()).toList();
    return new ComparisonView(c.variant(), c.pairs(), Formats.f4(c.meanDelta()), Formats.f4(c.ciLow()),
        Formats.f4(c.ciHigh()), Formats.f3(c.cohensD()), EffectSize.label(c.cohensD()), Formats.p(c.pRaw()),
        Formats.p(c.pBh()), excluded);
  }

  /** The joint-metric components with ✓ where the component clears the joint gate's threshold. */
  private static JointView joint(Comparison c, Gate gate) {
    double e = c.meanDelta(Metric.EXPECTANCY_NET);
    double s = c.meanDelta(Metric.SORTINO);
    double m = c.meanDelta(Metric.MAX_DRAWDOWN);
    return new JointView(c.variant(),
        mark(Formats.signed1(e), e >= gate.threshold("min_expectancy"), e),
        mark(Formats.signed2(s), s >= gate.threshold("min_sortino"), s),
        mark(Formats.signed2(m), m <= gate.threshold("max_drawdown"), m));
  }

  private static String mark(String value, boolean ok, double raw) {
    if (!Double.isFinite(raw)) {
      return value + " ⚠";
    }
    return value + (ok ? " ✓" : " ✗");
  }
}
