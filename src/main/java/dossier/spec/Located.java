package dossier.spec;

/** A value of a spec with the line it was written on, for errors found later against the data. */
public record Located(String value, int line) {}
