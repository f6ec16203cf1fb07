package dossier.sample;

import static dossier.sample.Construction.microsOf;
import static dossier.sample.Construction.pattern;

import dossier.source.ResultRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Track 5 sweeps, both in one snapshot: the label-smoothing run of 2026-04-28 (with a first,
 * partial cleanlab attempt whose variants hung) and the cleanlab re-run of 2026-04-29.
 *
 * <p>Their figures are those of the team's hand-written Track 5 results page: the useful-row
 * counts of its sweep-state table, the per-crypto means of its label-smoothing table (f1_buy,
 * sortino, return, trades, ECE) to the last printed digit, the bit-for-bit zero ECE of every
 * soft-label row, and for the cleanlab re-run its per-crypto f1_buy, paired Δf1_buy over the 24
 * pairs left after the failed UNIUSDC fold 3 of {@code off}, d_z, bootstrap CI, p, Δsortino,
 * trade counts and fold variances. The page's label-smoothing deltas (−0.0722, −0.0849) cannot
 * follow from its own means (5 pairs per crypto make the mean Δ the mean of the per-crypto
 * differences, −0.0609 and −0.0736); the means are reproduced, not those deltas.
 *
 * <p>As in {@link Track6}, values are built in micro-units (see {@link Construction}) from the
 * page's figures plus fixed, hand-chosen fold shapes; only scales are solved in closed form.
 */
final class Track5 {
  static final String RUN_1 = "ftf_20260428_181144_3163de";
  static final String RUN_2 = "ftf_20260429_163445_5a99ff_ATR0.5_1.5_H4";
  static final String LABEL_SMOOTHING = "label_smoothing";
  static final String CLEANLAB = "cleanlab";
  static final List<String> SMOOTHING_VARIANTS = List.of("none", "mild", "aggressive");
  static final List<String> CLEANLAB_VARIANTS = List.of("off", "filter", "reweight");
  static final List<String> CRYPTOS = List.of("AAVEUSDC", "ARBUSDC", "LDOUSDC", "OPUSDC", "UNIUSDC");
  static final int FOLDS = 5;
  /** Status of the run-1 cleanlab attempts that hung and were killed by the runner. */
  static final String HUNG = "failed";
  /** Status of the one run-2 attempt lost to a cluster transient. */
  static final String TRAINING_FAILED = "training_failed";

  private static final int AAVE = 0;
  private static final int ARB = 1;
  private static final int LDO = 2;
  private static final int OP = 3;
  private static final int UNI = 4;

  // Attempts finish one after another from the run id's own time, 110 s to 190 s apart.
  private static final Instant START_1 = Instant.parse("2026-04-28T18:11:44Z");
  private static final Instant START_2 = Instant.parse("2026-04-29T16:34:45Z");
  private static final long SEED_1 = 0x3163deL;
  private static final long SEED_2 = 0x5a99ffL;
  private static final Duration MIN_STEP = Duration.ofSeconds(110);
  private static final Duration MAX_STEP = Duration.ofSeconds(190);

  // ==== Run 1, label_smoothing: none / mild / aggressive ======================================

  /** Per-crypto means over the 5 counted folds, [variant][crypto], as printed on the page. */
  private static final long[][] LS_F1 = {
    microsOf("0.4271", "0.4436", "0.3943", "0.3806", "0.4120"),
    microsOf("0.3949", "0.3918", "0.3476", "0.2773", "0.3414"),
    microsOf("0.3644", "0.3783", "0.2994", "0.3111", "0.3362"),
  };
  private static final long[][] LS_SORTINO = {
    microsOf("0.075", "3.252", "2.070", "1.993", "1.997"),
    microsOf("0.033", "3.298", "1.996", "2.004", "1.372"),
    microsOf("0.108", "2.472", "2.071", "1.391", "1.479"),
  };
  private static final long[][] LS_RETURN = {
    microsOf("0.31", "68.52", "50.55", "37.56", "46.49"),
    microsOf("-1.19", "65.95", "53.97", "32.24", "27.63"),
    microsOf("1.50", "51.55", "48.75", "27.08", "29.38"),
  };
  private static final long[][] LS_TRADES = {
    {36, 70, 34, 72, 64},
    {31, 59, 25, 42, 29},
    {32, 46, 29, 35, 22},
  };
  /** The baseline's ECE; every soft-label row's is exactly 0 (the page's S09 anomaly). */
  private static final long[] LS_ECE = microsOf("0.0363", "0.0385", "0.0500", "0.0645", "0.0396");
  private static final long[] LS_ECE_PATTERN = pattern("0.0041", "-0.0027", "0.0013", "-0.0048", "0.0021");

