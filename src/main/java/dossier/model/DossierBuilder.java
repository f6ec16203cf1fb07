package dossier.model;

import dossier.DossierException;
import dossier.ToolVersion;
import dossier.model.Dossier.Provenance;
import dossier.source.RowsDigest;
import dossier.format.Formats;
import dossier.gates.BranchAnalysis;
import dossier.gates.EvidenceFormat;
import dossier.gates.Readiness;
import dossier.gates.TrackAnalysis;
import dossier.model.Dossier.BootstrapView;
import dossier.model.Dossier.BranchView;
import dossier.model.Dossier.MetaLine;
import dossier.model.Dossier.StateRow;
import dossier.model.Dossier.Tldr;
import dossier.source.ResultRow;
import dossier.spec.KeyValue;
import dossier.spec.TrackSpec;
import dossier.spec.TrackSpec.BranchSpec;
import dossier.spec.TrackSpec.Layout;
import dossier.spec.TrackSpec.VariantSpec;
import dossier.stats.Bootstrap;
import dossier.stats.Comparison;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the model of a dossier from a spec and its analysis: the facts, formatted. */
public final class DossierBuilder {
  /** Metadata keys whose value the tool writes when the spec leaves it empty. */
  static final List<String> GENERATED_KEYS =
      List.of("Date", "Story", "Track", "MLOps readiness", "FTF run", "Sweep run_id", "Verdict");

  private DossierBuilder() {}

  /**
   * @param rows every row read from the source
   * @param provenance the footer's facts: {@link #provenance} of the same rows
   */
  public static Dossier build(TrackSpec spec, TrackAnalysis analysis, List<ResultRow> rows, Provenance provenance) {
    List<BranchView> branches = new ArrayList<>();
    List<StateRow> state = new ArrayList<>();
    boolean main = true;
    for (int i = 0; i < spec.branches().size(); i++) {
      BranchSpec bs = spec.branches().get(i);
      BranchAnalysis ba = analysis.branches().get(i);
      if (ba.analysed()) {
        // Figures are named after the spec, not the output file, so --out does not rename them.
        String figures = "img/" + spec.name() + (branches.isEmpty() ? "" : "-branch-" + (i + 1));
        branches.add(BranchViews.of(bs, analysis.plan(), ba, figures, EvidenceFormat.of(spec.layout())));
      }
      // The sweep state covers the main branch and the branches shown there only; a further
      // analysed branch states its own run under Decisions.
      if (!ba.analysed() || main) {
        state.addAll(BranchViews.state(bs, ba));
      }
      main &= !ba.analysed();
    }
    // The first analysed branch, found by position: indexOf would compare whole analyses (record
    // equals, down to the rows), bootstrapping an equals method for every record type on the way.
    int firstIndex = 0;
    while (!analysis.branches().get(firstIndex).analysed()) {
      firstIndex++;
    }
    BranchAnalysis first = analysis.branches().get(firstIndex);
    BranchSpec firstSpec = spec.branches().get(firstIndex);
    return new Dossier(
        spec.track(), spec.title(), analysis.overall().name(), analysis.plan().plan(), analysis.plan().section(),
        metadata(spec, analysis, rows, firstSpec, first), tldr(spec, firstSpec, first), spec.sweepRows(), state,
        branches,
        new BootstrapView(Formats.grouped(spec.bootstrap().resamples()), Long.toString(spec.bootstrap().seed()),
            Bootstrap.ALGORITHM, Formats.plain(spec.bootstrap().level() * 100)),
        provenance,
        spec.narrative());
  }

  /**
   * The footer's facts: the rows the spec analyses, counted and hashed.
   *
   * @param rows every row read from the source
   * @param source where they came from, as {@link Dossier.Provenance#source()} says it
   * @param database whether the source is a database rather than a snapshot
   */
  public static Provenance provenance(TrackSpec spec, List<ResultRow> rows, String source, boolean database) {
    // The runs of each factor the spec analyses, taken once rather than once per row.
    Map<String, Set<String>> runsOfFactor = new HashMap<>();
    spec.branches().forEach(b -> runsOfFactor.computeIfAbsent(b.factor(), f -> new HashSet<>()).addAll(b.runIds()));
    List<ResultRow> used = rows.stream()
        .filter(r -> runsOfFactor.getOrDefault(r.factor(), Set.of()).contains(r.runId()))
        .toList();
    return new Provenance(spec.name(), spec.file(), database, source, used.size(), RowsDigest.sha256(used),
        ToolVersion.get());
  }

