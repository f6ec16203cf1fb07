package dossier.sample;

import static dossier.sample.Construction.microsOf;
import static dossier.sample.Construction.pattern;

import dossier.source.ResultRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Track 6 focal-loss sweep: 5 variants × 5 cryptos × 5 folds, every attempt completed.
 *
 * <p>Its figures are those of the team's hand-written Track 6 results page: per-crypto mean
 * f1_buy to the last digit, Cohen's d_z of the paired deltas to 3 decimals, bootstrap CI and
 * paired t p close to the page, the joint-metric means exactly, the stability maximum on
 * class_balanced × OPUSDC, and the trade counts. Values are built in micro-units (see
 * {@link Construction}); the fold-level noise is only what the page constrains plus a fixed,
 * hand-chosen shape per cell.
 */
final class Track6 {
  static final String RUN_ID = "ftf_20260429_121011_282ec7_ATR0.5_1.5_H4";
  static final String FACTOR = "focal_loss";
  static final List<String> VARIANTS = List.of("none", "mild_focus", "standard", "aggressive_focus", "class_balanced");
  static final List<String> CRYPTOS = List.of("AAVEUSDC", "ARBUSDC", "LDOUSDC", "OPUSDC", "UNIUSDC");
  static final int FOLDS = 5;

  // The run id's own time; attempts finish one after another from there, 110 s to 190 s apart.
  private static final Instant START = Instant.parse("2026-04-29T12:10:11Z");
  private static final long TIMELINE_SEED = 0x282ec7L;

  // ---- f1_buy -------------------------------------------------------------------------------

  /** Mean f1_buy over the 5 folds, [variant][crypto], as printed on the page. */
  private static final long[][] F1_MEANS = {
    microsOf("0.4560", "0.4417", "0.3892", "0.3679", "0.4330"),
    microsOf("0.3951", "0.3911", "0.3165", "0.3095", "0.3270"),
    microsOf("0.3541", "0.3592", "0.2910", "0.2986", "0.3517"),
    microsOf("0.3658", "0.3569", "0.3238", "0.2947", "0.3487"),
    microsOf("0.3845", "0.3620", "0.3053", "0.2772", "0.3311"),
  };

  /** Cohen's d_z of the paired f1_buy deltas per variant (index 0, the baseline, unused). */
  private static final double[] COHENS_DZ = {Double.NaN, -1.541, -1.510, -1.598, -1.240};

  /**
   * Fold effects shared by every variant of a crypto (a fold that is hard is hard for all), so
   * they cancel in the paired deltas; they alone make the baseline's fold spread.
   */
  private static final long[][] FOLD_EFFECTS = {
    pattern("0.041", "-0.028", "0.012", "-0.053", "0.028"),
    pattern("-0.036", "0.022", "0.047", "-0.018", "-0.015"),
    pattern("0.058", "-0.041", "-0.009", "0.033", "-0.041"),
    pattern("-0.062", "0.035", "0.048", "-0.044", "0.023"),
    pattern("0.019", "0.052", "-0.047", "0.008", "-0.032"),
  };

  /**
   * Shapes of each variant's own fold noise, [variant][crypto][fold], scaled per variant to
   * reach its d_z. One-sided shapes (a single bad fold) give the left skew that makes the
   * page's CIs reach farther below the mean than above it.
   */
  private static final long[][][] NOISE_SHAPES = {
    null,
    {{1, -2, 0, 2, -1}, {1, -2, 2, 0, -1}, {0, 1, -2, -1, 2}, {2, 0, -1, 1, -2}, {-1, 2, 1, -2, 0}},
    {{-3, 1, 1, 2, -1}, {1, -3, -1, 1, 2}, {2, 1, -3, 1, -1}, {-1, 2, 1, -3, 1}, {1, -1, 2, 1, -3}},
    {{0, -3, 2, 0, 1}, {1, 0, -3, 2, 0}, {2, 1, 0, -3, 0}, {0, 0, 1, 2, -3}, {-3, 2, 0, 0, 1}},
    {{-4, 1, 1, 1, 1}, {1, -4, 1, 1, 1}, {1, 1, -4, 1, 1}, {-1, 1, 2, -3, 1}, {1, 1, 1, 1, -4}},
  };

