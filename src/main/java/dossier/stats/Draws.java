package dossier.stats;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bootstrap's index draws, kept by (n, resamples, seed) for the rest of the process, so that
 * the bootstraps after the first of an n only add up values ({@link Bootstrap}). What is kept is a
 * pure function of its key, so it cannot go stale; at most {@code capacity} indices are kept, the
 * least recently used dropped first, and a key with more than that is never kept.
 */
final class Draws {
  /** @param n the values resampled; every resample draws n indices */
  record Key(int n, int resamples, long seed) {
    long size() {
      return (long) n * resamples;
    }
  }

  private final long capacity;
  private final LinkedHashMap<Key, int[]> kept = new LinkedHashMap<>(16, 0.75f, true);
  private long size;

  Draws(long capacity) {
    this.capacity = capacity;
  }

  /**
   * At most 2^25 indices (128 MiB), and at most a sixteenth of a heap of {@code maxMemory} bytes:
   * with what is kept and the arrays being recorded on two threads, a few sixteenths at worst, so
   * a small heap keeps fewer draws (or none) rather than running out of memory.
   */
  static Draws forHeap(long maxMemory) {
    return new Draws(Math.min(1L << 25, maxMemory / 64));
  }

  long capacity() {
    return capacity;
  }

  boolean keeps(Key key) {
    return key.size() <= capacity;
  }

  /**
   * Whether to record the draws of {@code key} for keeping: false when they could never be kept;
   * otherwise the least recently used are dropped first until they would fit, so that what is kept
   * and the new array together stay within the capacity (unless other threads record meanwhile).
   */
  synchronized boolean makeRoom(Key key) {
    if (!keeps(key)) {
      return false;
    }
    evictUntilFits(key.size());
    return true;
  }

  /** The indices of resample r, draw k at {@code [r·n + k]}, or null when they are not kept. */
  synchronized int[] get(Key key) {
    return kept.get(key);
  }

  synchronized void put(Key key, int[] drawn) {
    if (!keeps(key) || kept.containsKey(key)) {
      return; // another thread drew the same indices meanwhile
    }
    evictUntilFits(key.size());
    kept.put(key, drawn);
    size += drawn.length;
  }

  private void evictUntilFits(long more) {
    for (Iterator<Map.Entry<Key, int[]>> it = kept.entrySet().iterator(); size + more > capacity; ) {
      size -= it.next().getValue().length;
      it.remove();
    }
  }

  synchronized long size() {
    return size;
  }
}
