package dossier.bench;

import dossier.stats.Bootstrap;
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
 * The percentile bootstrap of one comparison: {@code pairs} paired differences, {@code resamples}
 * resamples, seed 42, 95 %. Its work is resamples × pairs index draws, so the time should grow
 * about 10× from one pairs value to the next (and linearly in resamples: {@code -p
 * resamples=1000,10000,100000}). It runs chunks on the common fork-join pool above 200,000 draws.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BootstrapBench {
  @Param({"25", "250", "2000"})
  public int pairs;

  @Param({"10000"})
  public int resamples;

  /**
   * {@code same}: one seed, so from the second call on the indices drawn are kept and only added
   * up, as for every variant after the first of a sweep; {@code fresh}: a new seed for every call,
   * so every call draws its indices (and keeps them), as the first variant does.
   */
  @Param({"same", "fresh"})
  public String draws;

  private long seed = 42L;

  private double[] deltas;

  @Setup
  public void setUp() {
    deltas = Inputs.deltas(pairs, 7L);
  }

  @Benchmark
  public Bootstrap.Interval percentileInterval() {
    return Bootstrap.percentileInterval(deltas, resamples, draws.equals("fresh") ? seed++ : 42L, 0.95);
  }
}
