package dossier.bench;

import org.apache.commons.rng.core.source64.SplitMix64;

/** Deterministic benchmark inputs: SplitMix64 with fixed seeds, so every run measures the same numbers. */
final class Inputs {
  private Inputs() {}

  /** Paired differences around −0.07 with a spread of ±0.1, like Track 6's f1_buy deltas. */
  static double[] deltas(int n, long seed) {
    SplitMix64 rng = new SplitMix64(seed);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = -0.07 + (unit(rng) - 0.5) * 0.2;
    }
    return d;
  }

  /** p-values in (0, 1), a few of them very small, as a branch's raw p-values are. */
  static double[] pValues(int n, long seed) {
    SplitMix64 rng = new SplitMix64(seed);
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      double u = unit(rng);
      p[i] = i % 4 == 0 ? u * 1e-6 : Math.max(u, 1e-12);
    }
    return p;
  }

  /** Uniform in [0, 1) from the top 53 bits. */
  private static double unit(SplitMix64 rng) {
    return (rng.nextLong() >>> 11) * 0x1.0p-53;
  }
}
