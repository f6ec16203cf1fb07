package dossier.stats;

/** Cohen's d for paired samples and its Sawilowsky (2009) label. */
public final class EffectSize {
  private EffectSize() {}

  /** d_z: the mean of the paired differences over their sample standard deviation. */
  public static double cohensDz(double[] deltas) {
    return Descriptive.mean(deltas) / Descriptive.standardDeviation(deltas);
  }

  /**
   * Sawilowsky's labels on |d|: very small below 0.2, small ≥ 0.2, medium ≥ 0.5, large ≥ 0.8,
   * very large ≥ 1.2, huge ≥ 2.0.
   */
  public static String label(double d) {
    double a = Math.abs(d);
    if (Double.isNaN(a)) {
      return "undefined";
    }
    if (a >= 2.0) {
      return "huge";
    }
    if (a >= 1.2) {
      return "very large";
    }
    if (a >= 0.8) {
      return "large";
    }
    if (a >= 0.5) {
      return "medium";
    }
    if (a >= 0.2) {
      return "small";
    }
    return "very small";
  }
}
