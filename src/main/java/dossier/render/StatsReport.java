package dossier.render;

import dossier.format.Formats;
import dossier.gates.BranchAnalysis;
import dossier.gates.GateKind;
import dossier.gates.GateResult;
import dossier.gates.TrackAnalysis;
import dossier.gates.VariantVerdict;
import dossier.source.BranchSweep;
import dossier.source.Cell;
import dossier.source.Metric;
import dossier.stats.Anomaly;
import dossier.source.VariantSweep;
import dossier.stats.BranchStats;
import dossier.stats.Comparison;
import dossier.stats.CryptoSummary;
import dossier.stats.Robustness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/** The analysis as data: {@code dossier stats --format json}, full precision, and a text table. */
public final class StatsReport {
  private StatsReport() {}

  public static String json(String track, String source, TrackAnalysis analysis) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("track", track);
    root.put("source", source);
    root.put("verdict", analysis.overall().name());
    List<Object> branches = new ArrayList<>();
    for (BranchAnalysis b : analysis.branches()) {
      branches.add(branch(b));
    }
    root.put("branches", branches);
    return Json.write(root);
  }

  private static Map<String, Object> branch(BranchAnalysis b) {
    BranchStats s = b.stats();
    BranchSweep sweep = s.sweep();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("factor", sweep.factor());
    out.put("analysed", b.analysed());
    out.put("runs", sweep.runIds());
    out.put("baseline", sweep.baseline());
    out.put("metric", s.primary().column());
    out.put("rows", sweep.rowsRead());
    out.put("failed_attempts", sweep.failedAttempts());
    Map<String, Object> bootstrap = new LinkedHashMap<>();
    bootstrap.put("resamples", s.bootstrap().resamples());
    bootstrap.put("seed", s.bootstrap().seed());
    bootstrap.put("level", s.bootstrap().level());
    bootstrap.put("rng", dossier.stats.Bootstrap.ALGORITHM);
    out.put("bootstrap", bootstrap);
    List<Object> coverage = new ArrayList<>();
    for (VariantSweep v : sweep.variants()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("variant", v.variant());
      c.put("attempts", v.attempts());
      c.put("counted", v.counted().size());
      c.put("useful", v.useful());
      c.put("retries", v.retries());
      c.put("failed_attempts", v.failedAttempts());
      c.put("per_crypto", perCrypto(s.summaries(v.variant()), s));
      coverage.add(c);
    }
    out.put("sweep", coverage);
    List<Object> anomalies = new ArrayList<>();
    for (Anomaly a : s.anomalies()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("kind", a.kind().name());
      x.put("variant", a.variant());
      x.put("metric", a.metric().map(Metric::column).orElse(null));
      x.put("rows", a.cells().size());
      x.put("cells", Cell.describe(a.cells()));
      x.put("summary", a.summary());
      anomalies.add(x);
    }
    out.put("anomalies", anomalies);
    List<Object> ties = new ArrayList<>();
    for (dossier.source.Tie t : sweep.ties()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("variant", t.variant());
      x.put("cell", t.cell().toString());
      x.put("created_at", t.createdAt().toString());
      x.put("counted_run", t.counted());
      x.put("set_aside_run", t.other());
      ties.add(x);
    }
    out.put("ties", ties);
    List<Object> variants = new ArrayList<>();
    // A branch shown only in the sweep state has no verdicts to report.
    for (int i = 0; i < b.verdicts().size(); i++) {
      variants.add(variant(s.comparisons().get(i), b.verdicts().get(i)));
    }
    out.put("variants", variants);
    return out;
  }

  private static List<Object> perCrypto(List<CryptoSummary> summaries, BranchStats s) {
    List<Object> out = new ArrayList<>();
    for (CryptoSummary c : summaries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("crypto", c.crypto());
      m.put("folds", c.folds());
      m.put("mean", metricMap(c.mean()));
      m.put("variance_" + s.primary().column(), c.variance(s.primary()));
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> metricMap(Map<Metric, Double> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k.column(), v));
    return out;
  }

  private static Map<String, Object> variant(Comparison c, VariantVerdict v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("variant", c.variant());
    out.put("n_pairs", c.pairs());
    out.put("mean_delta", c.meanDelta());
    out.put("ci_low", c.ciLow());
    out.put("ci_high", c.ciHigh());
    out.put("cohens_d", c.cohensD());
    out.put("p_raw", c.pRaw());
    out.put("p_bh", c.pBh());
    // Why ci, d and p are null; null when they are defined.
    out.put("undefined", c.undefined().map(u -> u.reason(c.primary())).orElse(null));
    out.putAll(corrected(c));
    out.put("mean_deltas", metricMap(c.meanDeltas()));
    out.put("per_crypto_delta", new LinkedHashMap<String, Object>(c.perCryptoDelta()));
    // Cryptos whose mean Δ, rounded to the 4 decimals the dossier prints, is above 0 (gate 4's count).
    out.put("improved_cryptos", c.improvedCryptos());
    List<Object> excluded = new ArrayList<>();
    c.excluded().forEach(e -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("crypto", e.cell().crypto());
      x.put("fold", e.cell().fold());
      x.put("reason", e.reason());
      excluded.add(x);
    });
    out.put("excluded", excluded);
    List<Object> gates = new ArrayList<>();
    for (GateResult g : v.gates()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("number", g.number());
      x.put("gate", g.kind().id());
      x.put("status", g.status().name());
      x.put("evidence", g.evidence());
      if (g.kind() == GateKind.PER_ASSET) {
        x.put("sign_p", c.signP());
      }
      gates.add(x);
    }
    out.put("gates", gates);
    out.put("verdict", v.verdict().name());
    return out;
  }

  /**
   * The fold-corrected figures ({@link Robustness}) as {@code corrected}, {@code posterior} and
   * {@code power}: each figure null when they are undefined, {@code corrected.undefined} saying why.
   */
  private static Map<String, Object> corrected(Comparison c) {
    Optional<Robustness> r = c.robustness();
    Map<String, Object> corrected = new LinkedHashMap<>();
    corrected.put("se", figure(r, Robustness::se));
    corrected.put("df", r.map(x -> (Object) x.df()).orElse(null));
    corrected.put("t", figure(r, Robustness::t));
    corrected.put("p", figure(r, Robustness::p));
    corrected.put("ci_low", figure(r, Robustness::ciLow));
    corrected.put("ci_high", figure(r, Robustness::ciHigh));
    corrected.put("ci_low_family", figure(r, Robustness::ciLowFamily));
    corrected.put("ci_high_family", figure(r, Robustness::ciHighFamily));
    corrected.put("undefined", c.corrected().undefined().map(Robustness.Undefined::words).orElse(null));
    Map<String, Object> posterior = new LinkedHashMap<>();
    posterior.put("p_better", figure(r, Robustness::pBetter));
    posterior.put("p_rope", figure(r, Robustness::pRope));
    posterior.put("p_worse", figure(r, Robustness::pWorse));
    Map<String, Object> power = new LinkedHashMap<>();
    power.put("at", figure(r, Robustness::powerAt));
    power.put("power", figure(r, Robustness::power));
    power.put("mde80", figure(r, Robustness::mde80));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("corrected", corrected);
    out.put("posterior", posterior);
    out.put("power", power);
    return out;
  }

  private static OptionalDouble figure(Optional<Robustness> r, ToDoubleFunction<Robustness> f) {
    return r.map(x -> OptionalDouble.of(f.applyAsDouble(x))).orElse(OptionalDouble.empty());
  }

  /** A terminal table: one line per variant. */
  public static String text(String track, String source, TrackAnalysis analysis) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%s (%s): %s%n", track, source, analysis.overall()));
    for (BranchAnalysis b : analysis.analysed()) {
      BranchStats s = b.stats();
      out.append(String.format(Locale.ROOT, "%nfactor %s, baseline %s, metric %s%n", s.sweep().factor(),
          s.sweep().baseline(), s.primary().column()));
      out.append(String.format(Locale.ROOT, "%-20s %4s %9s %9s %9s %8s %10s %10s  %s%n", "variant", "n", "mean_d",
          "ci_low", "ci_high", "d", "p_raw", "p_bh", "gates → verdict"));
      for (int i = 0; i < s.comparisons().size(); i++) {
        Comparison c = s.comparisons().get(i);
        VariantVerdict v = b.verdicts().get(i);
        StringBuilder gates = new StringBuilder();
        v.gates().forEach(g -> gates.append(g.status().name().charAt(0)));
        // Formats prints an undefined or non-finite figure as n/a, never NaN or Infinity.
        out.append(String.format(Locale.ROOT, "%-20s %4d %9s %9s %9s %8s %10s %10s  %s → %s%n",
            c.variant(), c.pairs(), Formats.f4(c.meanDelta()), Formats.f4(c.ciLow()), Formats.f4(c.ciHigh()),
            Formats.f3(c.cohensD()), Formats.p(c.pRaw()), Formats.p(c.pBh()), gates, v.verdict()));
      }
    }
    return out.toString();
  }
}
