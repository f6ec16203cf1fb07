package dossier.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.apache.commons.rng.core.source64.SplitMix64;
import org.junit.jupiter.api.Test;

/** The parallel resampling draws exactly the numbers of one sequential SplitMix64 stream. */
class BootstrapParallelTest {
  /** The sequential definition, written out: one generator, n draws per resample, in order. */
  private static double[] sequential(double[] values, int resamples, long seed) {
    int n = values.length;
    SplitMix64 rng = new SplitMix64(seed);
    double[] means = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += values[(int) (((rng.nextLong() >>> 32) * n) >>> 32)];
      }
      means[r] = sum / n;
    }
    return means;
  }

  @Test
  void chunksAndThreadsGiveTheSequentialNumbersBitForBit() {
    double[] small = {0.1, -0.2, 0.35, 0.05, -0.4};
    assertArrayEquals(sequential(small, 1234, 42), Bootstrap.resampleMeans(small, 1234, 42));
    // Big enough to run in parallel, with a last chunk that is not full.
    double[] big = new double[2000];
    for (int i = 0; i < big.length; i++) {
      big[i] = Math.sin(i) * 0.1;
    }
    assertArrayEquals(sequential(big, 10_321, -7), Bootstrap.resampleMeans(big, 10_321, -7));
    assertArrayEquals(sequential(big, 3, Long.MAX_VALUE), Bootstrap.resampleMeans(big, 3, Long.MAX_VALUE));
    // Counts around the chunk size (500): each chunk seeds its own generator where the stream is.
    for (int resamples : new int[] {1, 2, 5, 499, 500, 501, 1001}) {
      assertArrayEquals(sequential(small, resamples, 42), Bootstrap.resampleMeans(small, resamples, 42));
    }
  }

  @Test
  void indicesDrawnOnceGiveTheSequentialNumbersForOtherValues() {
    Draws draws = new Draws(1 << 20);
    double[] a = new double[25];
    double[] b = new double[25];
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.sin(i) * 0.1;
      b[i] = Math.cos(3 * i) * 0.02 - 0.01;
    }
    // The first bootstrap of (25, 10,000, 42) draws and keeps; the second only adds up, in parallel chunks.
    assertArrayEquals(sequential(a, 10_000, 42), Bootstrap.resampleMeans(a, 10_000, 42, draws));
    org.junit.jupiter.api.Assertions.assertEquals(250_000, draws.size());
    assertArrayEquals(sequential(b, 10_000, 42), Bootstrap.resampleMeans(b, 10_000, 42, draws));
    // Another seed or count is another key, drawn and kept anew.
    assertArrayEquals(sequential(b, 1001, 7), Bootstrap.resampleMeans(b, 1001, 7, draws));
    assertArrayEquals(sequential(a, 1001, 7), Bootstrap.resampleMeans(a, 1001, 7, draws));
    org.junit.jupiter.api.Assertions.assertEquals(250_000 + 25_025, draws.size());
  }

  @Test
  void drawsAreBoundedAndTheLeastRecentlyUsedGoFirst() {
    Draws draws = new Draws(100);
    Draws.Key k1 = new Draws.Key(5, 10, 42);
    Draws.Key k2 = new Draws.Key(10, 5, 42);
    Draws.Key k3 = new Draws.Key(5, 10, 43);
    draws.put(k1, new int[50]);
    draws.put(k2, new int[50]);
    org.junit.jupiter.api.Assertions.assertNotNull(draws.get(k1)); // k1 used last: k2 goes first
    draws.put(k3, new int[50]);
    org.junit.jupiter.api.Assertions.assertNull(draws.get(k2));
    org.junit.jupiter.api.Assertions.assertNotNull(draws.get(k1));
    org.junit.jupiter.api.Assertions.assertNotNull(draws.get(k3));
    org.junit.jupiter.api.Assertions.assertEquals(100, draws.size());
    // More indices than the capacity are never kept, and still resampled right.
    Draws.Key big = new Draws.Key(101, 1, 42);
    org.junit.jupiter.api.Assertions.assertFalse(draws.keeps(big));
    double[] values = new double[101];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
    }
    assertArrayEquals(sequential(values, 3, 42), Bootstrap.resampleMeans(values, 3, 42, draws));
    assertArrayEquals(sequential(values, 3, 42), Bootstrap.resampleMeans(values, 3, 42, draws));
    org.junit.jupiter.api.Assertions.assertEquals(100, draws.size());
    org.junit.jupiter.api.Assertions.assertNotNull(draws.get(k1));
  }

  @Test
  void roomIsMadeBeforeNewDrawsAreRecorded() {
    Draws draws = new Draws(100);
    Draws.Key k1 = new Draws.Key(5, 10, 1);
    Draws.Key k2 = new Draws.Key(5, 10, 2);
    draws.put(k1, new int[50]);
    draws.put(k2, new int[50]);
    draws.get(k1); // k2 is now the least recently used
    // 60 more would not fit beside 100: k2 goes before the new array is even allocated, then k1.
    org.junit.jupiter.api.Assertions.assertTrue(draws.makeRoom(new Draws.Key(6, 10, 3)));
    org.junit.jupiter.api.Assertions.assertNull(draws.get(k2));
    org.junit.jupiter.api.Assertions.assertNull(draws.get(k1));
    org.junit.jupiter.api.Assertions.assertEquals(0, draws.size());
    draws.put(k1, new int[50]);
    org.junit.jupiter.api.Assertions.assertTrue(draws.makeRoom(new Draws.Key(5, 10, 4))); // fits beside k1
    org.junit.jupiter.api.Assertions.assertNotNull(draws.get(k1));
    org.junit.jupiter.api.Assertions.assertFalse(draws.makeRoom(new Draws.Key(101, 1, 5))); // never kept
    org.junit.jupiter.api.Assertions.assertNotNull(draws.get(k1));
  }

  @Test
  void theCapacityFollowsTheHeap() {
    long mib = 1024L * 1024;
    org.junit.jupiter.api.Assertions.assertEquals(4 * mib, Draws.forHeap(256 * mib).capacity()); // 16 MiB of indices
    org.junit.jupiter.api.Assertions.assertEquals(1L << 25, Draws.forHeap(6 * 1024 * mib).capacity()); // 128 MiB
    org.junit.jupiter.api.Assertions.assertEquals(0, Draws.forHeap(0).capacity());
  }

  @Test
  void drawKeysAreEqualWhenEveryPartIs() {
    Draws.Key k = new Draws.Key(25, 10_000, 42);
    org.junit.jupiter.api.Assertions.assertEquals(k, new Draws.Key(25, 10_000, 42));
    org.junit.jupiter.api.Assertions.assertEquals(k.hashCode(), new Draws.Key(25, 10_000, 42).hashCode());
    for (Draws.Key other : new Draws.Key[] {new Draws.Key(24, 10_000, 42), new Draws.Key(25, 9_999, 42),
        new Draws.Key(25, 10_000, 43), new Draws.Key(10_000, 25, 42)}) {
      org.junit.jupiter.api.Assertions.assertNotEquals(k, other);
    }
    org.junit.jupiter.api.Assertions.assertNotEquals(k, null);
    org.junit.jupiter.api.Assertions.assertNotEquals(k, "25, 10000, 42");
  }

  @Test
  void theStateJumpIsSplitMix64sOwnIncrement() {
    // After k outputs, a generator seeded with s is where one seeded with s + k·γ starts.
    SplitMix64 a = new SplitMix64(42L);
    for (int i = 0; i < 977; i++) {
      a.nextLong();
    }
    SplitMix64 b = new SplitMix64(42L + 977L * Bootstrap.GOLDEN_GAMMA);
    for (int i = 0; i < 5; i++) {
      org.junit.jupiter.api.Assertions.assertEquals(a.nextLong(), b.nextLong());
    }
  }
}
