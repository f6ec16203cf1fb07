package dossier.stats;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * The exact sign test of gate 4: how likely k or more of C cryptos improve when each is a coin
 * toss (p = 0.5). One-sided, as the gate asks for improvement: 4 of 5 gives 0.1875, 5 of 5 0.03125.
 */
public final class SignTest {
  private SignTest() {}

  /** P(X ≥ k) for X ~ Binomial(c, 0.5); NaN without a crypto. */
  public static double oneSided(int k, int c) {
    if (c == 0) {
      return Double.NaN;
    }
    // survivalProbability(k − 1) is P(X > k − 1) = P(X ≥ k), 1 for k = 0, without 1 − cdf's rounding.
    return BinomialDistribution.of(c, 0.5).survivalProbability(k - 1);
  }
}
