package dossier.gates;

/** A gate's outcome. WARN: the gate could not be evaluated; it never counts as a pass. */
public enum Status {
  PASS,
  FAIL,
  WARN
}
