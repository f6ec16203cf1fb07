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
   * The same values as {@link #ofSorted} of {@code values} sorted by {@link Arrays#sort(double[])},
   * bit for bit (but for the bits of a NaN, below), one for each q, found by selecting the ranks
   * they need instead of sorting: linear time rather than n log n, for the 10,000 resample means of
   * every bootstrap interval.
   *
   * <p>The selection works on {@code long} keys that order as {@link Double#compare} orders the
   * values (-0.0 before 0.0, NaN last), compared with {@code <}: under the C1 compiler that the
   * launcher uses, a call of Double.compare for every comparison took most of the time. NaN comes
   * back as {@link Double#NaN} whatever its bits were.
   */
  public static double[] select(double[] values, double... qs) {
    long[] keys = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      keys[i] = key(values[i]);
    }
    double[] out = new double[qs.length];
    for (int i = 0; i < qs.length; i++) {
      double q = qs[i];
      checkArguments(values, q);
      double h = (keys.length - 1) * q;
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, keys.length - 1);
      select(keys, lo);
      long low = keys[lo];
      // Everything after rank lo is now at least keys[lo]: rank lo + 1 is the least of it.
      long high = low;
      if (hi > lo) {
        high = keys[hi];
        for (int j = hi + 1; j < keys.length; j++) {
          high = Math.min(high, keys[j]);
        }
      }
      double l = value(low);
      out[i] = l + (h - lo) * (value(high) - l);
    }
    return out;
  }

  /** A key whose signed order is Double.compare's order of the values. */
  static long key(double v) {
    long bits = Double.doubleToLongBits(v); // one NaN for all
    return bits ^ ((bits >> 63) & Long.MAX_VALUE); // negatives: reverse the magnitude's order
  }

  static double value(long key) {
    return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
  }

  /**
   * Puts the key of rank {@code k} at index k, no greater keys before it and no smaller after:
   * Hoare's FIND with a median-of-three pivot. Were the pivots to keep splitting off little, what is
   * left is sorted instead, which bounds the time.
   */
  static void select(long[] a, int k) {
    int from = 0;
    int to = a.length - 1;
    int rounds = 2 * (32 - Integer.numberOfLeadingZeros(a.length)) + 4;
    while (from < to) {
      if (rounds-- == 0) {
        Arrays.sort(a, from, to + 1);
        return;
      }
      long pivot = medianOfThree(a[from], a[(from + to) >>> 1], a[to]);
      int i = from;
      int j = to;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
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

  private static long medianOfThree(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
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
