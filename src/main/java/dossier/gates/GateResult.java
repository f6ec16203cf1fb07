package dossier.gates;

import java.util.Objects;

/** One gate for one variant, with the evidence in words and figures. */
public record GateResult(int number, GateKind kind, Status status, String evidence) {
  public GateResult {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(evidence, "evidence == null");
  }
}