  /** d_z of the 25 paired f1_buy deltas (the page's −1.11 and −1.82), index 0 unused. */
  private static final double[] LS_COHENS_DZ = {Double.NaN, -1.11, -1.82};

  /** Fold effects per crypto shared by the three variants: they cancel in the paired deltas. */
  private static final long[][] LS_FOLD_EFFECTS = {
    pattern("0.036", "-0.021", "0.009", "-0.047", "0.023"),
    pattern("-0.032", "0.027", "0.041", "-0.015", "-0.021"),
    pattern("0.052", "-0.038", "-0.012", "0.029", "-0.031"),
    pattern("-0.055", "0.031", "0.044", "-0.039", "0.019"),
    pattern("0.017", "0.046", "-0.043", "0.011", "-0.031"),
  };
  /** Each variant's own fold noise shapes, [variant][crypto][fold], scaled to its d_z. */
  private static final long[][][] LS_NOISE_SHAPES = {
    null,
    {{1, -2, 0, 2, -1}, {-1, 2, 1, -2, 0}, {2, 0, -2, 1, -1}, {0, 1, -1, -2, 2}, {-2, 1, 2, 0, -1}},
    {{-3, 1, 1, 2, -1}, {1, -3, 0, 1, 1}, {1, 1, -3, 0, 1}, {0, 2, 1, -3, 0}, {2, -1, 0, 1, -2}},
  };

  /**
   * Market shape of each crypto's folds: the same test period for every variant, so sortino and
   * return rise and fall together across variants. Scaled per crypto by the steps below.
   */
  private static final long[][] MARKET = {
    pattern(3, -2, 1, -4, 2),
    pattern(-2, 4, 1, -3, 0),
    pattern(4, -1, -3, 2, -2),
    pattern(-3, 2, 4, -1, -2),
    pattern(1, 3, -4, 2, -2),
  };
  private static final long[] SORTINO_STEP = microsOf("0.090", "0.150", "0.120", "0.130", "0.110");
  private static final long[] RETURN_STEP = microsOf("1.10", "3.20", "2.60", "2.90", "2.40");
  private static final long[] SORTINO_JITTER = pattern("0.042", "-0.021", "0", "0.021", "-0.042");
  private static final long[] RETURN_JITTER = pattern("0.65", "-1.30", "1.30", "0", "-0.65");
  private static final long[] LS_TRADE_PATTERN = pattern(4, -3, 2, -5, 2);
  private static final long[] LS_TRADE_PATTERN_VARIANTS = pattern(3, -2, 1, -3, 1);

  /** Net expectancy per trade in basis points (as Track 6); both variants lose some. */
  private static final PairedMetric LS_EXPECTANCY = new PairedMetric(
      microsOf("1.20", "96.40", "147.30", "51.80", "71.90"),
      pattern("6.20", "-4.10", "1.80", "-7.30", "3.40"),
      microsOf("0", "-6.2", "-9.5"),
      new long[][] {
        microsOf("0", "0", "0", "0", "0"),
        pattern("3.10", "-2.40", "1.70", "-4.60", "2.20"),
        pattern("-2.80", "3.90", "-1.30", "2.10", "-1.90"),
      },
      pattern("2.40", "-3.10", "1.20", "-1.80", "1.30"));

  /** Maximum drawdown in percent (12.34 = 12.34 %). */
  private static final PairedMetric LS_MAX_DRAWDOWN = new PairedMetric(
      microsOf("18.40", "12.70", "15.30", "16.90", "13.80"),
      pattern("2.35", "-1.60", "0.85", "-2.90", "1.30"),
      microsOf("0", "0.85", "1.62"),
      new long[][] {
        microsOf("0", "0", "0", "0", "0"),
        pattern("0.42", "-0.57", "0.26", "0.38", "-0.49"),
        pattern("-0.64", "0.71", "-0.22", "0.53", "-0.38"),
      },
      pattern("0.36", "-0.48", "0.19", "-0.41", "0.34"));

