package dossier.gates;

import java.util.List;

public record VariantVerdict(String variant, List<GateResult> gates, Verdict verdict) {
  public VariantVerdict {
    gates = List.copyOf(gates);
  }

  public long count(Status status) {
    return gates.stream().filter(g -> g.status() == status).count();
  }
}
