package dossier.gates;

import dossier.source.Metric;
import dossier.stats.Bootstrap;
import dossier.stats.BootstrapSettings;
import dossier.stats.Comparison;
import dossier.stats.Descriptive;
import dossier.stats.EffectSize;
import dossier.stats.PairedTTest;
import dossier.stats.Robustness;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * How often gate 1 lets some variant of a branch through when no variant is better (true Δ = 0),
 * and when every variant truly lifts by +0.015 or +0.03 (power), under the house rule alone and
 * with the corrected rule (issue 21). Sweeps of 5 cryptos × 5 folds with deltas correlated as
 * purged k-fold makes them:
 *
 * <pre>
 *   Δ(c, f, v) = Δ + γ_c + α_{c,v} + β_{c,f} + ε_{c,f,v}
 * </pre>
 *
 * γ_c (a crypto's shift, shared by the variants) and α_{c,v} (the variant's on that crypto) make the
 * folds of a crypto correlated, ρ = 0.2, the value that r = 1/(k − 1) = 0.25 assumes; β_{c,f} (a
 * fold hard or easy for every variant against the same baseline row) correlates the variants, 0.4
 * in all at the same crypto × fold. sd of a delta 0.045, that of the Track 6 sample's deltas
 * (|d| ≈ 1.5 at mean Δ ≈ −0.07).
 * Gate 1 is the real one ({@link GateEvaluator}, the plan's thresholds, decided on the figures as
 * printed); the bootstrap is the tool's (SplitMix64, seed 42) with {@link #RESAMPLES} resamples.
 * Only gate 1 is simulated: the other gates are taken to pass, so the rates are those of gate 1,
 * an upper bound on false LOCKs.
 *
 * <pre>
 *   mvn -o -q test-compile && java -cp target/test-classes:target/classes:$(cat cp.txt) dossier.gates.FalseLockSimulation [sweeps] [resamples]
 * </pre>
 */
public final class FalseLockSimulation {
  static final int CRYPTOS = 5;
  static final int FOLDS = 5;
  static final double SD = 0.045;
  static final double CRYPTO_SHARED = 0.1;
  static final double CRYPTO_VARIANT = 0.1;
  static final double FOLD_SHARED = 0.3;
  static final int RESAMPLES = 10_000;

  private FalseLockSimulation() {}

  /** Rates over {@code sweeps}: any variant passes gate 1 under the house rule; under the new rule. */
  public record Rates(int sweeps, int houseLocks, int correctedLocks, int variants, int housePasses,
      int correctedPasses) {
    double house() {
      return (double) houseLocks / sweeps;
    }

    double corrected() {
      return (double) correctedLocks / sweeps;
    }

    /** Gate 1 passes per variant (power, when the true Δ is the gate's). */
    double housePerVariant() {
      return (double) housePasses / (sweeps * variants);
    }

    double correctedPerVariant() {
      return (double) correctedPasses / (sweeps * variants);
    }

    /** The Monte Carlo standard error of a rate p over n sweeps: √(p(1 − p)/n). */
    static double error(double p, int n) {
      return Math.sqrt(p * (1 - p) / n);
    }
  }

  public static Rates run(int sweeps, int variants, double trueDelta, int resamples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    GatePlan plan = GatePlan.defaults();
    GatePlan.Gate lift = plan.gates().get(0);
    GatePlan.Gate house = new GatePlan.Gate(lift.number(), lift.kind(), with(lift.thresholds(), "corrected", 0),
        false);
    Robustness.Settings settings = plan.corrected();
    BootstrapSettings bootstrap = new BootstrapSettings(resamples, 42, 0.95);
    Readiness.Result ready = new Readiness.Result("r.md", Status.PASS, 6, 6, List.of());
    int houseLocks = 0;
    int correctedLocks = 0;
    int housePasses = 0;
    int correctedPasses = 0;
    for (int s = 0; s < sweeps; s++) {
      double[][][] d = sweep(random, variants, trueDelta);
      boolean anyHouse = false;
      boolean anyCorrected = false;
      for (int v = 0; v < variants; v++) {
        Comparison c = comparison(d, v, variants, settings, bootstrap);
        boolean h = GateEvaluator.evaluate(house, null, c, ready).status() == Status.PASS;
        boolean k = GateEvaluator.evaluate(lift, null, c, ready).status() == Status.PASS;
        housePasses += h ? 1 : 0;
        correctedPasses += k ? 1 : 0;
        anyHouse |= h;
        anyCorrected |= k;
      }
      houseLocks += anyHouse ? 1 : 0;
      correctedLocks += anyCorrected ? 1 : 0;
    }
    return new Rates(sweeps, houseLocks, correctedLocks, variants, housePasses, correctedPasses);
  }

