package dossier.stats;

import dossier.format.Formats;
import dossier.source.Cell;
import dossier.source.Metric;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A variant against its baseline, paired by crypto × fold, on the primary metric (CI, d, p) and
 * on every metric (mean Δ).
 *
 * @param excluded expected pairs left out, each with the reason
 * @param meanDeltas mean of the paired differences (variant − baseline) per metric
 * @param inference CI, d and p of the primary metric's deltas; empty when they are undefined
 *     ({@link #undefined()} says why)
 * @param perCryptoDelta mean Δ of the primary metric per crypto, in the branch's crypto order;
 *     NaN for a crypto with no pair
 * @param corrected the figures corrected for the folds' correlation ({@link Robustness}), or why
 *     they are undefined
 */
public record Comparison(
    String variant,
    Metric primary,
    int pairs,
    List<Exclusion> excluded,
    Map<Metric, Double> meanDeltas,
    Optional<Inference> inference,
    Map<String, Double> perCryptoDelta,
    Robustness.Result corrected) {

  /**
   * The decimals at which a crypto's mean Δ is judged improving: those of the per-crypto means
   * and of mean Δ in the tables (4 in both layouts).
   */
  public static final int CRYPTO_DECIMALS = 4;

  public Comparison {
    excluded = List.copyOf(excluded);
    meanDeltas = Collections.unmodifiableMap(new EnumMap<>(meanDeltas));
    perCryptoDelta = Collections.unmodifiableMap(new LinkedHashMap<>(perCryptoDelta));
  }

  /**
   * The bootstrap CI, Cohen's d_z, and the raw and BH-adjusted p of the paired t-test.
   *
   * @param pBh adjusted over every variant of the branch, an undefined p counting as 1
   */
  public record Inference(double ciLow, double ciHigh, double cohensD, double pRaw, double pBh) {}

  /** Why d, p and the CI of a comparison are undefined. */
  public enum Undefined {
    /** Fewer than 2 pairs: no spread to measure. */
    FEWER_THAN_TWO_PAIRS("there are fewer than 2 pairs"),
    /** The deltas are all equal, or differ only at the rounding level of their values. */
    NO_SPREAD("the deltas of %s are all equal (spread 0)");

    private final String words;

    Undefined(String words) {
      this.words = words;
    }

    /** "the deltas of f1_buy are all equal (spread 0), so d, p and the CI are undefined". */
    public String reason(Metric metric) {
      return String.format(java.util.Locale.ROOT, words, metric.column()) + ", so d, p and the CI are undefined";
    }
  }

  /** Why the inference is undefined; empty when it is defined. */
  public Optional<Undefined> undefined() {
    if (inference.isPresent()) {
      return Optional.empty();
    }
    return Optional.of(pairs < 2 ? Undefined.FEWER_THAN_TWO_PAIRS : Undefined.NO_SPREAD);
  }

  public OptionalDouble ciLow() {
    return inference.map(i -> OptionalDouble.of(i.ciLow())).orElse(OptionalDouble.empty());
  }

  public OptionalDouble ciHigh() {
    return inference.map(i -> OptionalDouble.of(i.ciHigh())).orElse(OptionalDouble.empty());
  }

  public OptionalDouble cohensD() {
    return inference.map(i -> OptionalDouble.of(i.cohensD())).orElse(OptionalDouble.empty());
  }

  public OptionalDouble pRaw() {
    return inference.map(i -> OptionalDouble.of(i.pRaw())).orElse(OptionalDouble.empty());
  }

  public OptionalDouble pBh() {
    return inference.map(i -> OptionalDouble.of(i.pBh())).orElse(OptionalDouble.empty());
  }

  /** Mean Δ of the primary metric. */
  public double meanDelta() {
    return meanDeltas.get(primary);
  }

  public double meanDelta(Metric metric) {
    return meanDeltas.get(metric);
  }

  /**
   * Whether the variant improves on {@code crypto}: its mean Δ, rounded half up to
   * {@link #CRYPTO_DECIMALS} as the dossier prints it, is above 0. A Δ that is 0 in the decimal
   * data but 5.6e-17 in binary does not improve.
   */
  public boolean improves(String crypto) {
    return sign(crypto) > 0;
  }

  /** The same rule, below 0. */
  public boolean regresses(String crypto) {
    return sign(crypto) < 0;
  }

  private int sign(String crypto) {
    Double d = perCryptoDelta.get(crypto);
    return d == null || !Double.isFinite(d) ? 0 : Formats.decimal(d, CRYPTO_DECIMALS).signum();
  }

  /** The corrected figures; empty when undefined ({@code corrected().undefined()} says why). */
  public Optional<Robustness> robustness() {
    return corrected.figures();
  }

  /**
   * The one-sided exact sign test of gate 4's count: {@link #improvedCryptos} of the branch's
   * cryptos, each improving with probability 0.5 under no effect.
   */
  public double signP() {
    return SignTest.oneSided(improvedCryptos(), perCryptoDelta.size());
  }

  /** Cryptos on which the variant {@link #improves}. */
  public int improvedCryptos() {
    return (int) perCryptoDelta.keySet().stream().filter(this::improves).count();
  }

  Comparison withBh(OptionalDouble p) {
    Optional<Inference> adjusted = inference.map(i -> new Inference(i.ciLow(), i.ciHigh(), i.cohensD(), i.pRaw(),
        p.orElseThrow()));
    return new Comparison(variant, primary, pairs, excluded, meanDeltas, adjusted, perCryptoDelta, corrected);
  }

  /** A pair that could not be formed, and why. */
  public record Exclusion(Cell cell, String reason) {}
}
