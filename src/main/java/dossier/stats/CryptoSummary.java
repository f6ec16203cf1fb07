package dossier.stats;

import dossier.source.Metric;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One variant on one crypto: mean and per-fold sample variance of every metric over the counted
 * (completed) attempts. NaN where no fold counts.
 */
public record CryptoSummary(String crypto, int folds, Map<Metric, Double> mean, Map<Metric, Double> variance) {
  public CryptoSummary {
    mean = Collections.unmodifiableMap(new EnumMap<>(mean));
    variance = Collections.unmodifiableMap(new EnumMap<>(variance));
  }

  public double mean(Metric metric) {
    return mean.get(metric);
  }

  public double variance(Metric metric) {
    return variance.get(metric);
  }
}
