package dossier.model;

import dossier.spec.KeyValue;
import dossier.spec.TrackSpec.Narrative;
import java.util.List;
import java.util.Optional;

/**
 * Everything a dossier template shows, numbers already formatted (see {@link
 * dossier.format.Formats}). Prose written by people travels as Markdown in {@code narrative},
 * {@code metadata} lines that are not generated, and {@code sweepRows}.
 */
public record ResultsDossier(
    int track,
    String title,
    String verdict,
    String plan,
    String planSection,
    List<MetaLine> metadata,
    Tldr tldr,
    List<KeyValue> sweepRows,
    List<BranchView> branches,
    BootstrapView bootstrap,
    Narrative narrative) {

  public ResultsDossier {
    metadata = List.copyOf(metadata);
    sweepRows = List.copyOf(sweepRows);
    branches = List.copyOf(branches);
  }

  /** A "Key : value" line; a generated value is plain text, a written one is Markdown. */
  public record MetaLine(String key, String value, boolean generated) {}

  /**
   * @param allRegress every variant's CI lies below 0
   * @param cryptosAgainst cryptos on which every variant is below the baseline
   */
  public record Tldr(
      List<String> locked,
      boolean allRegress,
      String hypothesis,
      int cryptosAgainst,
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

  public record BranchView(
      String factor,
      String label,
      String baseline,
      String metric,
      List<VariantView> variants,
      List<String> cryptos,
      String cryptoSet,
      int folds,
      String foldNote,
      Coverage coverage,
      MeansTable means,
      boolean baselineWinsAll,
      List<Winner> winners,
      Optional<Integer> uniformPairs,
      int m,
      List<ComparisonView> comparisons,
      Direction direction,
      List<GateView> gates,
      List<VerdictView> verdicts,
      boolean uniformVerdict,
      List<JointView> joint) {}

  public record VariantView(String name, String params) {}

  /** {@code formula} such as "5 × 5 × 5". */
  public record Coverage(String formula, int expected, int useful, boolean full) {}

  public record MeansTable(List<String> variants, List<MeansRow> rows) {}

  public record MeansRow(String crypto, List<String> values) {}

  public record Winner(String crypto, String variant) {}

  public record ComparisonView(
      String variant, int pairs, String meanDelta, String ciLow, String ciHigh, String cohensD, String effectLabel,
      String pRaw, String pBh, List<String> excluded) {}

  /**
   * How the CIs of a branch sit against 0, for the sentence under the paired table.
   *
   * @param weakestD the Cohen's d closest to 0, rounded towards 0 so that "every |d| ≥ it" holds
   * @param maxBh the largest BH-adjusted p of the branch
   */
  public record Direction(int below, int above, int straddling, String weakestD, String weakestLabel, String maxBh) {}

  /** @param counts e.g. FAIL × 4, in the order PASS, FAIL, ⚠ */
  public record GateView(int number, String label, String evidence, List<CountView> counts) {}

  public record CountView(String label, int count) {}

  public record VerdictView(String variant, int failed, int warned, int gates, String verdict) {}

  public record JointView(String variant, String expectancy, String sortino, String maxDrawdown) {}
}
