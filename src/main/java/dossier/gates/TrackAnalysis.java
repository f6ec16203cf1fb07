package dossier.gates;

import dossier.source.ResultRow;
import dossier.source.Sweeps;
import dossier.spec.Located;
import dossier.spec.TrackSpec;
import dossier.spec.TrackSpec.BranchSpec;
import dossier.DossierException;
import dossier.source.Metric;
import dossier.stats.BootstrapSettings;
import dossier.stats.BranchStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The whole analysis of a track: every branch's statistics and gates. The overall verdict is
 * LOCK when some variant of some branch clears every gate, else ABANDON.
 */
public record TrackAnalysis(GatePlan plan, Readiness.Result readiness, List<BranchAnalysis> branches) {
  public TrackAnalysis {
    branches = List.copyOf(branches);
  }

  public Verdict overall() {
    return branches.stream().anyMatch(b -> !b.locked().isEmpty()) ? Verdict.LOCK : Verdict.ABANDON;
  }

  /** The branches with a verdict, in spec order. */
  public List<BranchAnalysis> analysed() {
    return branches.stream().filter(BranchAnalysis::analysed).toList();
  }

  /**
   * Analyses a track's rows as its spec says, after checking that the spec and the data agree.
   *
   * @param source how the rows' origin is named in errors, e.g. the snapshot path
   */
  public static TrackAnalysis of(TrackSpec spec, List<ResultRow> rows, String source) {
    GatePlan plan = plan(spec);
    EvidenceFormat format = EvidenceFormat.of(spec.layout());
    List<BranchAnalysis> branches = new ArrayList<>();
    Readiness.Result gate6 = null; // read once, for the first analysed branch
    for (BranchSpec b : spec.branches()) {
      check(spec, b, rows, source);
      BranchStats stats = BranchStats.of(
          Sweeps.resolve(rows, b.factor(), b.runIds(), b.baseline().value(), b.variantNames(), b.cryptoNames(),
              FoldCheck.expected(spec, b, rows, source)),
          Metric.F1_BUY, spec.bootstrap(), plan.corrected());
      if (b.analysed()) {
        gate6 = gate6 != null ? gate6 : readiness(spec);
        branches.add(new BranchAnalysis(stats, GateEvaluator.evaluate(plan, stats, gate6, format), true));
      } else {
        branches.add(new BranchAnalysis(stats, List.of(), false));
      }
    }
    if (branches.stream().noneMatch(BranchAnalysis::analysed)) {
      throw DossierException.usage(spec.file() + ": every branch has 'analyse: false'; analyse at least one");
    }
    return new TrackAnalysis(plan, gate6, branches);
  }

  /** Gate 6: the spec's readiness file against its plan's required sections. Needs no rows. */
  public static Readiness.Result readiness(TrackSpec spec) {
    return Readiness.check(spec.readiness(), plan(spec).readinessSections());
  }

  private static GatePlan plan(TrackSpec spec) {
    return GatePlan.defaults().with(spec.gateOverrides(), spec.file()).withCriteria(spec.criteria(), spec.file());
  }

  /** One branch on any sweep, without a spec: the variants and cryptos are those of the data. */
  public static TrackAnalysis adhoc(
      List<ResultRow> rows, String source, String baseline, Metric metric, Optional<String> factor,
      Optional<String> run, BootstrapSettings bootstrap) {
    List<ResultRow> selected = rows.stream()
        .filter(r -> factor.map(r.factor()::equals).orElse(true))
        .filter(r -> run.map(r.runId()::equals).orElse(true))
        .toList();
    if (selected.isEmpty()) {
      throw new DossierException(source + ": no rows" + factor.map(f -> " for factor '" + f + "'").orElse("")
          + run.map(r -> " in run '" + r + "'").orElse(""));
    }
    Set<String> factors = selected.stream().map(ResultRow::factor).collect(Collectors.toCollection(TreeSet::new));
    if (factors.size() > 1) {
      throw DossierException.usage(source + ": rows of several factors (" + String.join(", ", factors)
          + "); choose one with --factor");
    }
    Set<String> variants = selected.stream().map(ResultRow::variant).collect(Collectors.toCollection(TreeSet::new));
    if (!variants.contains(baseline)) {
      throw DossierException.usage(String.format(Locale.ROOT, "%s: baseline '%s' has no rows (variants: %s)", source,
          baseline, String.join(", ", variants)));
    }
    List<String> ordered = new ArrayList<>();
    ordered.add(baseline);
    variants.stream().filter(v -> !v.equals(baseline)).forEach(ordered::add);
    List<String> runs = selected.stream().map(ResultRow::runId).distinct().sorted().toList();
    List<String> cryptos = selected.stream().map(ResultRow::crypto).distinct().sorted().toList();
    GatePlan plan = GatePlan.defaults();
    BranchStats stats = BranchStats.of(
        Sweeps.resolve(selected, factors.iterator().next(), runs, baseline, ordered, cryptos), metric, bootstrap,
        plan.corrected());
    Readiness.Result readiness = Readiness.check(Optional.empty(), plan.readinessSections());
    return new TrackAnalysis(plan, readiness, List.of(new BranchAnalysis(stats,
        GateEvaluator.evaluate(plan, stats, readiness), true)));
  }

  private static void check(TrackSpec spec, BranchSpec b, List<ResultRow> rows, String source) {
    // The spec's lists are built on each call: take them once, as sets, not once per row.
    Set<String> runIds = Set.copyOf(b.runIds());
    // One pass over the rows gathers what every check below needs; the checks then run in their order.
    Set<String> runsWithRows = new HashSet<>();
    Set<String> found = new TreeSet<>();
    Set<String> cryptos = new TreeSet<>();
    for (ResultRow r : rows) {
      runsWithRows.add(r.runId());
      if (!r.factor().equals(b.factor()) || !runIds.contains(r.runId())) {
        continue;
      }
      found.add(r.variant());
      cryptos.add(r.crypto());
    }
    for (Located run : b.runs()) {
      if (!runsWithRows.contains(run.value())) {
        throw new DossierException(String.format(Locale.ROOT, "%s:%d: run '%s' has no rows in %s; check the run id",
            spec.file(), run.line(), run.value(), source));
      }
    }
    if (found.isEmpty()) {
      Set<String> factors = new TreeSet<>();
      for (ResultRow r : rows) {
        if (runIds.contains(r.runId())) {
          factors.add(r.factor());
        }
      }
      throw new DossierException(String.format(Locale.ROOT, "%s: factor '%s' has no rows in run(s) %s of %s (factors there: %s)",
          spec.file(), b.factor(), String.join(", ", b.runIds()), source, String.join(", ", factors)));
    }
    for (var v : b.variants()) {
      if (!found.contains(v.name().value())) {
        boolean baseline = v.name().value().equals(b.baseline().value());
        throw new DossierException(String.format(Locale.ROOT,
            "%s:%d: %s '%s' has no rows for factor '%s' in %s (found: %s)", spec.file(),
            baseline ? b.baseline().line() : v.name().line(), baseline ? "baseline" : "variant",
            v.name().value(), b.factor(), source, String.join(", ", found)));
      }
    }
    for (Located c : b.cryptos()) {
      if (!cryptos.contains(c.value())) {
        throw new DossierException(String.format(Locale.ROOT,
            "%s:%d: crypto '%s' has no rows for factor '%s' in %s (found: %s)", spec.file(), c.line(), c.value(),
            b.factor(), source, String.join(", ", cryptos)));
      }
    }
  }
}
