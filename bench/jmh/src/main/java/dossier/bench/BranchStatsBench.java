package dossier.bench;

import dossier.sample.BigSweep;
import dossier.source.BranchSweep;
import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.source.Sweeps;
import dossier.stats.BootstrapSettings;
import dossier.stats.BranchStats;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The statistics of one branch of the synthetic sweep ({@link BigSweep}, 25 % retried cells),
 * at the three bench sizes {@code variants x cryptos x folds}:
 *
 * <ul>
 *   <li>{@code resolve}: the house rules for attempts (latest completed attempt of each cell);
 *   <li>{@code branchStats}: summaries, pairing, t-test, d, BH and the bootstrap (10,000
 *       resamples) of every variant, as a dossier computes them;
 *   <li>{@code branchStatsOneResample}: the same with 1 resample, i.e. everything but the
 *       bootstrap; the difference with {@code branchStats} is the bootstrap's share.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BranchStatsBench {
  @Param({"5x50x10", "10x100x10", "20x200x10"})
  public String size;

  private List<ResultRow> rows;
  private List<String> variants;
  private List<String> cryptos;
  private BranchSweep sweep;
  private static final BootstrapSettings ONE_RESAMPLE = new BootstrapSettings(1, 42L, 0.95);

  @Setup
  public void setUp() {
    BigSweep.Size s = BigSweep.Size.parse(size);
    rows = BigSweep.rows(s, BigSweep.DEFAULT_RETRIED, BigSweep.DEFAULT_SEED);
    variants = BigSweep.variants(s.variants());
    cryptos = BigSweep.cryptos(s.cryptos());
    sweep = resolve();
  }

  @Benchmark
  public BranchSweep resolve() {
    return Sweeps.resolve(rows, BigSweep.FACTOR, List.of(BigSweep.RUN_ID), BigSweep.BASELINE, variants, cryptos);
  }

  @Benchmark
  public BranchStats branchStats() {
    return BranchStats.of(sweep, Metric.F1_BUY, BootstrapSettings.DEFAULT);
  }

  @Benchmark
  public BranchStats branchStatsOneResample() {
    return BranchStats.of(sweep, Metric.F1_BUY, ONE_RESAMPLE);
  }
}
