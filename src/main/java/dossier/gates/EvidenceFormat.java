package dossier.gates;

import dossier.spec.TrackSpec.Layout;

/**
 * The precision of the figures quoted in gate evidence, which differs by layout: the results
 * layout quotes Δ to 4 decimals and d to 3, the gate-decision layout Δ to 3 and d to 2. A gate
 * decides on the figure as printed ({@link Printed}), so the layout's decimals are also those of
 * the comparison.
 */
public record EvidenceFormat(int deltaDecimals, int dDecimals) {
  public static final EvidenceFormat RESULTS = new EvidenceFormat(4, 3);
  public static final EvidenceFormat GATE_DECISION = new EvidenceFormat(3, 2);

  /** The precision of a layout's evidence, which is also that of its CIs wherever they are printed. */
  public static EvidenceFormat of(Layout layout) {
    return layout == Layout.GATE_DECISION ? GATE_DECISION : RESULTS;
  }

  public Printed delta(double v) {
    return Printed.of(v, deltaDecimals);
  }

  public Printed d(double v) {
    return Printed.of(v, dDecimals);
  }
}
