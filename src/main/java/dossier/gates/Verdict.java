package dossier.gates;

/** LOCK only when every gate passes; a failed or unevaluable gate means ABANDON. */
public enum Verdict {
  LOCK,
  ABANDON
}
