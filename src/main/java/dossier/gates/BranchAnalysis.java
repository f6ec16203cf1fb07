package dossier.gates;

import dossier.stats.BranchStats;
import java.util.List;

/**
 * A branch's statistics and the gate verdict of each of its variants.
 *
 * @param analysed false for a branch shown only in the sweep state: it has no verdicts and no
 *     say in the track's verdict
 */
public record BranchAnalysis(BranchStats stats, List<VariantVerdict> verdicts, boolean analysed) {
  public BranchAnalysis {
    verdicts = List.copyOf(verdicts);
  }

  /** The variants whose gate 1 (the lift of the primary metric) passes. */
  public java.util.Set<String> clearsLift() {
    return verdicts.stream()
        .filter(v -> v.gates().stream().anyMatch(g -> g.kind() == GateKind.F1_LIFT && g.status() == Status.PASS))
        .map(VariantVerdict::variant)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  public List<String> locked() {
    return verdicts.stream().filter(v -> v.verdict() == Verdict.LOCK).map(VariantVerdict::variant).toList();
  }
}
