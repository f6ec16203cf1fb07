package dossier.stats;

import java.util.Arrays;

/**
 * Percentiles by linear interpolation between closest ranks, the definition of NumPy's default
 * {@code percentile(method="linear")} (Hyndman & Fan type 7).
 */
public final class Percentile {
  private Percentile() {}

  /** {@code q} in [0, 1]; {@code sorted} ascending. */
  public static double ofSorted(double[] sorted, double q) {
    checkArguments(sorted, q);
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * The same value as {@link #ofSorted} of {@code values} sorted by {@link Arrays#sort(double[])},
   * bit for bit, found by selecting the two ranks it needs instead of sorting: linear time rather
   * than n log n, for the 10,000 resample means of every bootstrap interval. {@code values} is
   * reordered.
   */
  public static double select(double[] values, double q) {
    checkArguments(values, q);
    double h = (values.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, values.length - 1);
    select(values, lo);
    double low = values[lo];
    // Everything after rank lo is now at least values[lo]: rank lo + 1 is the least of it.
    double high = low;
    if (hi > lo) {
      high = values[hi];
      for (int i = hi + 1; i < values.length; i++) {
        if (Double.compare(values[i], high) < 0) {
          high = values[i];
        }
      }
    }
    return low + (h - lo) * (high - low);
  }

  /**
   * Puts the value of rank {@code k} (in Arrays.sort's order: -0.0 before 0.0, NaN last) at index k,
   * no greater values before it and no smaller after: Hoare's FIND with a median-of-three pivot. Were
   * the pivots to keep splitting off little, what is left is sorted instead, which bounds the time.
   */
  static void select(double[] a, int k) {
    int from = 0;
    int to = a.length - 1;
    int rounds = 2 * (32 - Integer.numberOfLeadingZeros(a.length)) + 4;
    while (from < to) {
      if (rounds-- == 0) {
        Arrays.sort(a, from, to + 1);
        return;
      }
      double pivot = medianOfThree(a[from], a[(from + to) >>> 1], a[to]);
      int i = from;
      int j = to;
      while (i <= j) {
        while (Double.compare(a[i], pivot) < 0) {
          i++;
        }
        while (Double.compare(a[j], pivot) > 0) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      // [from, j] ≤ pivot ≤ [i, to], and what lies between equals the pivot.
      if (k <= j) {
        to = j;
      } else if (k >= i) {
        from = i;
      } else {
        return;
      }
    }
  }

  private static double medianOfThree(double a, double b, double c) {
    if (Double.compare(a, b) > 0) {
      double t = a;
      a = b;
      b = t;
    }
    return Double.compare(b, c) <= 0 ? b : Double.compare(a, c) >= 0 ? a : c;
  }

  private static void checkArguments(double[] values, double q) {
    if (values.length == 0) {
      throw new IllegalArgumentException("percentile of no values");
    }
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in [0, 1]: " + q);
    }
  }
}
