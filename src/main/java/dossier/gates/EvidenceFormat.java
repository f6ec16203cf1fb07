package dossier.gates;

import dossier.spec.TrackSpec.Layout;

/**
 * The precision of the figures quoted in gate evidence, which differs by layout: mean Δ to 4
 * decimals in both (the house format's figure for mean Δf1_buy, as the tables print it), CI bounds
 * to 4 in the results layout and to 3 in the gate-decision layout, Cohen's d to 3 and to 2. A gate
 * decides on the figure as printed ({@link Printed}), so these are also the decimals of the
 * comparison, and a figure printed once in a table and once in a gate cell reads the same in both.
 */
public record EvidenceFormat(int meanDecimals, int ciDecimals, int dDecimals) {
  public static final EvidenceFormat RESULTS = new EvidenceFormat(4, 4, 3);
  public static final EvidenceFormat GATE_DECISION = new EvidenceFormat(4, 3, 2);

  /** The precision of a layout's evidence, which is also that of its CIs wherever they are printed. */
  public static EvidenceFormat of(Layout layout) {
    return layout == Layout.GATE_DECISION ? GATE_DECISION : RESULTS;
  }

  /** A mean Δ of the gate's metric. */
  public Printed mean(double v) {
    return Printed.of(v, meanDecimals);
  }

  /** A bound of a CI of the mean Δ. */
  public Printed ci(double v) {
    return Printed.of(v, ciDecimals);
  }

  public Printed d(double v) {
    return Printed.of(v, dDecimals);
  }
}
