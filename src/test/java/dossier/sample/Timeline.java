package dossier.sample;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.commons.rng.core.source64.SplitMix64;

/**
 * Increasing {@code created_at} instants for the attempts of a sample sweep, as a runner that
 * finishes one attempt after another would write them.
 *
 * <p>Each step is min + (x mod (max − min)) microseconds, x the next output of SplitMix64
 * (Commons RNG, the generator the bootstrap pins) seeded with the given seed, taken unsigned.
 * The modulo bias is irrelevant here; what matters is that the algorithm is fixed, so the same
 * seed gives the same instants everywhere. PostgreSQL keeps microseconds, so do we.
 */
public final class Timeline {
  private final SplitMix64 rng;
  private final long minMicros;
  private final long spanMicros;
  private Instant last;

  /** Instants after {@code start}, each {@code minStep} to {@code maxStep} after the previous. */
  public Timeline(Instant start, long seed, Duration minStep, Duration maxStep) {
    long min = micros(minStep);
    long max = micros(maxStep);
    if (min <= 0 || max <= min) {
      throw new IllegalArgumentException("need 0 < minStep < maxStep: " + minStep + ", " + maxStep);
    }
    this.rng = new SplitMix64(seed);
    this.minMicros = min;
    this.spanMicros = max - min;
    this.last = start.truncatedTo(ChronoUnit.MICROS);
  }

  /** The next instant: strictly after every earlier one. */
  public Instant next() {
    last = last.plus(minMicros + Long.remainderUnsigned(rng.nextLong(), spanMicros), ChronoUnit.MICROS);
    return last;
  }

  /** Lets time pass without an attempt (a pause, a restart of the runner). */
  public void pause(Duration pause) {
    last = last.plus(micros(pause), ChronoUnit.MICROS);
  }

  private static long micros(Duration d) {
    return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000L);
  }
}