  /**
   * The 9 baseline cells that were run twice, {crypto, fold index}: both attempts completed and
   * useful, the second counts (34 useful rows for 25 cells).
   */
  private static final int[][] LS_RETRIED = {
    {AAVE, 1}, {AAVE, 3}, {ARB, 0}, {LDO, 2}, {LDO, 4}, {OP, 1}, {UNI, 0}, {UNI, 3}, {UNI, 4},
  };

  // ==== Run 1, cleanlab: the first, partial attempt ===========================================

  /** Folds of {@code off} the first cleanlab attempt reached, per crypto (20 cells). */
  private static final int[] CL1_OFF_FOLDS = {5, 5, 5, 3, 2};
  /** Cryptos whose {@code off} folds were all run twice (15 superseded attempts). */
  private static final int CL1_RERUN_CRYPTOS = 3;
  /** {@code filter} and {@code reweight} each hung on AAVEUSDC folds 1–3. */
  private static final int CL1_HUNG_FOLDS = 3;
  private static final Duration HANG_TIME = Duration.ofMinutes(25);

  // ==== Run 2, cleanlab re-run: off / filter / reweight ======================================

  /** Per-crypto mean f1_buy over the counted completed folds, [variant][crypto]. */
  private static final long[][] CL_F1 = {
    microsOf("0.4586", "0.4552", "0.4124", "0.3891", "0.4514"),
    microsOf("0.4141", "0.3904", "0.2681", "0.2973", "0.3548"),
    microsOf("0.3775", "0.4121", "0.2952", "0.3160", "0.3566"),
  };
  /** The cell of {@code off} whose only attempt failed: UNIUSDC fold 3. */
  private static final int FAILED_CRYPTO = UNI;
  private static final int FAILED_FOLD = 2;
  /**
   * The variants' f1_buy on that cell: unpaired, so free, and set so that the paired mean Δ over
   * the 24 other cells is exactly the page's (−0.0811, −0.0762). Index 0 unused.
   */
  private static final long[] CL_F1_FAILED_CELL = microsOf("0", "0.1878", "0.2337");
  private static final double[] CL_COHENS_DZ = {Double.NaN, -1.21, -1.38};

  /** off's fold effects, shared by the variants; UNIUSDC's over its 4 completed folds. */
  private static final long[][] CL_FOLD_EFFECTS = {
    pattern("0.031", "-0.024", "0.015", "-0.038", "0.016"),
    pattern("-0.027", "0.019", "0.036", "-0.012", "-0.016"),
    pattern("0.085", "-0.062", "-0.028", "0.071", "-0.066"),
    pattern("-0.048", "0.029", "0.041", "-0.035", "0.013"),
    pattern("0.022", "0.037", "-0.031", "-0.028"),
  };
  /**
   * Each variant's fold noise shapes over the paired folds, [variant][crypto][fold]; chosen so
   * that the bootstrap CI lands on the page's (the LDOUSDC deltas make its long left tail).
   */
  private static final long[][][] CL_NOISE_SHAPES = {
    null,
    {{-2, -1, 3, -3, 3}, {-4, 3, 2, 1, -2}, {3, 2, -4, 1, -2}, {3, 2, -1, -1, -3}, {-3, -4, 3, 4}},
    {{-1, -1, 4, -4, 2}, {-2, -4, 4, 1, 1}, {2, -1, -2, -2, 3}, {3, -4, -2, 3, 0}, {1, 0, -2, 1}},
  };
  /** The least stable cell of each variant, LDOUSDC, has exactly this f1_buy fold variance. */
  private static final int CL_UNSTABLE_CRYPTO = LDO;
  private static final String[] CL_UNSTABLE_VARIANCE = {null, "0.025", "0.017"};

