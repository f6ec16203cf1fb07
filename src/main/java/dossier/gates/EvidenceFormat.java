package dossier.gates;

import dossier.format.Formats;
import java.util.function.DoubleFunction;

/**
 * The precision of the figures quoted in gate evidence, which differs by layout: the results
 * layout quotes Δ to 4 decimals and d to 3, the gate-decision layout Δ to 3 and d to 2.
 */
public record EvidenceFormat(DoubleFunction<String> delta, DoubleFunction<String> d) {
  public static final EvidenceFormat RESULTS = new EvidenceFormat(Formats::f4, Formats::f3);
  public static final EvidenceFormat GATE_DECISION = new EvidenceFormat(Formats::f3, Formats::f2);
}