  /** The least stable cell: class_balanced on OPUSDC, per-fold f1_buy variance exactly this. */
  private static final int UNSTABLE_VARIANT = 4;
  private static final int UNSTABLE_CRYPTO = 3;
  private static final String UNSTABLE_VARIANCE = "0.021";

  // ---- trades -------------------------------------------------------------------------------

  /** Mean n_trades per crypto, [variant][crypto]: baseline 237/5 = 47.4, variants 33.6–34.2. */
  private static final long[][] TRADE_MEANS = {
    {52, 49, 44, 43, 49},
    {37, 35, 31, 31, 35},
    {38, 36, 31, 30, 36},
    {37, 36, 32, 30, 35},
    {36, 35, 32, 31, 34},
  };
  private static final long[] TRADE_PATTERN = pattern(3, -2, 1, -4, 2);
  private static final long[] TRADE_PATTERN_VARIANTS = pattern(2, -1, 3, -3, -1);

  // ---- joint metrics ------------------------------------------------------------------------

  /** Net expectancy per trade in basis points; Δ means +10.7, +18.6, +23.9, +17.3. */
  private static final PairedMetric EXPECTANCY = new PairedMetric(
      microsOf("38.40", "45.20", "29.70", "33.10", "41.80"),
      pattern("4.10", "-2.70", "1.30", "-5.20", "2.50"),
      microsOf("0", "10.7", "18.6", "23.9", "17.3"),
      new long[][] {
        microsOf("0", "0", "0", "0", "0"),
        pattern("2.30", "-4.10", "1.60", "3.50", "-3.30"),
        pattern("-3.20", "5.40", "-1.10", "2.60", "-3.70"),
        pattern("4.80", "-2.90", "-5.60", "6.10", "-2.40"),
        pattern("-1.90", "3.70", "4.40", "-6.80", "0.60"),
      },
      pattern("-3.10", "1.40", "2.20", "-1.70", "1.20"));

  /** Sortino ratio; Δ means −0.13, −0.05, −0.13, −0.28. */
  private static final PairedMetric SORTINO = new PairedMetric(
      microsOf("1.842", "2.615", "1.378", "1.127", "2.093"),
      pattern("0.312", "-0.187", "0.095", "-0.356", "0.136"),
      microsOf("0", "-0.13", "-0.05", "-0.13", "-0.28"),
      new long[][] {
        microsOf("0", "0", "0", "0", "0"),
        pattern("0.062", "-0.115", "0.041", "0.087", "-0.075"),
        pattern("-0.094", "0.138", "-0.036", "0.071", "-0.079"),
        pattern("0.108", "-0.064", "-0.129", "0.152", "-0.067"),
        pattern("-0.047", "0.093", "0.118", "-0.181", "0.017"),
      },
      pattern("-0.084", "0.036", "0.058", "-0.041", "0.031"));

  /** Maximum drawdown in percent (12.34 = 12.34 %); Δ means +0.68, +1.28, +1.21, +1.49. */
  private static final PairedMetric MAX_DRAWDOWN = new PairedMetric(
      microsOf("14.62", "11.35", "17.08", "18.91", "12.47"),
      pattern("2.41", "-1.63", "0.88", "-2.95", "1.29"),
      microsOf("0", "0.68", "1.28", "1.21", "1.49"),
      new long[][] {
        microsOf("0", "0", "0", "0", "0"),
        pattern("0.37", "-0.52", "0.21", "0.44", "-0.50"),
        pattern("-0.61", "0.83", "-0.27", "0.49", "-0.44"),
        pattern("0.72", "-0.38", "-0.55", "0.66", "-0.45"),
        pattern("-0.33", "0.58", "0.71", "-1.02", "0.06"),
      },
      pattern("0.42", "-0.31", "0.17", "-0.45", "0.17"));

  // ---- calibration --------------------------------------------------------------------------