  /**
   * Sortino; Δ means −0.19 and −0.34 over the 24 pairs. Each variant's offset on UNIUSDC cancels
   * its rotated pattern on fold 3 (p[1] for filter, p[4] for reweight), so the unpaired fold-3
   * delta is exactly the mean and leaving it out keeps the mean of the other 24.
   */
  private static final PairedMetric CL_SORTINO = new PairedMetric(
      microsOf("0.912", "2.874", "1.735", "1.468", "1.906"),
      pattern("0.284", "-0.196", "0.071", "-0.322", "0.163"),
      microsOf("0", "-0.19", "-0.34"),
      new long[][] {
        microsOf("0", "0", "0", "0", "0"),
        pattern("-0.062", "0.041", "-0.093", "0.027", "0.087"),
        pattern("0.048", "-0.071", "-0.036", "0.113", "-0.054"),
      },
      pattern("0.118", "-0.087", "0.046", "-0.131", "0.054"));

  /** Net expectancy per trade in basis points; Δ means −5.8 and −8.3 (same fold-3 rule). */
  private static final PairedMetric CL_EXPECTANCY = new PairedMetric(
      microsOf("31.80", "44.60", "36.20", "28.90", "40.30"),
      pattern("3.70", "-2.40", "1.10", "-4.30", "1.90"),
      microsOf("0", "-5.8", "-8.3"),
      new long[][] {
        microsOf("0", "0", "0", "0", "0"),
        pattern("-1.40", "0.70", "-2.30", "1.10", "1.90"),
        pattern("1.30", "-0.90", "-1.60", "2.40", "-1.20"),
      },
      pattern("2.60", "-1.90", "0.80", "-2.70", "1.20"));

  /** Maximum drawdown in percent; Δ means +1.12 and +0.87 (same fold-3 rule). */
  private static final PairedMetric CL_MAX_DRAWDOWN = new PairedMetric(
      microsOf("13.84", "10.92", "16.37", "17.45", "12.18"),
      pattern("2.13", "-1.47", "0.66", "-2.58", "1.26"),
      microsOf("0", "1.12", "0.87"),
      new long[][] {
        microsOf("0", "0", "0", "0", "0"),
        pattern("0.24", "-0.38", "0.47", "-0.66", "0.33"),
        pattern("-0.31", "0.52", "0.21", "-0.16", "-0.26"),
      },
      pattern("0.41", "-0.33", "0.18", "-0.52", "0.26"));

  /**
   * Trades per crypto summed over the 5 folds, [variant][crypto]: filter 887/25 = 35.48 and
   * reweight 785/25 = 31.4, printed 35.5 and 31.4. off's UNIUSDC fold 3 made none (it failed).
   */
  private static final long[][] CL_TRADE_SUMS = {
    {236, 258, 207, 226, 230},
    {190, 205, 156, 167, 169},
    {170, 183, 139, 148, 145},
  };
  private static final long[] CL_ECE = microsOf("0.0398", "0.0421", "0.0476", "0.0552", "0.0407");
  private static final long[] CL_ECE_SHIFTS = microsOf("0", "0.0034", "0.0019");
  private static final long[] CL_ECE_PATTERN = pattern("0.0037", "-0.0025", "0.0011", "-0.0044", "0.0021");

  /** The one retried cell of the re-run, {variant, crypto, fold index}: off × LDOUSDC fold 4. */
  private static final int[] CL_RETRIED = {0, LDO, 3};

  // ==== attempts that do not count ============================================================

  /**
   * Offsets that turn a counted attempt into a plausible other attempt of the same cell (a
   * superseded first run, the same configuration under another factor), taken cyclically.
   */
  private static final long[] JITTER_F1 = microsOf("0.0124", "-0.0187", "0.0263", "-0.0091", "0.0158", "-0.0232", "0.0049");
  private static final long[] JITTER_SORTINO = microsOf("0.084", "-0.127", "0.046", "-0.163", "0.112", "-0.038", "0.095");
  private static final long[] JITTER_RETURN = microsOf("2.14", "-3.07", "1.52", "-0.86", "2.71", "-1.93", "0.48");
  private static final long[] JITTER_TRADES = {3, -2, 4, -1, -3, 2, 1};
  private static final long[] JITTER_ECE = microsOf("0.0031", "-0.0024", "0.0017", "-0.0036", "0.0009", "0.0026", "-0.0013");
  private static final long[] JITTER_EXPECTANCY = microsOf("2.30", "-3.10", "1.40", "-4.20", "3.60", "-0.90", "2.80");
  private static final long[] JITTER_DRAWDOWN = microsOf("0.74", "-0.52", "1.13", "-0.38", "0.61", "-0.87", "0.29");

  private Track5() {}

