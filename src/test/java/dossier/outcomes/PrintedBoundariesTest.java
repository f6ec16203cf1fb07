package dossier.outcomes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.cli.Run;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps built to sit on a boundary of the printed figures: an interval whose bound is just off 0
 * in binary but prints 0.0000 (or 0.000), a Cohen's d just under a label's threshold that prints on
 * it. A sentence, a count, a gate cell and a label must agree with the decimals printed beside
 * them, as the gates do ({@link dossier.gates.Printed}). The deltas were tuned with the tool itself and SciPy:
 * each comment gives the unrounded figure.
 */
class PrintedBoundariesTest {
  private static final List<String> CRYPTOS = List.of("AAAUSDC", "BBBUSDC", "CCCUSDC", "DDDUSDC", "EEEUSDC");

  /** Bootstrap CI95 [0.0000296, 0.0083]: its low bound prints 0.0000 (results) and 0.000 (gate-decision). */
  private static final double[][] LOW_TOUCHES_0 = {
      {0.016383, -0.007282, -0.007175, 0.011153, 0.025328}, {0.009989, 0.017478, 0.006765, 0.026887, -0.000636},
      {-0.016244, 0.000533, 0.004478, 0.007762, -0.000662}, {0.006813, -0.001387, 0.008698, -0.006825, 0.001641},
      {0.009855, 0.002709, 0.000953, -0.016161, 0.002539}};

  /** Corrected CI95 [0.0000302, 0.0112] (bootstrap CI95 [0.0021, 0.0092]): the low bound prints 0.0000. */
  private static final double[][] CORRECTED_LOW_TOUCHES_0 = {
      {0.017523, 0.019135, 0.005304, -0.003004, -0.006281}, {0.004954, -0.005580, -0.009727, 0.006634, 0.005975},
      {0.010106, -0.004499, 0.004691, 0.003994, -0.010417}, {0.010021, 0.007848, 0.028532, 0.006671, 0.003194},
      {0.016969, 0.006629, 0.013731, 0.000986, 0.006823}};

  /** Cohen's d = 0.49755, printed 0.50 in the gate-decision layout: medium (≥ 0.5), not small. */
  private static final double[][] D_PRINTS_HALF = {
      {0.002342, 0.010015, 0.002640, 0.001750, -0.004399}, {0.002768, 0.016020, 0.009142, 0.015270, 0.007390},
      {0.008849, 0.006754, -0.011760, 0.013454, 0.009965}, {0.009889, -0.012013, -0.012538, -0.003995, 0.000219},
      {0.007955, 0.004442, 0.010111, -0.001521, 0.007988}};

  @TempDir Path home;

  @Test
  void aCiLowBoundThatPrintsZeroIncludesZeroInEverySentence(@TempDir Path project) throws IOException {
    String dossier = generate(project, "results", LOW_TOUCHES_0, 1);
    assertTrue(dossier.contains("| `shaped` | 0.0041 | 0.0000 | 0.0083 | 0.385 | 6.59e-02 | 6.59e-02 |"), dossier);
    assertTrue(dossier.contains("\n**ABANDON** for the loss_shape variant `shaped`. The CI95 includes 0: the sweep cannot"
        + " tell it from `none` on f1_buy (Cohen's d = 0.385), and gives the hypothesis \"reshaping the loss lifts"
        + " f1_buy on the minority BUY class\" no support.\n"), dossier);
    assertTrue(dossier.contains("\nCI95 below 0: 0 of 1 ; above 0: 0 of 1 ; including 0: 1 of 1.\n"), dossier);
    assertTrue(dossier.contains("mean and CI95 per variant: 0 of 1 CI95 below 0, 0 above 0, 1 across 0;"), dossier);
    assertTrue(dossier.contains("| 1 | F1_buy lift ≥ +0.015 with CI95 excluding 0 | shaped: Δ = 0.0041, CI95 [0.0000,"
        + " 0.0083] (CI95 includes 0) | FAIL × 1 |"), dossier);
  }

  @Test
  void aCiHighBoundThatPrintsZeroIncludesZero(@TempDir Path project) throws IOException {
    String dossier = generate(project, "results", negated(LOW_TOUCHES_0), 1);
    assertTrue(dossier.contains("| `shaped` | -0.0041 | -0.0083 | 0.0000 | -0.385 | 6.59e-02 | 6.59e-02 |"), dossier);
    assertTrue(dossier.contains("\nCI95 below 0: 0 of 1 ; above 0: 0 of 1 ; including 0: 1 of 1.\n"), dossier);
    assertTrue(dossier.contains("| 1 | F1_buy lift ≥ +0.015 with CI95 excluding 0 | shaped: Δ = -0.0041, CI95 [-0.0083,"
        + " 0.0000] (CI95 includes 0) | FAIL × 1 |"), dossier);
  }

