package dossier.sample;

import dossier.DossierException;
import dossier.render.AtomicFile;
import dossier.source.ResultRow;
import dossier.source.SnapshotWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.commons.rng.core.source64.SplitMix64;

/**
 * A synthetic sweep of any size, for benchmarks: {@code variants × cryptos × folds} cells of one
 * run and one factor, a fraction of them retried. Not the figures of any real track.
 *
 * <p>Deterministic and pinned, like the other samples: values are integer micro-units (see
 * {@link Construction}) drawn from one SplitMix64 stream (Commons RNG) seeded with {@code seed}.
 * A uniform draw in [lo, hi) is {@code lo + (((nextLong() >>> 32) · (hi − lo)) >>> 32)}, the
 * bootstrap's index rule; a "bell" draw of spread s is the mean of three uniform draws in
 * [−s, s], rounded toward zero (a bounded, roughly normal noise). The draws come in this order:
 *
 * <ol>
 *   <li>per variant v ≥ 1 (v = 0 is the baseline, all its effects 0), the effect on each metric:
 *       f1_buy, n_trades, expectancy, sortino, ece, max_drawdown (uniform);
 *   <li>per crypto, the level of each metric in the same order (uniform), then its fold effects
 *       on f1_buy, shared by every variant (bell);
 *   <li>per variant v ≥ 1 and crypto, the variant's f1_buy offset on that crypto (uniform);
 *   <li>per cell (variant, then crypto, then fold), the noise of each metric (bell);
 *   <li>the retried cells: exactly round(fraction · cells) of them, chosen by selection sampling
 *       (Knuth's algorithm S) over the cells in the same order;
 *   <li>per retried cell in order, whether its earlier attempt failed (one uniform draw in [0, 2),
 *       0 = failed), and for an earlier attempt that completed, the jitter of each metric (bell).
 * </ol>
 *
 * <p>{@code total_return} is expectancy (bp per trade) × trades / 100, exact, as in Track 6. The
 * attempts run cell after cell, then the retries (so a cell's counted attempt is always its
 * latest); {@code created_at} comes from a {@link Timeline} seeded with {@code seed ^
 * TIMELINE_SALT}. The rows are returned in that order.
 */
public final class BigSweep {
  public static final String RUN_ID = "ftf_20260501_090000_b16b00_BENCH";
  public static final String FACTOR = "big_sweep";
  public static final String BASELINE = "baseline";
  public static final long DEFAULT_SEED = 20260501L;
  public static final double DEFAULT_RETRIED = 0.25;
  /** Status of an earlier attempt that did not complete. */
  public static final String FAILED = "failed";

  /** The readiness file of every big sweep, relative to {@code dossiers/}. */
  public static final String READINESS = "big/mlops_readiness.md";

