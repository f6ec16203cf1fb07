package dossier.outcomes;

import dossier.source.ResultRow;
import dossier.source.SnapshotWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A project of one synthetic track, written as a team would have it: a spec, its snapshot and a
 * complete readiness file. The outcome gallery and the property test describe sweeps with it
 * (effects of either sign, any number of cryptos and folds, retries, failures, missing cells),
 * and then run the real commands on the project.
 *
 * <p>Rows are drawn so that the pairing matters, as in a real sweep: each crypto × fold cell has a
 * level shared by every variant, and a variant adds its own shift and noise.
 */
public record SweepProject(
    String layout,
    int track,
    List<String> cryptos,
    List<Integer> folds,
    List<Variant> variants,
    double noise,
    int trades,
    long seed,
    Set<String> failedCells,
    Set<String> missingCells,
    Set<String> retriedCells,
    int resamples) {

  public static final String RUN = "ftf_20261201_120000_abcdef";
  public static final String FACTOR = "loss_shape";

  public SweepProject {
    cryptos = List.copyOf(cryptos);
    folds = List.copyOf(folds);
    variants = List.copyOf(variants);
    failedCells = Set.copyOf(failedCells);
    missingCells = Set.copyOf(missingCells);
    retriedCells = Set.copyOf(retriedCells);
    if (variants.size() < 2) {
      throw new IllegalArgumentException("variants: the baseline and at least one more");
    }
  }

  /**
   * A variant and its true shifts against the baseline (the first variant's are all 0).
   *
   * @param params the spec's parameter text; empty for none
   */
  public record Variant(String name, String params, double f1, double expectancy, double sortino, double drawdown,
      double ece) {
    public static Variant baseline(String name) {
      return new Variant(name, "", 0, 0, 0, 0, 0);
    }

    public static Variant shifted(String name, double f1) {
      return new Variant(name, "", f1, 0, 0, 0, 0);
    }

    public Variant withJoint(double expectancy, double sortino, double drawdown) {
      return new Variant(name, params, f1, expectancy, sortino, drawdown, ece);
    }
  }

  /** The key of a cell in {@link #failedCells} and friends: {@code variant/crypto/fold}. */
  public static String cell(String variant, String crypto, int fold) {
    return variant + "/" + crypto + "/" + fold;
  }

  public static SweepProject of(String layout, List<String> cryptos, List<Integer> folds, List<Variant> variants,
      long seed) {
    return new SweepProject(layout, 9, cryptos, folds, variants, 0.02, 80, seed, Set.of(), Set.of(), Set.of(), 2000);
  }

  public SweepProject withNoise(double value) {
    return new SweepProject(layout, track, cryptos, folds, variants, value, trades, seed, failedCells, missingCells,
        retriedCells, resamples);
  }

  public SweepProject withTrades(int value) {
    return new SweepProject(layout, track, cryptos, folds, variants, noise, value, seed, failedCells, missingCells,
        retriedCells, resamples);
  }

  public SweepProject withCells(Set<String> failed, Set<String> missing, Set<String> retried) {
    return new SweepProject(layout, track, cryptos, folds, variants, noise, trades, seed, failed, missing, retried,
        resamples);
  }

  public SweepProject withResamples(int value) {
    return new SweepProject(layout, track, cryptos, folds, variants, noise, trades, seed, failedCells, missingCells,
        retriedCells, value);
  }

  public String baseline() {
    return variants.get(0).name();
  }

  public String trackName() {
    return "track" + track;
  }

  /** The rows of the sweep, in no particular order (the tool orders them). */
  public List<ResultRow> rows() {
    Random random = new Random(seed);
    List<ResultRow> rows = new ArrayList<>();
    Instant t = Instant.parse("2026-12-01T12:00:00Z");
    for (String crypto : cryptos) {
      double cryptoLevel = 0.35 + 0.1 * random.nextDouble();
      for (int fold : folds) {
        // What every variant shares in this cell: the data of this crypto and fold.
        double f1Cell = cryptoLevel + 0.03 * random.nextGaussian();
        double sortinoCell = 2.5 + 0.3 * random.nextGaussian();
        double expectancyCell = 60 + 5 * random.nextGaussian();
        double drawdownCell = 15 + 2 * random.nextGaussian();
        for (Variant v : variants) {
          String key = cell(v.name(), crypto, fold);
          t = t.plusSeconds(60);
          if (missingCells.contains(key)) {
            continue;
          }
          if (retriedCells.contains(key) || failedCells.contains(key)) {
            rows.add(new ResultRow(RUN, FACTOR, v.name(), crypto, fold, "training_failed", Double.NaN, Double.NaN,
                Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, t));
            t = t.plusSeconds(60);
            if (failedCells.contains(key)) {
              continue;
            }
          }
          double f1 = clamp(f1Cell + v.f1() + noise * random.nextGaussian());
          rows.add(new ResultRow(RUN, FACTOR, v.name(), crypto, fold, ResultRow.COMPLETED, round(f1, 6),
              round(sortinoCell + v.sortino() + 0.1 * random.nextGaussian(), 3),
              round(25 + 5 * random.nextGaussian(), 2),
              Math.max(1, trades + (int) Math.round(5 * random.nextGaussian())),
              round(0.05 + v.ece() + 0.005 * random.nextGaussian(), 4),
              round(expectancyCell + v.expectancy() + 2 * random.nextGaussian(), 1),
              round(drawdownCell + v.drawdown() + 0.5 * random.nextGaussian(), 2), t));
        }
      }
    }
    return rows;
  }

  private static double clamp(double f1) {
    return Math.min(0.99, Math.max(0.01, f1));
  }

  private static double round(double x, int decimals) {
    return new java.math.BigDecimal(Double.toString(x)).setScale(decimals, java.math.RoundingMode.HALF_UP)
        .doubleValue();
  }

  /** The spec of the track, in YAML, as a team writes it. */
  public String spec() {
    StringBuilder y = new StringBuilder();
    y.append("track: ").append(track).append('\n')
        .append("title: Loss shape\n")
        .append("date: 2026-12-01\n")
        .append("layout: ").append(layout).append('\n')
        .append("story: CVN-TEST-S01\n")
        .append("plan: F1_BUY_BOOST_PLAN.md\n")
        .append("plan_subject: the shape of the loss\n")
        .append("snapshot: data/").append(trackName()).append(".csv\n")
        .append("readiness: ").append(trackName()).append("/mlops_readiness.md\n")
        .append("output: ").append(trackName()).append("-results.md\n")
        .append("branches:\n")
        .append("  - factor: ").append(FACTOR).append('\n')
        .append("    label: loss shape\n")
        .append("    runs: [").append(RUN).append("]\n")
        .append("    baseline: ").append(baseline()).append('\n')
        .append("    variants:\n");
    for (Variant v : variants) {
      y.append("      - name: ").append(v.name()).append('\n');
      if (!v.params().isEmpty()) {
        y.append("        params: \"").append(v.params()).append("\"\n");
      }
    }
    y.append("    cryptos: [").append(String.join(", ", cryptos)).append("]\n")
        .append("    folds: [").append(folds.stream().map(String::valueOf).collect(Collectors.joining(", ")))
        .append("]\n")
        .append("bootstrap:\n  resamples: ").append(resamples).append("\n  seed: 42\n  level: 0.95\n")
        .append("narrative:\n")
        .append("  hypothesis: reshaping the loss lifts f1_buy on the minority BUY class\n");
    return y.toString();
  }

  /** A readiness file with every section of the plan filled in. */
  static String readiness() {
    StringBuilder r = new StringBuilder("# MLOps readiness\n");
    for (String section : List.of("Model card", "Data lineage", "Reproducibility", "Monitoring", "Rollback plan",
        "Sign-off")) {
      r.append("\n## ").append(section).append("\n\nDone, and reviewed by the ML lead.\n");
    }
    return r.toString();
  }

  /** Writes the project under {@code root} (its {@code dossiers/} folder) and returns {@code root}. */
  public Path writeTo(Path root) throws IOException {
    Path dossiers = root.resolve("dossiers");
    Files.createDirectories(dossiers.resolve("data"));
    Files.createDirectories(dossiers.resolve(trackName()));
    Files.writeString(dossiers.resolve(trackName() + ".yaml"), spec(), StandardCharsets.UTF_8);
    Files.writeString(dossiers.resolve("data").resolve(trackName() + ".csv"), SnapshotWriter.write(rows()),
        StandardCharsets.UTF_8);
    Files.writeString(dossiers.resolve(trackName()).resolve("mlops_readiness.md"), readiness(),
        StandardCharsets.UTF_8);
    return root;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %d cryptos × folds %s, variants %s, noise %s, seed %d", layout,
        cryptos.size(), folds, variants.stream().map(v -> v.name() + "(" + v.f1() + ")").toList(), noise, seed);
  }
}