  private static final long[] ECE_LEVELS = microsOf("0.0412", "0.0387", "0.0468", "0.0531", "0.0395");
  private static final long[] ECE_SHIFTS = microsOf("0", "-0.0021", "0.0018", "0.0064", "0.0047");
  private static final long[] ECE_PATTERN = pattern("0.0043", "-0.0031", "0.0012", "-0.0052", "0.0028");

  private Track6() {}

  static List<ResultRow> rows() {
    long[][][] f1 = f1Buy();
    Timeline timeline = new Timeline(START, TIMELINE_SEED, Duration.ofSeconds(110), Duration.ofSeconds(190));
    List<ResultRow> rows = new ArrayList<>();
    for (int v = 0; v < VARIANTS.size(); v++) {
      for (int c = 0; c < CRYPTOS.size(); c++) {
        long[] trades = Construction.around(TRADE_MEANS[v][c], Construction.rotate(v == 0 ? TRADE_PATTERN : TRADE_PATTERN_VARIANTS, c + v));
        long[] expectancy = EXPECTANCY.values(v, c);
        long[] sortino = SORTINO.values(v, c);
        long[] drawdown = MAX_DRAWDOWN.values(v, c);
        long[] ece = Construction.around(ECE_LEVELS[c] + ECE_SHIFTS[v], Construction.rotate(ECE_PATTERN, c + 2 * v));
        for (int f = 0; f < FOLDS; f++) {
          // Net return of the fold in percent: expectancy (bp per trade) × trades / 100, exact.
          long totalReturn = expectancy[f] * trades[f] / 100;
          rows.add(new ResultRow(
              RUN_ID, FACTOR, VARIANTS.get(v), CRYPTOS.get(c), f + 1, ResultRow.COMPLETED,
              Construction.value(f1[v][c][f]),
              Construction.value(sortino[f]),
              Construction.value(totalReturn),
              Math.toIntExact(trades[f]),
              Construction.value(ece[f]),
              Construction.value(expectancy[f]),
              Construction.value(drawdown[f]),
              timeline.next()));
        }
      }
    }
    return List.copyOf(rows);
  }

  /**
   * f1[v][c][f] = mean[v][c] + foldEffect[c][f] + noise[v][c][f], micro-units. The paired delta
   * is (mean[v][c] − mean[0][c]) + noise[v][c][f]; the noise of each variant is scaled so that
   * the 25 deltas have the page's d_z, after pinning class_balanced × OPUSDC's fold variance.
   */
  static long[][][] f1Buy() {
    int cryptos = CRYPTOS.size();
    long[][][] f1 = new long[VARIANTS.size()][cryptos][];
    for (int c = 0; c < cryptos; c++) {
      f1[0][c] = Construction.around(F1_MEANS[0][c], FOLD_EFFECTS[c]);
    }
    for (int v = 1; v < VARIANTS.size(); v++) {
      long[] differences = new long[cryptos];
      for (int c = 0; c < cryptos; c++) {
        differences[c] = F1_MEANS[v][c] - F1_MEANS[0][c];
      }
      long[][] pinned = new long[cryptos][];
      if (v == UNSTABLE_VARIANT) {
        // Σ_f (effect + noise)² = (folds − 1) · variance, in µ².
        double target = (FOLDS - 1) * (double) Construction.micros(UNSTABLE_VARIANCE) * Construction.PER_UNIT;
        long[] shape = NOISE_SHAPES[v][UNSTABLE_CRYPTO];
        double t = Construction.scaleForSumOfSquares(FOLD_EFFECTS[UNSTABLE_CRYPTO], shape, target);
        pinned[UNSTABLE_CRYPTO] = Construction.scaled(shape, t);
      }
      long[][] noise = Construction.pairedNoise(differences, NOISE_SHAPES[v], pinned, COHENS_DZ[v]);
      for (int c = 0; c < cryptos; c++) {
        f1[v][c] = Construction.plus(Construction.around(F1_MEANS[v][c], FOLD_EFFECTS[c]), noise[c]);
      }
    }
    return f1;
  }
}
