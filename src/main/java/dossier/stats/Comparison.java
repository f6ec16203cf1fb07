package dossier.stats;

import dossier.source.Cell;
import dossier.source.Metric;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variant against its baseline, paired by crypto × fold, on the primary metric (CI, d, p) and
 * on every metric (mean Δ).
 *
 * @param excluded expected pairs left out, each with the reason
 * @param meanDeltas mean of the paired differences (variant − baseline) per metric
 * @param perCryptoDelta mean Δ of the primary metric per crypto, in the branch's crypto order;
 *     NaN for a crypto with no pair
 */
public record Comparison(
    String variant,
    Metric primary,
    int pairs,
    List<Exclusion> excluded,
    Map<Metric, Double> meanDeltas,
    double ciLow,
    double ciHigh,
    double cohensD,
    double pRaw,
    double pBh,
    Map<String, Double> perCryptoDelta) {

  public Comparison {
    excluded = List.copyOf(excluded);
    meanDeltas = Collections.unmodifiableMap(new EnumMap<>(meanDeltas));
    perCryptoDelta = Collections.unmodifiableMap(new LinkedHashMap<>(perCryptoDelta));
  }

  /** Mean Δ of the primary metric. */
  public double meanDelta() {
    return meanDeltas.get(primary);
  }

  public double meanDelta(Metric metric) {
    return meanDeltas.get(metric);
  }

  /** Cryptos whose mean Δ of the primary metric is above 0. */
  public int improvedCryptos() {
    return (int) perCryptoDelta.values().stream().filter(d -> d > 0).count();
  }

  Comparison withBh(double p) {
    return new Comparison(variant, primary, pairs, excluded, meanDeltas, ciLow, ciHigh, cohensD, pRaw, p, perCryptoDelta);
  }

  /** A pair that could not be formed, and why. */
  public record Exclusion(Cell cell, String reason) {}
}
