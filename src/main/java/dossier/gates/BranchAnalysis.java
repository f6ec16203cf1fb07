package dossier.gates;

import dossier.stats.BranchStats;
import java.util.List;

/** A branch's statistics and the gate verdict of each of its variants. */
public record BranchAnalysis(BranchStats stats, List<VariantVerdict> verdicts) {
  public BranchAnalysis {
    verdicts = List.copyOf(verdicts);
  }

  public List<String> locked() {
    return verdicts.stream().filter(v -> v.verdict() == Verdict.LOCK).map(VariantVerdict::variant).toList();
  }
}
