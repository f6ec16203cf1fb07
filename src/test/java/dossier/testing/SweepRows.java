package dossier.testing;

import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.source.Sweeps;
import dossier.stats.BootstrapSettings;
import dossier.stats.BranchStats;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of one hand-made sweep (factor {@code f}, run {@code r1}, baseline {@code none}), written
 * cell by cell with the decimals a CSV or PostgreSQL would hold, so that a test can state what
 * the data says in decimal and what binary arithmetic makes of it.
 */
public final class SweepRows {
  public static final String RUN = "r1";
  public static final String FACTOR = "f";
  public static final String BASELINE = "none";
  public static final BootstrapSettings BOOT = new BootstrapSettings(1000, 42, 0.95);

  private final List<ResultRow> rows = new ArrayList<>();
  private int clock;

  /** A completed attempt; ECE 0.05 and total return 5 on every row. */
  public SweepRows add(String variant, String crypto, int fold, double f1, double sortino, double expectancy,
      double drawdown, int trades) {
    rows.add(new ResultRow(RUN, FACTOR, variant, crypto, fold, ResultRow.COMPLETED, f1, sortino, 5.0, trades, 0.05,
        expectancy, drawdown, Instant.parse("2026-04-29T12:00:00Z").plusSeconds(clock++)));
    return this;
  }

  /** A completed attempt with only f1 varying: sortino 1, expectancy 10, drawdown 10, 60 trades. */
  public SweepRows add(String variant, String crypto, int fold, double f1) {
    return add(variant, crypto, fold, f1, 1.0, 10.0, 10.0, 60);
  }

  public List<ResultRow> rows() {
    return List.copyOf(rows);
  }

  public BranchStats stats(List<String> cryptos, String... variants) {
    List<String> names = new ArrayList<>(List.of(BASELINE));
    names.addAll(List.of(variants));
    return BranchStats.of(Sweeps.resolve(rows(), FACTOR, List.of(RUN), BASELINE, names, cryptos), Metric.F1_BUY,
        BOOT);
  }

  /** {@code a + b} computed in decimal, then read as a double (as a CSV holding the sum would be). */
  public static double plus(String a, String b) {
    return new BigDecimal(a).add(new BigDecimal(b)).doubleValue();
  }
}