  /** Every attempt of both runs, in the order they ran. */
  static List<ResultRow> rows() {
    List<ResultRow> rows = new ArrayList<>(run1());
    rows.addAll(run2());
    return List.copyOf(rows);
  }

  // ---- run 1 ------------------------------------------------------------------------------

  static List<ResultRow> run1() {
    Attempt[][][] smoothing = labelSmoothing();
    Timeline timeline = new Timeline(START_1, SEED_1, MIN_STEP, MAX_STEP);
    List<ResultRow> rows = new ArrayList<>();

    // Baseline, first pass: the retried cells' first attempts are superseded later.
    for (int c = 0; c < CRYPTOS.size(); c++) {
      for (int f = 0; f < FOLDS; f++) {
        Attempt counted = smoothing[0][c][f];
        Attempt attempt = retried(c, f) ? counted.jittered(5 * c + f + 1, -1) : counted;
        rows.add(attempt.row(RUN_1, LABEL_SMOOTHING, SMOOTHING_VARIANTS.get(0), c, f, timeline.next()));
      }
    }
    // The 9 baseline cells re-run; their second attempt counts.
    timeline.pause(Duration.ofMinutes(18));
    for (int[] cell : LS_RETRIED) {
      rows.add(smoothing[0][cell[0]][cell[1]].row(RUN_1, LABEL_SMOOTHING, SMOOTHING_VARIANTS.get(0), cell[0], cell[1],
          timeline.next()));
    }
    for (int v = 1; v < SMOOTHING_VARIANTS.size(); v++) {
      for (int c = 0; c < CRYPTOS.size(); c++) {
        for (int f = 0; f < FOLDS; f++) {
          rows.add(smoothing[v][c][f].row(RUN_1, LABEL_SMOOTHING, SMOOTHING_VARIANTS.get(v), c, f, timeline.next()));
        }
      }
    }

    // cleanlab, first attempt: off on the first 3 cryptos, then after a restart off again from
    // the start up to UNIUSDC fold 2, then filter and reweight each hang three times.
    timeline.pause(Duration.ofMinutes(7));
    String off = CLEANLAB_VARIANTS.get(0);
    for (int c = 0; c < CL1_RERUN_CRYPTOS; c++) {
      for (int f = 0; f < FOLDS; f++) {
        rows.add(cleanlabOff1(smoothing, c, f).jittered(5 * c + f + 3, -1).row(RUN_1, CLEANLAB, off, c, f, timeline.next()));
      }
    }
    timeline.pause(Duration.ofMinutes(12));
    for (int c = 0; c < CRYPTOS.size(); c++) {
      for (int f = 0; f < CL1_OFF_FOLDS[c]; f++) {
        rows.add(cleanlabOff1(smoothing, c, f).row(RUN_1, CLEANLAB, off, c, f, timeline.next()));
      }
    }
    for (int v = 1; v < CLEANLAB_VARIANTS.size(); v++) {
      for (int f = 0; f < CL1_HUNG_FOLDS; f++) {
        timeline.pause(HANG_TIME);
        rows.add(failed(RUN_1, CLEANLAB, CLEANLAB_VARIANTS.get(v), AAVE, f, HUNG, timeline.next()));
      }
    }
    return rows;
  }

  private static boolean retried(int c, int f) {
    for (int[] cell : LS_RETRIED) {
      if (cell[0] == c && cell[1] == f) {
        return true;
      }
    }
    return false;
  }

  /** cleanlab=off with label_smoothing=none is the baseline configuration run again. */
  private static Attempt cleanlabOff1(Attempt[][][] smoothing, int c, int f) {
    return smoothing[0][c][f].jittered(5 * c + f, 1);
  }

