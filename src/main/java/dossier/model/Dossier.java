package dossier.model;

import dossier.spec.KeyValue;
import dossier.spec.TrackSpec.Narrative;
import java.util.List;
import java.util.Optional;

/**
 * Everything a dossier template shows, numbers already formatted (see {@link
 * dossier.format.Formats}); each layout uses the part it needs. Prose written by people travels
 * as Markdown in {@code narrative}, in metadata lines that are not generated, in {@code
 * sweepRows} and in a branch's {@code intro}, {@code decision} and {@code after}.
 *
 * @param branches the analysed branches, the main one first; the others are rendered under
 *     Decisions
 * @param sweepState the sweep-state rows of the main branch and of the branches shown there only
 */
public record Dossier(
    int track,
    String title,
    String verdict,
    String plan,
    String planSection,
    List<MetaLine> metadata,
    Tldr tldr,
    List<KeyValue> sweepRows,
    List<StateRow> sweepState,
    List<BranchView> branches,
    BootstrapView bootstrap,
    Provenance provenance,
    Narrative narrative) {

  public Dossier {
    metadata = List.copyOf(metadata);
    sweepRows = List.copyOf(sweepRows);
    sweepState = List.copyOf(sweepState);
    branches = List.copyOf(branches);
  }

  /** A "Key : value" line; a generated value is plain text, a written one is Markdown. */
  public record MetaLine(String key, String value, boolean generated) {}

  /**
   * @param cryptosAgainst cryptos on which every variant is below the baseline (gate 4's rule)
   * @param cryptosFor cryptos on which every variant is above it
   * @param dMin the lowest defined Cohen's d, rounded outward; empty when none is defined
   */
  public record Tldr(
      List<String> locked,
      String hypothesis,
      int cryptosAgainst,
      int cryptosFor,
      int cryptos,
      String effectLabel,
      String dMin,
      String dMax,
      String baselineNote,
      String extra) {
    public Tldr {
      locked = List.copyOf(locked);
    }
  }

  public record BootstrapView(String resamples, String seed, String algorithm, String level) {}

  /**
   * What a reviewer needs to reproduce every figure.
   *
   * @param spec the spec's name, written on the dossier's first line for {@code dossier refresh}
   * @param source the snapshot path or the database as {@code postgresql://host:port/db}, never
   *     with credentials
   * @param rows the rows of the spec's runs and factors that were analysed
   */
  public record Provenance(String spec, String specFile, boolean database, String source, int rows, String sha256,
      String version) {}

  /**
   * A row of the sweep-state table.
   *
   * @param coverage e.g. "5 × 5", "3 cryptos × 5 folds + 2 partial", "none (3 failed attempts)"
   */
  public record StateRow(String factor, String variant, boolean baseline, int useful, boolean partial,
      String coverage, String note) {}

  public record BranchView(
      String factor,
      String label,
      String title,
      String baseline,
      String metric,
      List<String> runs,
      RunView run,
      List<VariantView> variants,
      List<String> cryptos,
      String cryptoSet,
      int folds,
      String foldIds,
      String foldNote,
      Coverage coverage,
      MeansTable means,
      List<LongRow> longMeans,
      List<AnomalyView> anomalies,
      List<TieView> ties,
      boolean baselineWinsAll,
      List<Winner> winners,
      Optional<Integer> uniformPairs,
      Optional<String> commonExclusions,
      int m,
      List<ComparisonView> comparisons,
      Direction direction,
      List<RobustnessView> robustness,
      Power power,
      List<VariantFacts> facts,
      List<GateView> gates,
      CriteriaTable criteria,
      List<VerdictView> verdicts,
      boolean uniformVerdict,
      List<String> locked,
      Lead lead,
      List<JointView> joint,
      Figures.Forest forest,
      Figures.Bars bars,
      String intro,
      String decision,
      String after) {}

  /**
   * The rows a branch's runs logged.
   *
   * @param expected cryptos × folds × variants
   * @param failures failed cells, e.g. "UNIUSDC fold 3 of off (training_failed)"
   */
  public record RunView(String ids, String status, int rows, int expected, int retries, int useful, int cryptos,
      int folds, int variants, List<String> failures) {}

  public record VariantView(String name, String params) {}

  /** {@code formula} such as "5 × 5 × 5". */
  public record Coverage(String formula, int expected, int useful, boolean full) {}

  public record MeansTable(List<String> variants, List<MeansRow> rows) {}

  public record MeansRow(String crypto, List<String> values) {}

  /** A row of the long per-crypto table: f1, sortino, return, trades, ECE, each possibly "⚠"-marked. */
  public record LongRow(String crypto, String variant, List<String> values) {}

  /**
   * An anomaly as the footnote under the per-crypto table states it.
   *
   * @param constant for a metric that reads one value on every row: the variants, the value and
   *     how many rows; otherwise {@code text} says it all
   */
  public record AnomalyView(boolean constant, String metric, List<String> variants, String value, int rows,
      String text) {}

  /**
   * Two completed attempts of a cell with the same created_at, decided by the later run id.
   *
   * @param cell e.g. "OPUSDC fold 2"
   * @param createdAt as ISO-8601 UTC, e.g. 2026-04-29T12:05:00Z
   */
  public record TieView(String variant, String cell, String createdAt, String counted, String other) {}

  /**
   * Among the variants that lock, those with the highest mean Δ as printed (several when they tie),
   * and the others' printed mean Δ: one value of a factor is locked, and the numbers favour these.
   *
   * @param variants empty when no variant locks
   * @param others the locking variants that do not lead, each with its printed mean Δ
   */
  public record Lead(List<String> variants, String delta, List<LockedDelta> others) {
    public Lead {
      variants = List.copyOf(variants);
      others = List.copyOf(others);
    }
  }

  public record LockedDelta(String variant, String delta) {}

  /** The variant with the highest mean of a crypto, as printed; several when they tie. */
  public record Winner(String crypto, List<String> variants) {
    public Winner {
      variants = List.copyOf(variants);
    }
  }

  /**
   * One variant's result as the sentences state it: where its CI95 lies against 0, how many cryptos
   * it moves either way, and the gates it fails or cannot pass. The templates choose their words by
   * these facts, never by the numbers' text.
   *
   * @param side {@code above} or {@code below} (the CI95 excludes 0 on that side), {@code across}
   *     (it includes 0) or {@code undefined} (d, p and the CI are undefined)
   * @param d Cohen's d, signed, 2 decimals; empty when undefined
   * @param improved cryptos whose mean Δ prints above 0; {@code regressed}: below 0
   * @param failed the gates it fails, e.g. "2 (Joint metric)"; {@code warned}: those that are ⚠
   */
  public record VariantFacts(String variant, String verdict, String side, String d, String effectLabel,
      int improved, int regressed, int cryptos, List<String> failed, List<String> warned) {
    public VariantFacts {
      failed = List.copyOf(failed);
      warned = List.copyOf(warned);
    }
  }

  /**
   * @param effectLabel empty when d is undefined
   * @param undefined why d, p and the CI are n/a: "spread" (the deltas are all equal), "pairs"
   *     (fewer than 2), or empty when they are defined; the footnote's words are the template's
   */
  public record ComparisonView(
      String variant, int pairs, String meanDelta, String ciLow, String ciHigh, String cohensD, String effectLabel,
      String pRaw, String pBh, List<String> excluded, String sortinoDelta, String returnDelta,
      String cohensD2, String ci3, boolean ciExcludesZero, String undefined) {}

  /**
   * How the CIs of a branch sit against 0, for the sentence under the paired table: {@code
   * straddling} counts the CIs that include 0, {@code undefined} the variants without one.
   *
   * @param weakestD the Cohen's d closest to 0, rounded towards 0 so that "every |d| ≥ it" holds; with
   *     one comparison, its d as the paired table prints it
   * @param maxBh the largest BH-adjusted p of the branch
   */
  public record Direction(int below, int above, int straddling, int undefined, String weakestD, String weakestLabel,
      String maxBh, int correctedBelow, int correctedAbove, String maxCorrectedP, List<String> correctedAcross) {
    public Direction {
      correctedAcross = List.copyOf(correctedAcross);
    }
  }

  /**
   * A variant's fold-corrected figures ({@link dossier.stats.Robustness}) as the Robustness table
   * prints them; {@code undefined} is why they are n/a, "none" (no pair at all), "pair" (a crypto
   * with a single pair) or "spread" (SE 0), and empty when they are defined; the footnote's words
   * are the template's.
   *
   * @param ci3 "[a, b]" with 3 decimals (gate-decision layout); {@code ciLow}, {@code ciHigh}: 4
   * @param pBetter the posterior P(Δ > +g)
   * @param mde MDE80, a lift: 4 decimals in both layouts, as mean Δ is and as the power sentence
   *     under the table gives it
   */
  public record RobustnessView(String variant, String p, String ciLow, String ciHigh, String ci3, String pBetter,
      String mde, String undefined) {}

  /**
   * The facts of the sentence under the Robustness table: what lift the sweep can see.
   *
   * @param rope g, gate 1's threshold, as the plan writes it ({@code +0.015})
   * @param defined variants with corrected figures; {@code detectable}: those whose MDE80, as
   *     printed, is at most g
   * @param mdeMin the smallest MDE80 over the defined variants (4 decimals); {@code mdeMax} the
   *     largest; {@code powerMin}, {@code powerMax}: the power at +g, 2 decimals
   * @param rule whether gate 1 asks for the corrected interval at {@code familyLevel} % (a plan setting)
   */
  public record Power(String rope, int defined, int detectable, String mdeMin, String mdeMax, String powerMin,
      String powerMax, boolean rule, String familyLevel, int m, String ratio, boolean defaultRatio) {}

  /**
   * @param counts e.g. FAIL × 4, in the order PASS, FAIL, ⚠
   * @param moot a secondary gate after every variant failed the primary one
   */
  public record GateView(int number, String label, String shortName, String evidence, List<CountView> counts,
      boolean moot) {}

  public record CountView(String label, int count) {}

  /** Criterion × variant: each cell ✅/❌/⚠ with its evidence, or the moot note. */
  public record CriteriaTable(List<String> variants, List<CriterionRow> rows) {}

  public record CriterionRow(String label, List<String> cells) {}

  public record VerdictView(String variant, int failed, int warned, int gates, String verdict) {}

  public record JointView(String variant, String expectancy, String sortino, String maxDrawdown) {}
}
