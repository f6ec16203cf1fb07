package dossier.stats;

/** How a CI is bootstrapped; the house default is 10,000 resamples, seed 42, 95 %. */
public record BootstrapSettings(int resamples, long seed, double level) {
  public static final BootstrapSettings DEFAULT = new BootstrapSettings(10_000, 42L, 0.95);

  public BootstrapSettings {
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be ≥ 1: " + resamples);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1): " + level);
    }
  }
}