  @Test
  void theGateDecisionLayoutJudgesTheCiOnItsThreeDecimals(@TempDir Path project) throws IOException {
    String dossier = generate(project, "gate-decision", LOW_TOUCHES_0, 1);
    assertTrue(dossier.contains("| `shaped` | 0.0041 | 0.000 | +0.00 | 0.39 (small) | [0.000, 0.008] includes 0 |"),
        dossier);
    assertTrue(dossier.contains("\nCI95 below 0: 0 of 1 ; above 0: 0 of 1 ; including 0: 1 of 1.\n"), dossier);
  }

  @Test
  void aCorrectedLowBoundThatPrintsZeroIsNotBeyondNoise(@TempDir Path project) throws IOException {
    String dossier = generate(project, "results", CORRECTED_LOW_TOUCHES_0, 1);
    assertTrue(dossier.contains("| `shaped` | 4.89e-02 | [0.0000, 0.0112] | 0.001 | 0.0079 |"), dossier);
    assertTrue(dossier.contains("The hypothesis \"reshaping the loss lifts f1_buy on the minority BUY class\" finds"
        + " naive support only for f1_buy: the CI95 lies above 0 (Cohen's d = 0.605), up on all 5 cryptos, but"
        + " corrected for the folds' correlation, `shaped` cannot be told from noise (see Robustness); yet it does not"
        + " pass every gate: `shaped` fails gate 1 (F1_buy lift).\n"), dossier);
    assertTrue(dossier.contains("\nThe CI95 excludes 0 in the right direction. Cohen's d = 0.605 (medium"
        + " effect); corrected for the folds' correlation, `shaped` cannot be told from noise (see Robustness).\n"),
        dossier);
    // One variant: its figure, not a range of one ("the variant ∈ [0.0056, 0.0056]").
    // It fails on its Δ alone, and says so beside FAIL.
    assertTrue(dossier.contains("| 1 | F1_buy lift ≥ +0.015 with CI95 excluding 0 | Δ = 0.0056 with CI95 excluding 0,"
        + " but below the +0.015 lift |"), dossier);
  }

  @Test
  void anEffectLabelReadsTheDAsPrinted(@TempDir Path project) throws IOException {
    String dossier = generate(project, "gate-decision", D_PRINTS_HALF, 1,
        "criteria:", "  - id: cohens_d", "    min_d: 0.3");
    assertTrue(dossier.contains("| `shaped` | 0.0040 | 0.000 | +0.00 | 0.50 (medium) | [0.001, 0.007] excludes 0 |"),
        dossier);
    assertTrue(dossier.contains("Cohen's d = 0.50 (medium effect)"), dossier);
    assertTrue(dossier.contains("| Cohen's d ≥ 0.3 | ✅ d = 0.50 (medium) |"), dossier);
  }

  /**
   * The gate-decision layout prints mean Δ to 4 decimals in its table (the house format's figure
   * for mean Δf1_buy) and used to quote it to 3 in gate 1: a mean Δ of 0.0145 and one of 0.01449
   * both print 0.0145 in the table, yet the first read "✅ Δ = 0.015" against "≥ +0.015" and the
   * second "❌ Δ = 0.014". Gate 1 now quotes and decides on the table's figure: 0.0145 fails.
   */
  @Test
  void gateOneQuotesTheMeanDeltaAsTheTablePrintsIt(@TempDir Path project) throws IOException {
    for (double m : new double[] {0.0145, 0.01449}) {
      String dossier = generate(project, "gate-decision", DecisionSweep.around(m), 1);
      assertTrue(dossier.contains("| `shaped` | 0.0145 |"), dossier);
      assertTrue(dossier.contains("| F1_buy lift ≥ +0.015 with CI95 excluding 0 | ❌ Δ = 0.0145, CI95 ["), dossier);
    }
    String passing = generate(project, "gate-decision", DecisionSweep.around(0.01495), 1);
    assertTrue(passing.contains("| `shaped` | 0.0150 |"), passing);
    assertTrue(passing.contains("| F1_buy lift ≥ +0.015 with CI95 excluding 0 | ✅ Δ = 0.0150, CI95 ["), passing);
  }