  /** d[v][c][f]. */
  static double[][][] sweep(SplittableRandom r, int variants, double trueDelta) {
    double[] crypto = new double[CRYPTOS];
    double[][] fold = new double[CRYPTOS][FOLDS];
    for (int c = 0; c < CRYPTOS; c++) {
      crypto[c] = gauss(r) * SD * Math.sqrt(CRYPTO_SHARED);
      for (int f = 0; f < FOLDS; f++) {
        fold[c][f] = gauss(r) * SD * Math.sqrt(FOLD_SHARED);
      }
    }
    double own = 1 - CRYPTO_SHARED - CRYPTO_VARIANT - FOLD_SHARED;
    double[][][] d = new double[variants][CRYPTOS][FOLDS];
    for (int v = 0; v < variants; v++) {
      for (int c = 0; c < CRYPTOS; c++) {
        double alpha = gauss(r) * SD * Math.sqrt(CRYPTO_VARIANT);
        for (int f = 0; f < FOLDS; f++) {
          d[v][c][f] = trueDelta + crypto[c] + alpha + fold[c][f] + gauss(r) * SD * Math.sqrt(own);
        }
      }
    }
    return d;
  }

  /** What BranchStats would make of one variant's deltas: the bootstrap CI and the corrected figures. */
  static Comparison comparison(double[][][] d, int v, int variants, Robustness.Settings settings,
      BootstrapSettings bootstrap) {
    double[] all = new double[CRYPTOS * FOLDS];
    List<double[]> byCrypto = new ArrayList<>();
    Map<String, Double> perCrypto = new LinkedHashMap<>();
    for (int c = 0; c < CRYPTOS; c++) {
      System.arraycopy(d[v][c], 0, all, c * FOLDS, FOLDS);
      byCrypto.add(d[v][c]);
      perCrypto.put("C" + c, Descriptive.mean(d[v][c]));
    }
    Bootstrap.Interval ci = Bootstrap.percentileInterval(all, bootstrap.resamples(), bootstrap.seed(), bootstrap.level());
    Map<Metric, Double> means = new EnumMap<>(Metric.class);
    for (Metric m : Metric.values()) {
      means.put(m, m == Metric.F1_BUY ? Descriptive.mean(all) : 0.0);
    }
    return new Comparison("v" + v, Metric.F1_BUY, all.length, List.of(), means,
        Optional.of(new Comparison.Inference(ci.low(), ci.high(), EffectSize.cohensDz(all), PairedTTest.test(all).p(),
            Double.NaN)),
        perCrypto, Robustness.of(byCrypto, 1, settings.ratio(FOLDS), settings.rope(), variants, false));
  }

  private static double gauss(SplittableRandom r) {
    // Box–Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static Map<String, Double> with(Map<String, Double> t, String key, double value) {
    Map<String, Double> out = new LinkedHashMap<>(t);
    out.put(key, value);
    return out;
  }

  public static void main(String[] args) {
    int sweeps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int resamples = args.length > 1 ? Integer.parseInt(args[1]) : RESAMPLES;
    System.out.printf(Locale.ROOT, "%d sweeps each, %d cryptos × %d folds, %d bootstrap resamples, seed 2026%n%n",
        sweeps, CRYPTOS, FOLDS, resamples);
    System.out.println("| true Δ | variants | some variant passes gate 1: house rule | with the corrected rule"
        + " | per variant: house rule | with the corrected rule |");
    System.out.println("|---|---|---|---|---|---|");
    for (double delta : new double[] {0, 0.015, 0.03}) {
      for (int m : new int[] {4, 12}) {
        Rates r = run(sweeps, m, delta, resamples, 2026);
        System.out.printf(Locale.ROOT, "| %s | %d | %.3f ± %.3f | %.3f ± %.3f | %.3f | %.3f |%n",
            delta == 0 ? "0" : "+" + delta, m, r.house(), Rates.error(r.house(), sweeps), r.corrected(),
            Rates.error(r.corrected(), sweeps), r.housePerVariant(), r.correctedPerVariant());
      }
    }
  }
}