  /**
   * The "Key : value" lines: the spec's, in its order, with empty values filled in by the tool,
   * and the layout's generated lines that the spec does not place put at their usual place.
   */
  static List<MetaLine> metadata(
      TrackSpec spec, TrackAnalysis analysis, List<ResultRow> rows, BranchSpec bs, BranchAnalysis ba) {
    boolean results = spec.layout() == Layout.RESULTS;
    List<String> front = results ? List.of("Date", "Story", "Track") : List.of("Story", "Date");
    List<String> back = results ? List.of("MLOps readiness", "FTF run") : List.of("Sweep run_id", "Verdict");
    List<String> placed = spec.metadata().stream().map(KeyValue::key).toList();
    List<MetaLine> out = new ArrayList<>();
    front.stream().filter(k -> !placed.contains(k))
        .forEach(k -> out.add(generated(k, spec, analysis, rows, bs, ba)));
    for (KeyValue kv : spec.metadata()) {
      if (!kv.value().isBlank()) {
        out.add(new MetaLine(kv.key(), kv.value(), false));
      } else if (GENERATED_KEYS.contains(kv.key())) {
        out.add(generated(kv.key(), spec, analysis, rows, bs, ba));
      } else {
        throw DossierException.usage(String.format(Locale.ROOT,
            "%s: metadata '%s' is empty; only %s are filled in by the tool", spec.file(), kv.key(),
            String.join(", ", GENERATED_KEYS)));
      }
    }
    back.stream().filter(k -> !placed.contains(k))
        .forEach(k -> out.add(generated(k, spec, analysis, rows, bs, ba)));
    return out;
  }

  private static MetaLine generated(
      String key, TrackSpec spec, TrackAnalysis analysis, List<ResultRow> rows, BranchSpec bs, BranchAnalysis ba) {
    return switch (key) {
      case "Date" -> new MetaLine(key, spec.date(), true);
      // The story is written by people (it may hold links), so it stays Markdown.
      case "Story" -> new MetaLine(key, spec.story(), false);
      case "Track" -> new MetaLine(key, String.format(Locale.ROOT, "%d of %s — %s", spec.track(), spec.plan(),
          spec.planSubject()), true);
      case "MLOps readiness" -> new MetaLine(key, readiness(analysis.readiness()), true);
      case "FTF run" -> new MetaLine(key, bs.runIds().stream().map(run -> runLine(run, rows))
          .collect(Collectors.joining(" ; ")), true);
      case "Sweep run_id" -> new MetaLine(key, String.join(", ", bs.runIds()), true);
      // Its words are the template's (macro verdictSummary), chosen by the branch's facts.
      case "Verdict" -> new MetaLine(key, "", true);
      default -> throw new IllegalArgumentException(key);
    };
  }

  private static String readiness(Readiness.Result r) {
    return switch (r.status()) {
      case PASS -> String.format(Locale.ROOT, "%s — %d sections complete", r.file(), r.complete());
      case FAIL -> String.format(Locale.ROOT, "%s — incomplete: %s", r.file(), String.join(", ", r.missing()));
      case WARN -> "⚠ " + String.join(", ", r.missing());
    };
  }

  private static String runLine(String run, List<ResultRow> rows) {
    List<ResultRow> of = rows.stream().filter(r -> r.runId().equals(run)).toList();
    long errors = of.stream().filter(r -> !r.completed()).count();
    return String.format(Locale.ROOT, "%s — %d rows, %d errors, status=%s", run, of.size(), errors,
        errors == 0 ? "completed" : "failed");
  }

  /** Cryptos on which every variant improves (gate 4's rule). */
  static int cryptosFor(BranchAnalysis b) {
    List<Comparison> cs = b.stats().comparisons();
    return (int) b.stats().sweep().cryptos().stream()
        .filter(crypto -> cs.stream().allMatch(c -> c.improves(crypto)))
        .count();
  }

  /** Cryptos on which every variant regresses (gate 4's rule). */
  static int cryptosAgainst(BranchAnalysis b) {
    List<Comparison> cs = b.stats().comparisons();
    return (int) b.stats().sweep().cryptos().stream()
        .filter(crypto -> cs.stream().allMatch(c -> c.regresses(crypto)))
        .count();
  }

  static Tldr tldr(TrackSpec spec, BranchSpec bs, BranchAnalysis b) {
    List<Comparison> cs = b.stats().comparisons();
    // The d range spans the defined d's only; with none, it is not stated (empty).
    double[] ds = cs.stream().map(Comparison::cohensD).filter(OptionalDouble::isPresent)
        .mapToDouble(OptionalDouble::getAsDouble).toArray();
    String dMin = "";
    String dMax = "";
    String label = "";
    if (ds.length > 0) {
      double lo = Arrays.stream(ds).min().getAsDouble();
      double hi = Arrays.stream(ds).max().getAsDouble();
      // Several d's are bounded by a range rounded outward; one d is its own figure, as the paired
      // table prints it, not a range of one.
      EvidenceFormat format = EvidenceFormat.of(spec.layout());
      dMin = ds.length == 1 ? format.d(lo).toString() : Formats.f1Outward(lo, true);
      dMax = ds.length == 1 ? dMin : Formats.f1Outward(hi, false);
      label = BranchViews.label(Math.abs(lo) < Math.abs(hi) ? lo : hi, format);
    }
    VariantSpec baseline = bs.variants().get(0);
    return new Tldr(b.locked(), spec.narrative().hypothesis(), cryptosAgainst(b), cryptosFor(b),
        b.stats().sweep().cryptos().size(), label, dMin, dMax, baseline.note().orElse(""), spec.narrative().tldr());
  }
}
