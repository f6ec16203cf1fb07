package dossier.sample;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Exact construction of sample sweep values, in integer micro-units (1 unit = 10⁻⁶).
 *
 * <p>A sample sweep must reproduce published figures to their last printed digit, so its values
 * are built as integers: a cell's fold values are its mean plus a zero-sum fold pattern, which
 * makes the mean over the folds exactly the intended decimal, with no floating-point drift.
 * {@link #value(long)} turns micro-units into the double that reads back as that decimal.
 *
 * <p>The only real arithmetic is solving a scale in closed form (a square root); its result is
 * rounded back to integers at once, so the data stay exact and the same on every JVM.
 */
public final class Construction {
  /** Micro-units per unit. */
  public static final long PER_UNIT = 1_000_000L;

  private Construction() {}

  /** The exact micro-units of a decimal such as {@code "0.4560"}; at most 6 decimals. */
  public static long micros(String decimal) {
    try {
      return new BigDecimal(decimal).movePointRight(6).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("not a whole number of micro-units: " + decimal, e);
    }
  }

  /** Micro-units to the nearest double, which is the double that the decimal text parses to. */
  public static double value(long micros) {
    // Both operands are exact doubles and IEEE division rounds correctly: the result is the
    // double nearest to micros·10⁻⁶, the same one Double.parseDouble gives for its decimal.
    return micros / (double) PER_UNIT;
  }

  /** A fold pattern: deviations from a cell's mean, which must sum to zero. */
  public static long[] pattern(long... deviations) {
    if (Arrays.stream(deviations).sum() != 0) {
      throw new IllegalArgumentException("a fold pattern must sum to 0: " + Arrays.toString(deviations));
    }
    return deviations.clone();
  }

  /** A fold pattern written as decimals, e.g. {@code pattern("4.10", "-2.70", ...)}. */
  public static long[] pattern(String... deviations) {
    return pattern(Arrays.stream(deviations).mapToLong(Construction::micros).toArray());
  }

  /** Decimals to micro-units, with no condition on their sum (cell means, per-cell levels). */
  public static long[] microsOf(String... decimals) {
    return Arrays.stream(decimals).mapToLong(Construction::micros).toArray();
  }

  /** The pattern rotated right by {@code k} places (any k, negative too): fold f gets p[f − k]. */
  public static long[] rotate(long[] pattern, int k) {
    int n = pattern.length;
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[Math.floorMod(i + k, n)] = pattern[i];
    }
    return out;
  }

  /** {@code mean + deviations[f]} for every fold f: a cell whose mean is exactly {@code mean}. */
  public static long[] around(long mean, long[] deviations) {
    return Arrays.stream(deviations).map(d -> mean + d).toArray();
  }

  /** Element-wise sum. */
  public static long[] plus(long[] a, long[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
    }
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Math.addExact(a[i], b[i]);
    }
    return out;
  }

  /**
   * {@code shape · factor} rounded to whole micro-units, still summing to zero: every element
   * but the last is rounded half up, the last takes what makes the sum 0.
   */
  public static long[] scaled(long[] shape, double factor) {
    pattern(shape);
    long[] out = new long[shape.length];
    long sum = 0;
    for (int i = 0; i < shape.length - 1; i++) {
      out[i] = Math.round(shape[i] * factor);
      sum += out[i];
    }
    out[shape.length - 1] = -sum;
    return out;
  }

  public static long sumOfSquares(long[] values) {
    long ss = 0;
    for (long v : values) {
      ss = Math.addExact(ss, Math.multiplyExact(v, v));
    }
    return ss;
  }

  public static long dot(long[] a, long[] b) {
    long s = 0;
    for (int i = 0; i < a.length; i++) {
      s = Math.addExact(s, Math.multiplyExact(a[i], b[i]));
    }
    return s;
  }

  /**
   * The scale t ≥ 0 with Σ (base + t·shape)² = target: the positive root of the quadratic
   * t²·Σshape² + 2t·Σbase·shape + Σbase² − target = 0. With zero-sum vectors, target/(n − 1) is
   * the sample variance of base + t·shape, so this pins the fold variance of one cell.
   */
  public static double scaleForSumOfSquares(long[] base, long[] shape, double target) {
    double a = sumOfSquares(shape);
    double b = 2.0 * dot(base, shape);
    double c = sumOfSquares(base) - target;
    double discriminant = b * b - 4 * a * c;
    if (a == 0 || discriminant < 0) {
      throw new IllegalArgumentException("no scale reaches a sum of squares of " + target);
    }
    double t = (-b + Math.sqrt(discriminant)) / (2 * a);
    if (t < 0) {
      throw new IllegalArgumentException("the base alone exceeds a sum of squares of " + target);
    }
    return t;
  }

  /**
   * Within-cell noise for paired differences Δ[c][f] = D[c] + w[c][f] with Cohen's d_z =
   * {@code cohensDz}, where every w[c] sums to zero over the folds.
   *
   * <p>Since Σ_f w[c][f] = 0, the sum of squared deviations of the n = cells·folds differences
   * splits exactly as folds·Σ_c (D[c] − D̄)² + Σ w², and d_z = D̄ / sd fixes it at
   * (n − 1)·(D̄ / d_z)². The noise takes the rest: each free cell gets {@code shapes[c]} times one
   * common scale solved in closed form; a cell with {@code pinned[c] != null} keeps that noise
   * (chosen beforehand for its own reason, e.g. its fold variance) and counts in the total.
   *
   * @param cellDifferences D[c], micro-units
   * @param shapes zero-sum fold shapes, small integers; the scale makes them micro-units
   * @param pinned fixed noise per cell, or null where the cell is free; may be null altogether
   * @return w[c][f], micro-units, each row summing to zero
   */
  public static long[][] pairedNoise(long[] cellDifferences, long[][] shapes, long[][] pinned, double cohensDz) {
    int cells = cellDifferences.length;
    if (shapes.length != cells) {
      throw new IllegalArgumentException("one shape per cell: " + shapes.length + " for " + cells + " cells");
    }
    int folds = shapes[0].length;
    double total = (cells * folds - 1) * Math.pow(meanOf(cellDifferences) / cohensDz, 2);
    double between = folds * deviationSumOfSquares(cellDifferences);
    double noise = total - between;
    long free = 0;
    for (int c = 0; c < cells; c++) {
      if (pinned != null && pinned[c] != null) {
        noise -= sumOfSquares(pattern(pinned[c]));
      } else {
        free += sumOfSquares(pattern(shapes[c]));
      }
    }
    if (noise < 0 || (free == 0 && noise > 0)) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "d_z = %.3f cannot be reached: the cell differences alone leave %.0f µ² of noise", cohensDz, noise));
    }
    double scale = free == 0 ? 0 : Math.sqrt(noise / free);
    long[][] out = new long[cells][];
    for (int c = 0; c < cells; c++) {
      out[c] = pinned != null && pinned[c] != null ? pinned[c].clone() : scaled(shapes[c], scale);
    }
    return out;
  }

  private static double meanOf(long[] values) {
    return (double) Arrays.stream(values).sum() / values.length;
  }

  /** Σ (x − x̄)², from exact integer sums: (n·Σx² − (Σx)²) / n. */
  private static double deviationSumOfSquares(long[] values) {
    long sum = Arrays.stream(values).sum();
    long n = values.length;
    return (double) Math.subtractExact(Math.multiplyExact(n, sumOfSquares(values)), Math.multiplyExact(sum, sum)) / n;
  }
}