  /**
   * MDE80 is one figure: the Robustness table and the power sentence under it print it alike, in
   * both layouts (the gate-decision table used to print 3 decimals beside a sentence of 4, so an
   * MDE80 of 0.0155 read 0.015, the gate's lift, in the table and "could detect a lift of 0.0155"
   * below it).
   */
  @Test
  void theMde80OfTheTableIsTheOneTheSentenceGives(@TempDir Path project) throws IOException {
    for (String layout : List.of("results", "gate-decision")) {
      String dossier = generate(project, layout, DecisionSweep.around(0.0145), layout.equals("results") ? 1 : 2);
      java.util.regex.Matcher sentence = java.util.regex.Pattern
          .compile("(?:MDE80 ≤ |could detect a lift of )(-?[0-9.]+)").matcher(dossier);
      assertTrue(sentence.find(), dossier);
      java.util.regex.Matcher row = java.util.regex.Pattern
          .compile("\\| `shaped` \\| [^|]+ \\| [^|]+ \\| [^|]+ \\| (-?[0-9.]+) \\|\n").matcher(dossier);
      assertTrue(row.find(), dossier);
      assertEquals(sentence.group(1), row.group(1), layout + ": " + dossier);
    }
  }

  private static double[][] negated(double[][] deltas) {
    double[][] out = new double[deltas.length][];
    for (int c = 0; c < deltas.length; c++) {
      out[c] = new double[deltas[c].length];
      for (int f = 0; f < deltas[c].length; f++) {
        out[c][f] = -deltas[c][f];
      }
    }
    return out;
  }

  /**
   * A track of one variant {@code shaped} against {@code none}, whose f1_buy differ by exactly the
   * decimal {@code deltas[crypto][fold]}; every other metric is the same on both. {@code specLines}
   * end the spec.
   */
  private String generate(Path project, String layout, double[][] deltas, int track, String... specLines)
      throws IOException {
    String name = "track" + track;
    List<String> lines = new ArrayList<>();
    lines.add("run_id,factor,variant,crypto,fold,status,f1_buy,sortino,total_return,n_trades,ece,expectancy_net,"
        + "max_drawdown,created_at");
    int second = 0;
    for (int c = 0; c < CRYPTOS.size(); c++) {
      for (int f = 0; f < deltas[c].length; f++) {
        BigDecimal base = new BigDecimal("0.400000").add(new BigDecimal("0.010000").multiply(BigDecimal.valueOf(c)))
            .add(new BigDecimal("0.002000").multiply(BigDecimal.valueOf(f)));
        for (String variant : List.of("none", "shaped")) {
          BigDecimal f1 = variant.equals("none") ? base : base.add(new BigDecimal(Double.toString(deltas[c][f])));
          lines.add(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,completed,%s,2.5,25.0,80,0.05,60.0,15.0,"
              + "2026-12-01T12:%02d:%02dZ", SweepProject.RUN, SweepProject.FACTOR, variant, CRYPTOS.get(c), f + 1,
              f1.toPlainString(), second / 60, second % 60));
          second += 30;
        }
      }
    }
    Path dossiers = project.resolve("dossiers");
    Files.createDirectories(dossiers.resolve("data"));
    Files.createDirectories(dossiers.resolve(name));
    Files.write(dossiers.resolve("data").resolve(name + ".csv"), lines, StandardCharsets.UTF_8);
    Files.writeString(dossiers.resolve(name).resolve("mlops_readiness.md"), SweepProject.readiness(),
        StandardCharsets.UTF_8);
    Files.writeString(dossiers.resolve(name + ".yaml"), String.join("\n",
        "track: " + track, "title: Loss shape", "date: 2026-12-01", "layout: " + layout, "story: CVN-TEST-S01",
        "plan: F1_BUY_BOOST_PLAN.md", "plan_subject: the shape of the loss", "snapshot: data/" + name + ".csv",
        "readiness: " + name + "/mlops_readiness.md", "output: " + name + "-results.md", "branches:",
        "  - factor: " + SweepProject.FACTOR, "    label: loss_shape", "    runs: [" + SweepProject.RUN + "]",
        "    baseline: none", "    variants:", "      - name: none", "      - name: shaped",
        "    cryptos: [" + String.join(", ", CRYPTOS) + "]", "    folds: 5", "narrative:",
        "  hypothesis: reshaping the loss lifts f1_buy on the minority BUY class", String.join("\n", specLines), ""),
        StandardCharsets.UTF_8);
    Run run = Run.offline(home, "-C", project.toString(), "generate", name);
    assertEquals(0, run.exit(), run.err());
    return Files.readString(dossiers.resolve(name + "-results.md"), StandardCharsets.UTF_8);
  }
}