  /** The counted label-smoothing attempts, [variant][crypto][fold]. */
  static Attempt[][][] labelSmoothing() {
    long[][][] f1 = labelSmoothingF1();
    Attempt[][][] out = new Attempt[SMOOTHING_VARIANTS.size()][CRYPTOS.size()][FOLDS];
    for (int v = 0; v < SMOOTHING_VARIANTS.size(); v++) {
      for (int c = 0; c < CRYPTOS.size(); c++) {
        long[] sortino = Construction.plus(
            Construction.around(LS_SORTINO[v][c], Construction.scaled(MARKET[c], SORTINO_STEP[c])),
            Construction.rotate(SORTINO_JITTER, c + 2 * v));
        long[] totalReturn = Construction.plus(
            Construction.around(LS_RETURN[v][c], Construction.scaled(MARKET[c], RETURN_STEP[c])),
            Construction.rotate(RETURN_JITTER, c + 2 * v));
        long[] trades = Construction.around(LS_TRADES[v][c],
            Construction.rotate(v == 0 ? LS_TRADE_PATTERN : LS_TRADE_PATTERN_VARIANTS, c + v));
        long[] ece = v == 0 ? Construction.around(LS_ECE[c], Construction.rotate(LS_ECE_PATTERN, c)) : new long[FOLDS];
        long[] expectancy = LS_EXPECTANCY.values(v, c);
        long[] drawdown = LS_MAX_DRAWDOWN.values(v, c);
        for (int f = 0; f < FOLDS; f++) {
          out[v][c][f] = new Attempt(f1[v][c][f], sortino[f], totalReturn[f], trades[f], ece[f], expectancy[f], drawdown[f]);
        }
      }
    }
    return out;
  }

  /** As {@link Track6#f1Buy()}: shared fold effects plus each variant's noise scaled to its d_z. */
  static long[][][] labelSmoothingF1() {
    int cryptos = CRYPTOS.size();
    long[][][] f1 = new long[SMOOTHING_VARIANTS.size()][cryptos][];
    for (int c = 0; c < cryptos; c++) {
      f1[0][c] = Construction.around(LS_F1[0][c], LS_FOLD_EFFECTS[c]);
    }
    for (int v = 1; v < SMOOTHING_VARIANTS.size(); v++) {
      long[] differences = new long[cryptos];
      for (int c = 0; c < cryptos; c++) {
        differences[c] = LS_F1[v][c] - LS_F1[0][c];
      }
      long[][] noise = Construction.pairedNoise(differences, LS_NOISE_SHAPES[v], null, LS_COHENS_DZ[v]);
      for (int c = 0; c < cryptos; c++) {
        f1[v][c] = Construction.plus(Construction.around(LS_F1[v][c], LS_FOLD_EFFECTS[c]), noise[c]);
      }
    }
    return f1;
  }

  // ---- run 2 ------------------------------------------------------------------------------

  static List<ResultRow> run2() {
    Attempt[][][] cells = cleanlab();
    Timeline timeline = new Timeline(START_2, SEED_2, MIN_STEP, MAX_STEP);
    List<ResultRow> rows = new ArrayList<>();
    for (int v = 0; v < CLEANLAB_VARIANTS.size(); v++) {
      for (int c = 0; c < CRYPTOS.size(); c++) {
        for (int f = 0; f < FOLDS; f++) {
          String variant = CLEANLAB_VARIANTS.get(v);
          if (cells[v][c][f] == null) {
            rows.add(failed(RUN_2, CLEANLAB, variant, c, f, TRAINING_FAILED, timeline.next()));
          } else if (v == CL_RETRIED[0] && c == CL_RETRIED[1] && f == CL_RETRIED[2]) {
            rows.add(cells[v][c][f].jittered(11, -1).row(RUN_2, CLEANLAB, variant, c, f, timeline.next()));
          } else {
            rows.add(cells[v][c][f].row(RUN_2, CLEANLAB, variant, c, f, timeline.next()));
          }
        }
      }
    }
    timeline.pause(Duration.ofMinutes(9));
    int v = CL_RETRIED[0];
    int c = CL_RETRIED[1];
    int f = CL_RETRIED[2];
    rows.add(cells[v][c][f].row(RUN_2, CLEANLAB, CLEANLAB_VARIANTS.get(v), c, f, timeline.next()));
    return rows;
  }