  private static final Instant START = Instant.parse("2026-05-01T09:00:00Z");
  private static final long TIMELINE_SALT = 0x5eed_b16b_00L;
  /** The largest sweep written: 10⁷ cells is already some gigabytes of rows. */
  public static final int MAX_CELLS = 10_000_000;
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,4})x([0-9]{1,5})x([0-9]{1,4})");

  // Metric indices, in the order of the draws.
  private static final int F1 = 0;
  private static final int TRADES = 1;
  private static final int EXPECTANCY = 2;
  private static final int SORTINO = 3;
  private static final int ECE = 4;
  private static final int DRAWDOWN = 5;
  private static final int METRICS = 6;

  // Per metric, micro-units (trades: a count): crypto level range [lo, hi), variant effect ±,
  // cell noise spread, jitter of a superseded attempt, and the floor a value is clamped to.
  private static final long[] LEVEL_LO = {300_000, 35, 20_000_000, 800_000, 30_000, 10_000_000};
  private static final long[] LEVEL_HI = {500_000, 80, 50_000_000, 2_600_000, 60_000, 20_000_000};
  private static final long[] EFFECT = {40_000, 6, 8_000_000, 200_000, 6_000, 1_500_000};
  private static final long[] NOISE = {25_000, 6, 6_000_000, 300_000, 4_000, 2_000_000};
  private static final long[] JITTER = {20_000, 4, 4_000_000, 200_000, 3_000, 1_000_000};
  private static final long[] FLOOR = {10_000, 1, Long.MIN_VALUE, Long.MIN_VALUE, 1_000, 500_000};
  private static final long F1_CEILING = 990_000;
  private static final long F1_FOLD_EFFECT = 40_000;
  private static final long F1_CRYPTO_OFFSET = 15_000;

  private BigSweep() {}

  /** A sweep size, {@code VxCxF}: variants (baseline included) × cryptos × folds. */
  public record Size(int variants, int cryptos, int folds) {
    public Size {
      if (variants < 2 || cryptos < 1 || folds < 1) {
        throw new IllegalArgumentException(
            "need at least 2 variants (the baseline and one more), 1 crypto and 1 fold: " + variants + "x" + cryptos + "x" + folds);
      }
      if ((long) variants * cryptos * folds > MAX_CELLS) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%dx%dx%d is more than %,d cells; choose a smaller sweep",
            variants, cryptos, folds, MAX_CELLS));
      }
    }

    /** Parses {@code 20x200x10}. */
    public static Size parse(String text) {
      Matcher m = SIZE.matcher(text.strip());
      if (!m.matches()) {
        throw DossierException.usage("'" + text + "' is not a sweep size such as 20x200x10 (variants x cryptos x folds)");
      }
      try {
        return new Size(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      } catch (IllegalArgumentException e) {
        throw DossierException.usage(e.getMessage());
      }
    }

    public int cells() {
      return Math.multiplyExact(Math.multiplyExact(variants, cryptos), folds);
    }

    /** The track name of this size: {@code big-20x200x10}. */
    public String name() {
      return "big-" + variants + "x" + cryptos + "x" + folds;
    }

    @Override
    public String toString() {
      return variants + "x" + cryptos + "x" + folds;
    }
  }

  /** The variant names: {@code baseline}, then {@code variant_01} … */
  public static List<String> variants(int count) {
    int width = Integer.toString(Math.max(1, count - 1)).length();
    List<String> names = new ArrayList<>();
    names.add(BASELINE);
    for (int v = 1; v < count; v++) {
      names.add(String.format(Locale.ROOT, "variant_%0" + Math.max(2, width) + "d", v));
    }
    return List.copyOf(names);
  }

  /** The crypto names: {@code C001USDC}, {@code C002USDC} … */
  public static List<String> cryptos(int count) {
    int width = Math.max(3, Integer.toString(count).length());
    return IntStream.rangeClosed(1, count)
        .mapToObj(c -> String.format(Locale.ROOT, "C%0" + width + "dUSDC", c))
        .toList();
  }

  /** The number of retried cells of a sweep of {@code cells} cells. */
  public static int retriedCells(int cells, double retriedFraction) {
    if (!(retriedFraction >= 0 && retriedFraction <= 1)) {
      throw new IllegalArgumentException("the retried fraction must be in [0, 1]: " + retriedFraction);
    }
    return (int) Math.round(retriedFraction * cells);
  }

  public static List<ResultRow> rows(Size size, double retriedFraction, long seed) {
    return rows(size.variants(), size.cryptos(), size.folds(), retriedFraction, seed);
  }

  /**
   * The attempts of the sweep, in the order they ran: {@code variants · cryptos · folds} counted
   * attempts plus one earlier attempt per retried cell (about half failed, half completed and
   * superseded).
   */
  public static List<ResultRow> rows(int variants, int cryptos, int folds, double retriedFraction, long seed) {
    Size size = new Size(variants, cryptos, folds);
    int cells = size.cells();
    int retried = retriedCells(cells, retriedFraction);
    Draws rng = new Draws(seed);

    long[][] effect = new long[variants][METRICS];
    for (int v = 1; v < variants; v++) {
      for (int m = 0; m < METRICS; m++) {
        effect[v][m] = rng.uniform(-EFFECT[m], EFFECT[m] + 1);
      }
    }
    long[][] level = new long[cryptos][METRICS];
    long[][] foldEffect = new long[cryptos][folds];
    for (int c = 0; c < cryptos; c++) {
      for (int m = 0; m < METRICS; m++) {
        level[c][m] = rng.uniform(LEVEL_LO[m], LEVEL_HI[m]);
      }
      for (int f = 0; f < folds; f++) {
        foldEffect[c][f] = rng.bell(F1_FOLD_EFFECT);
      }
    }
    long[][] cryptoOffset = new long[variants][cryptos];
    for (int v = 1; v < variants; v++) {
      for (int c = 0; c < cryptos; c++) {
        cryptoOffset[v][c] = rng.uniform(-F1_CRYPTO_OFFSET, F1_CRYPTO_OFFSET + 1);
      }
    }
    // The counted attempt of every cell, cell index = (v · cryptos + c) · folds + f.
    long[][] counted = new long[cells][];
    for (int v = 0; v < variants; v++) {
      for (int c = 0; c < cryptos; c++) {
        for (int f = 0; f < folds; f++) {
          long[] x = new long[METRICS];
          for (int m = 0; m < METRICS; m++) {
            x[m] = level[c][m] + effect[v][m] + rng.bell(NOISE[m]);
          }
          x[F1] += foldEffect[c][f] + cryptoOffset[v][c];
          counted[(v * cryptos + c) * folds + f] = clamp(x);
        }
      }
    }
    // Algorithm S: cell i is taken with probability (still needed) / (cells left).
    boolean[] isRetried = new boolean[cells];
    int needed = retried;
    for (int i = 0; i < cells && needed > 0; i++) {
      if (rng.uniform(0, cells - i) < needed) {
        isRetried[i] = true;
        needed--;
      }
    }
    // The earlier attempt of each retried cell: null when it failed.
    long[][] earlier = new long[cells][];
    boolean[] earlierFailed = new boolean[cells];
    for (int i = 0; i < cells; i++) {
      if (!isRetried[i]) {
        continue;
      }
      if (rng.uniform(0, 2) == 0) {
        earlierFailed[i] = true;
      } else {
        long[] x = counted[i].clone();
        for (int m = 0; m < METRICS; m++) {
          x[m] += rng.bell(JITTER[m]);
        }
        earlier[i] = clamp(x);
      }
    }

    List<String> variantNames = variants(variants);
    List<String> cryptoNames = cryptos(cryptos);
    Timeline timeline = new Timeline(START, seed ^ TIMELINE_SALT, Duration.ofSeconds(5), Duration.ofSeconds(25));
    List<ResultRow> rows = new ArrayList<>(cells + retried);
    for (int i = 0; i < cells; i++) {
      String variant = variantNames.get(i / folds / cryptos);
      String crypto = cryptoNames.get(i / folds % cryptos);
      int fold = i % folds + 1;
      if (!isRetried[i]) {
        rows.add(completed(variant, crypto, fold, counted[i], timeline.next()));
      } else if (earlierFailed[i]) {
        rows.add(new ResultRow(RUN_ID, FACTOR, variant, crypto, fold, FAILED, Double.NaN, Double.NaN, Double.NaN, 0,
            Double.NaN, Double.NaN, Double.NaN, timeline.next()));
      } else {
        rows.add(completed(variant, crypto, fold, earlier[i], timeline.next()));
      }
    }
    timeline.pause(Duration.ofHours(1)); // the runner restarts, then re-runs the retried cells
    for (int i = 0; i < cells; i++) {
      if (isRetried[i]) {
        rows.add(completed(variantNames.get(i / folds / cryptos), cryptoNames.get(i / folds % cryptos), i % folds + 1,
            counted[i], timeline.next()));
      }
    }
    return List.copyOf(rows);
  }

  private static long[] clamp(long[] x) {
    for (int m = 0; m < METRICS; m++) {
      x[m] = Math.max(FLOOR[m], x[m]);
    }
    x[F1] = Math.min(F1_CEILING, x[F1]);
    return x;
  }

  private static ResultRow completed(String variant, String crypto, int fold, long[] x, Instant at) {
    long totalReturn = x[EXPECTANCY] * x[TRADES] / 100;
    return new ResultRow(RUN_ID, FACTOR, variant, crypto, fold, ResultRow.COMPLETED,
        Construction.value(x[F1]),
        Construction.value(x[SORTINO]),
        Construction.value(totalReturn),
        Math.toIntExact(x[TRADES]),
        Construction.value(x[ECE]),
        Construction.value(x[EXPECTANCY]),
        Construction.value(x[DRAWDOWN]),
        at);
  }

  /**
   * The spec of the sweep, {@code dossiers/<name>.yaml}: layout results, one branch with every
   * variant (baseline first), every crypto and the folds, the house bootstrap (10,000 resamples,
   * seed 42).
   */
  public static String spec(Size size) {
    String name = size.name();
    StringBuilder y = new StringBuilder();
    y.append("# A synthetic benchmark sweep, written by `dossier sample-data --big ").append(size)
        .append("` (bench/run.sh).\n")
        .append("# Not a real track: ").append(size.variants()).append(" variants x ").append(size.cryptos())
        .append(" cryptos x ").append(size.folds()).append(" folds, seeded, regenerated at will.\n")
        .append("track: 900\n")
        .append("title: Big sweep ").append(size).append('\n')
        .append("date: 2026-05-01\n")
        .append("layout: results\n")
        .append("story: BENCH (synthetic sweep)\n")
        .append("plan: F1_BUY_BOOST_PLAN.md\n")
        .append("snapshot: data/").append(name).append(".csv\n")
        .append("readiness: ").append(READINESS).append('\n')
        .append("output: ").append(name).append("-results.md\n")
        .append("branches:\n")
        .append("  - factor: ").append(FACTOR).append('\n')
        .append("    runs: [").append(RUN_ID).append("]\n")
        .append("    baseline: ").append(BASELINE).append('\n')
        .append("    variants:\n");
    for (String v : variants(size.variants())) {
      y.append("      - name: ").append(v).append('\n');
    }
    y.append("    cryptos: [").append(String.join(", ", cryptos(size.cryptos()))).append("]\n")
        .append("    folds: ").append(size.folds()).append('\n')
        .append("bootstrap:\n")
        .append("  resamples: 10000\n")
        .append("  seed: 42\n")
        .append("  level: 0.95\n");
    return y.toString();
  }

  /** A readiness file with the six sections of gate 6 filled in, shared by the big sweeps. */
  public static String readiness() {
    return String.join("\n",
        "# Big sweeps: MLOps readiness",
        "",
        "Synthetic benchmark sweeps (`dossier sample-data --big`); the six sections of gate 6 are filled in so that the",
        "gate is evaluated as for a real track.",
        "",
        "## 1. Model card", "", "A synthetic classifier; every value of the sweep is drawn from a seeded generator.", "",
        "## 2. Data lineage", "", "`dossier.sample.BigSweep`, SplitMix64 seeded with the seed given on the command line.", "",
        "## 3. Reproducibility", "", "The same size, retried fraction and seed give the same bytes.", "",
        "## 4. Monitoring", "", "None: the sweep exists to time the tool.", "",
        "## 5. Rollback plan", "", "Delete the files; `bench/run.sh` writes them again.", "",
        "## 6. Sign-off", "", "Not applicable to a benchmark.", "");
  }

  /**
   * Writes a bench project's sweep: {@code <project>/dossiers/data/<name>.csv} (the snapshot, in
   * canonical order), {@code <project>/dossiers/<name>.yaml} (its spec) and the shared readiness
   * file {@code <project>/dossiers/big/mlops_readiness.md}.
   *
   * @return the snapshot and the spec written
   */
  public static List<Path> write(Path project, Size size, double retriedFraction, long seed) {
    Path dossiers = project.resolve("dossiers");
    Path csv = dossiers.resolve("data").resolve(size.name() + ".csv");
    Path yaml = dossiers.resolve(size.name() + ".yaml");
    AtomicFile.write(csv, SnapshotWriter.write(rows(size, retriedFraction, seed)));
    AtomicFile.write(yaml, spec(size));
    AtomicFile.write(dossiers.resolve(READINESS), readiness());
    return List.of(csv, yaml);
  }

  /** Summary line for a sweep, e.g. for the command's output. */
  public static String describe(Size size, double retriedFraction) {
    int retried = retriedCells(size.cells(), retriedFraction);
    return String.format(Locale.ROOT, "%s: %d cells, %d retried, %d rows", size.name(), size.cells(), retried,
        size.cells() + retried);
  }

  /**
   * {@code BigSweep PROJECT SIZE… [--retried FRACTION] [--seed N]}: the bench's synthetic sweeps
   * (bench/run.sh), each written into PROJECT with its spec; a size is {@code VxCxF}.
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: BigSweep PROJECT VxCxF… [--retried FRACTION] [--seed N]");
      System.exit(2);
    }
    Path project = Path.of(args[0]);
    double retried = DEFAULT_RETRIED;
    long seed = DEFAULT_SEED;
    List<Size> sizes = new java.util.ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--retried" -> retried = Double.parseDouble(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> sizes.add(Size.parse(args[i]));
      }
    }
    for (Size size : sizes) {
      List<Path> written = write(project, size, retried, seed);
      System.out.println("wrote " + written.get(0) + " and " + written.get(1) + " (" + describe(size, retried) + ")");
    }
  }

  /** Uniform and bell-shaped draws in integer micro-units from one SplitMix64 stream. */
  private static final class Draws {
    private final SplitMix64 rng;

    Draws(long seed) {
      this.rng = new SplitMix64(seed);
    }

    /** Uniform in [lo, hi); hi − lo must be in (0, 2³²]. */
    long uniform(long lo, long hi) {
      long span = hi - lo;
      if (span <= 0 || span > (1L << 32)) {
        throw new IllegalArgumentException("span out of range: [" + lo + ", " + hi + ")");
      }
      return lo + (((rng.nextLong() >>> 32) * span) >>> 32);
    }

    /** The mean of three uniform draws in [−spread, spread], rounded toward zero. */
    long bell(long spread) {
      long sum = 0;
      for (int k = 0; k < 3; k++) {
        sum += uniform(-spread, spread + 1);
      }
      return sum / 3;
    }
  }
}
