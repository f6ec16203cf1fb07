package dossier.spec;

/** One "Key : value" line or table row written by a person. */
public record KeyValue(String key, String value) {}
