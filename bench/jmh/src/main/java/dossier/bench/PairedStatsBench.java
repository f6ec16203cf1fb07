package dossier.bench;

import dossier.stats.BenjaminiHochberg;
import dossier.stats.EffectSize;
import dossier.stats.PairedTTest;
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
 * The paired statistics on arrays of {@code n}: the t-test and Cohen's d_z on n differences, and
 * the Benjamini–Hochberg adjustment of n p-values (a branch has few variants; large n shows the
 * sort).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PairedStatsBench {
  @Param({"25", "250", "2000"})
  public int n;

  private double[] deltas;
  private double[] pValues;

  @Setup
  public void setUp() {
    deltas = Inputs.deltas(n, 11L);
    pValues = Inputs.pValues(n, 13L);
  }

  @Benchmark
  public PairedTTest.Result pairedTTest() {
    return PairedTTest.test(deltas);
  }

  @Benchmark
  public double cohensDz() {
    return EffectSize.cohensDz(deltas);
  }

  @Benchmark
  public double[] benjaminiHochberg() {
    return BenjaminiHochberg.adjust(pValues);
  }
}
