package dossier.stats;

/** Mean and sample variance, with the conventions the dossiers state. */
public final class Descriptive {
  private Descriptive() {}

  public static double mean(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("mean of no values");
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** Sample variance (n − 1 in the denominator, as NumPy's {@code var(ddof=1)}); NaN for n < 2. */
  public static double variance(double[] values) {
    if (values.length < 2) {
      return Double.NaN;
    }
    double mean = mean(values);
    double ss = 0;
    for (double v : values) {
      double d = v - mean;
      ss += d * d;
    }
    return ss / (values.length - 1);
  }

  public static double standardDeviation(double[] values) {
    return Math.sqrt(variance(values));
  }
}
