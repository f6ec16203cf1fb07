package dossier.outcomes;

import dossier.cli.Run;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A track whose f1_buy deltas are given exactly, in decimal, per branch, variant, crypto and fold
 * (every other metric the same on every row), so that a test can put the decision where it wants:
 * several variants locking, a tie as printed, a baseline best on one crypto, two branches locking.
 */
final class DecisionSweep {
  static final List<String> CRYPTOS = List.of("AAAUSDC", "BBBUSDC", "CCCUSDC", "DDDUSDC", "EEEUSDC");
  static final String RUN = SweepProject.RUN;

  /** A branch: its factor, baseline, and each other variant's deltas[crypto][fold]. */
  record Branch(String factor, String baseline, Map<String, double[][]> deltas) {}

  private final String layout;
  private final List<Branch> branches = new ArrayList<>();
  private String readiness = SweepProject.readiness();
  private final List<String> specLines = new ArrayList<>();

  DecisionSweep(String layout) {
    this.layout = layout;
  }

  DecisionSweep branch(String factor, String baseline, Object... variantsAndDeltas) {
    Map<String, double[][]> deltas = new LinkedHashMap<>();
    for (int i = 0; i < variantsAndDeltas.length; i += 2) {
      deltas.put((String) variantsAndDeltas[i], (double[][]) variantsAndDeltas[i + 1]);
    }
    branches.add(new Branch(factor, baseline, deltas));
    return this;
  }

  DecisionSweep readiness(String text) {
    readiness = text;
    return this;
  }

  DecisionSweep spec(String... lines) {
    specLines.addAll(List.of(lines));
    return this;
  }

  /**
   * Every crypto's deltas {m + 0.004, m − 0.004, m + 0.002, m − 0.002, m}: mean Δ m exactly, a CI
   * well clear of 0 once m is.
   */
  static double[][] around(double... perCrypto) {
    return spread(0.004, perCrypto);
  }

  /** As {@link #around}, the folds of each crypto at {m ± s, m ± s/2, m}. */
  static double[][] spread(double s, double... perCrypto) {
    BigDecimal wide = new BigDecimal(Double.toString(s));
    BigDecimal half = wide.divide(BigDecimal.valueOf(2));
    double[][] out = new double[CRYPTOS.size()][];
    for (int c = 0; c < out.length; c++) {
      BigDecimal m = new BigDecimal(Double.toString(perCrypto.length == 1 ? perCrypto[0] : perCrypto[c]));
      out[c] = new double[] {m.add(wide).doubleValue(), m.subtract(wide).doubleValue(), m.add(half).doubleValue(),
          m.subtract(half).doubleValue(), m.doubleValue()};
    }
    return out;
  }

  /** Writes the project under {@code project} as track {@code track}. */
  Path writeTo(Path project, int track) throws IOException {
    String name = "track" + track;
    List<String> lines = new ArrayList<>();
    lines.add("run_id,factor,variant,crypto,fold,status,f1_buy,sortino,total_return,n_trades,ece,expectancy_net,"
        + "max_drawdown,created_at");
    int second = 0;
    StringBuilder spec = new StringBuilder(String.join("\n", "track: " + track, "title: Loss shape",
        "date: 2026-12-01", "layout: " + layout, "story: CVN-TEST-S01", "plan: F1_BUY_BOOST_PLAN.md",
        "plan_subject: the shape of the loss", "snapshot: data/" + name + ".csv",
        "readiness: " + name + "/mlops_readiness.md", "output: " + name + "-results.md", "branches:", ""));
    for (Branch b : branches) {
      List<String> variants = new ArrayList<>(List.of(b.baseline()));
      variants.addAll(b.deltas().keySet());
      for (int c = 0; c < CRYPTOS.size(); c++) {
        for (int f = 0; f < 5; f++) {
          BigDecimal base = new BigDecimal("0.400000").add(new BigDecimal("0.010000").multiply(BigDecimal.valueOf(c)))
              .add(new BigDecimal("0.002000").multiply(BigDecimal.valueOf(f)));
          for (String variant : variants) {
            BigDecimal f1 = variant.equals(b.baseline()) ? base
                : base.add(new BigDecimal(Double.toString(b.deltas().get(variant)[c][f])));
            lines.add(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,completed,%s,2.5,25.0,80,0.05,60.0,15.0,"
                + "2026-12-01T%02d:%02d:%02dZ", RUN, b.factor(), variant, CRYPTOS.get(c), f + 1, f1.toPlainString(),
                10 + second / 3600, second / 60 % 60, second % 60));
            second += 30;
          }
        }
      }
      spec.append("  - factor: ").append(b.factor()).append('\n')
          .append("    label: ").append(b.factor()).append('\n')
          .append("    title: ").append(b.factor()).append(" branch\n")
          .append("    runs: [").append(RUN).append("]\n")
          .append("    baseline: ").append(b.baseline()).append('\n')
          .append("    variants:\n");
      for (String v : variants) {
        spec.append("      - name: ").append(v).append('\n');
      }
      spec.append("    cryptos: [").append(String.join(", ", CRYPTOS)).append("]\n    folds: 5\n");
    }
    spec.append("narrative:\n  hypothesis: reshaping the loss lifts f1_buy on the minority BUY class\n");
    for (String l : specLines) {
      spec.append(l).append('\n');
    }
    Path dossiers = project.resolve("dossiers");
    Files.createDirectories(dossiers.resolve("data"));
    Files.createDirectories(dossiers.resolve(name));
    Files.write(dossiers.resolve("data").resolve(name + ".csv"), lines, StandardCharsets.UTF_8);
    Files.writeString(dossiers.resolve(name).resolve("mlops_readiness.md"), readiness, StandardCharsets.UTF_8);
    Files.writeString(dossiers.resolve(name + ".yaml"), spec.toString(), StandardCharsets.UTF_8);
    return project;
  }

  /** Writes the project, runs {@code generate}, and returns the dossier. */
  String generate(Path project, Path home, int track) throws IOException {
    writeTo(project, track);
    Run run = Run.offline(home, "-C", project.toString(), "generate", "track" + track);
    if (run.exit() != 0) {
      throw new AssertionError(run.exit() + ": " + run.err());
    }
    return Files.readString(project.resolve("dossiers").resolve("track" + track + "-results.md"),
        StandardCharsets.UTF_8);
  }
}