  /** The counted re-run attempts, [variant][crypto][fold]; null for off's failed cell. */
  static Attempt[][][] cleanlab() {
    long[][][] f1 = cleanlabF1();
    Attempt[][][] out = new Attempt[CLEANLAB_VARIANTS.size()][CRYPTOS.size()][FOLDS];
    for (int v = 0; v < CLEANLAB_VARIANTS.size(); v++) {
      for (int c = 0; c < CRYPTOS.size(); c++) {
        long[] trades = spread(CL_TRADE_SUMS[v][c], Construction.rotate(v == 0 ? LS_TRADE_PATTERN : LS_TRADE_PATTERN_VARIANTS, c + v));
        long[] sortino = CL_SORTINO.values(v, c);
        long[] expectancy = CL_EXPECTANCY.values(v, c);
        long[] drawdown = CL_MAX_DRAWDOWN.values(v, c);
        long[] ece = Construction.around(CL_ECE[c] + CL_ECE_SHIFTS[v], Construction.rotate(CL_ECE_PATTERN, c + 2 * v));
        for (int f = 0; f < FOLDS; f++) {
          if (v == 0 && c == FAILED_CRYPTO && f == FAILED_FOLD) {
            continue;
          }
          // Net return of the fold in percent: expectancy (bp per trade) × trades / 100, exact.
          long totalReturn = expectancy[f] * trades[f] / 100;
          out[v][c][f] = new Attempt(f1[v][c][f], sortino[f], totalReturn, trades[f], ece[f], expectancy[f], drawdown[f]);
        }
      }
    }
    return out;
  }

  /**
   * f1_buy of the re-run, [variant][crypto][fold], micro-units (off's failed cell 0, unused).
   *
   * <p>off = mean + fold effect over its completed folds. A variant is off + D[c] + noise on every
   * paired fold, D[c] its per-crypto difference over the paired folds (UNIUSDC: over folds 1, 2,
   * 4, 5, which with the free fold-3 value gives the page's mean). The noise of LDOUSDC is pinned
   * first to give that cell the page's maximum fold variance; the rest is scaled to the d_z.
   */
  static long[][][] cleanlabF1() {
    int cryptos = CRYPTOS.size();
    long[][][] f1 = new long[CLEANLAB_VARIANTS.size()][cryptos][];
    long[][] off = new long[cryptos][];
    for (int c = 0; c < cryptos; c++) {
      off[c] = Construction.around(CL_F1[0][c], CL_FOLD_EFFECTS[c]);
      f1[0][c] = withFailedFold(c, off[c], 0);
    }
    for (int v = 1; v < CLEANLAB_VARIANTS.size(); v++) {
      long[] differences = new long[cryptos];
      for (int c = 0; c < cryptos; c++) {
        differences[c] = CL_F1[v][c] - CL_F1[0][c];
      }
      // Σ over the 4 paired UNIUSDC folds = 5·mean − the fold-3 value; its mean must be whole µ.
      long paired = FOLDS * CL_F1[v][FAILED_CRYPTO] - CL_F1_FAILED_CELL[v];
      if (paired % (FOLDS - 1) != 0) {
        throw new IllegalStateException("the UNIUSDC paired folds of " + CLEANLAB_VARIANTS.get(v) + " do not average to whole µ");
      }
      differences[FAILED_CRYPTO] = paired / (FOLDS - 1) - CL_F1[0][FAILED_CRYPTO];

      long[][] pinned = new long[cryptos][];
      double target = (FOLDS - 1) * (double) Construction.micros(CL_UNSTABLE_VARIANCE[v]) * Construction.PER_UNIT;
      long[] shape = CL_NOISE_SHAPES[v][CL_UNSTABLE_CRYPTO];
      pinned[CL_UNSTABLE_CRYPTO] = Construction.scaled(shape,
          Construction.scaleForSumOfSquares(CL_FOLD_EFFECTS[CL_UNSTABLE_CRYPTO], shape, target));
      long[][] noise = pairedNoise(differences, CL_NOISE_SHAPES[v], pinned, CL_COHENS_DZ[v]);
      for (int c = 0; c < cryptos; c++) {
        long[] values = Construction.plus(Construction.around(differences[c], noise[c]), off[c]);
        f1[v][c] = withFailedFold(c, values, CL_F1_FAILED_CELL[v]);
      }
    }
    return f1;
  }

  /** UNIUSDC's 4 paired values with the fold-3 value put back in place; other cryptos as given. */
  private static long[] withFailedFold(int c, long[] paired, long failedFoldValue) {
    if (c != FAILED_CRYPTO) {
      return paired;
    }
    long[] out = new long[FOLDS];
    for (int f = 0, i = 0; f < FOLDS; f++) {
      out[f] = f == FAILED_FOLD ? failedFoldValue : paired[i++];
    }
    return out;
  }

  /**
   * {@link Construction#pairedNoise} for cells with different numbers of pairs: the n pairs' sum
   * of squared deviations is Σ_c n_c·(D[c] − D̄)² + Σ w², fixed at (n − 1)·(D̄ / d_z)², with D̄ the
   * pair-weighted mean of D. Pinned cells keep their noise; the free ones share one scale.
   */
  static long[][] pairedNoise(long[] cellDifferences, long[][] shapes, long[][] pinned, double cohensDz) {
    int cells = cellDifferences.length;
    long pairs = 0;
    long weighted = 0;
    for (int c = 0; c < cells; c++) {
      pairs += shapes[c].length;
      weighted = Math.addExact(weighted, Math.multiplyExact(shapes[c].length, cellDifferences[c]));
    }
    double mean = (double) weighted / pairs;
    double noise = (pairs - 1) * Math.pow(mean / cohensDz, 2);
    long free = 0;
    for (int c = 0; c < cells; c++) {
      noise -= shapes[c].length * Math.pow(cellDifferences[c] - mean, 2);
      if (pinned[c] != null) {
        if (pinned[c].length != shapes[c].length) {
          throw new IllegalArgumentException("pinned noise of cell " + c + " has the wrong length");
        }
        noise -= Construction.sumOfSquares(pattern(pinned[c]));
      } else {
        free += Construction.sumOfSquares(pattern(shapes[c]));
      }
    }
    if (noise < 0 || free == 0) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "d_z = %.3f cannot be reached: %.0f µ² of noise left", cohensDz, noise));
    }
    double scale = Math.sqrt(noise / free);
    long[][] out = new long[cells][];
    for (int c = 0; c < cells; c++) {
      out[c] = pinned[c] != null ? pinned[c].clone() : Construction.scaled(shapes[c], scale);
    }
    return out;
  }

  /** Whole counts summing to {@code sum}: sum/5 plus the pattern, the remainder on the first folds. */
  private static long[] spread(long sum, long[] pattern) {
    long base = Math.floorDiv(sum, pattern.length);
    long rest = sum - base * pattern.length;
    long[] out = Construction.around(base, pattern);
    for (int f = 0; f < rest; f++) {
      out[f]++;
    }
    return out;
  }

  // ---- rows -------------------------------------------------------------------------------

  private static ResultRow failed(String run, String factor, String variant, int c, int f, String status, Instant at) {
    return new ResultRow(run, factor, variant, CRYPTOS.get(c), f + 1, status,
        Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, at);
  }

  /** The metrics of one completed attempt, micro-units (trades a count). */
  record Attempt(long f1, long sortino, long totalReturn, long trades, long ece, long expectancy, long drawdown) {
    Attempt {
      if (f1 <= 0 || f1 >= Construction.PER_UNIT || trades <= 0 || ece < 0 || drawdown <= 0) {
        throw new IllegalStateException("implausible attempt: " + this);
      }
    }

    /**
     * Another attempt of the same cell: {@code sign} times the k-th jitter of every metric (sign
     * 0: this one). A zero ECE stays zero: the soft-label bug does not depend on the attempt.
     */
    Attempt jittered(int k, int sign) {
      if (sign == 0) {
        return this;
      }
      return new Attempt(
          f1 + sign * at(JITTER_F1, k),
          sortino + sign * at(JITTER_SORTINO, k),
          totalReturn + sign * at(JITTER_RETURN, k),
          trades + sign * at(JITTER_TRADES, k),
          ece == 0 ? 0 : ece + sign * at(JITTER_ECE, k),
          expectancy + sign * at(JITTER_EXPECTANCY, k),
          drawdown + sign * at(JITTER_DRAWDOWN, k));
    }

    private static long at(long[] table, int k) {
      return table[Math.floorMod(k, table.length)];
    }

    ResultRow row(String run, String factor, String variant, int c, int f, Instant at) {
      return new ResultRow(run, factor, variant, CRYPTOS.get(c), f + 1, ResultRow.COMPLETED,
          Construction.value(f1), Construction.value(sortino), Construction.value(totalReturn),
          Math.toIntExact(trades), Construction.value(ece), Construction.value(expectancy),
          Construction.value(drawdown), at);
    }
  }
}
