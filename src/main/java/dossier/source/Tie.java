package dossier.source;

import java.time.Instant;

/**
 * Two completed attempts of one cell with the same {@code created_at}: the data cannot say which is
 * the latest, so a rule does (the later run id, its digits compared as numbers). Said on standard
 * error and in the dossier, so that a reader knows which numbers a rule chose.
 *
 * @param counted the run whose attempt counts
 * @param other the run whose attempt is set aside
 */
public record Tie(String variant, Cell cell, Instant createdAt, String counted, String other) {
  /** The warning a command prints. */
  public String warning() {
    return String.format(java.util.Locale.ROOT,
        "two completed attempts of %s, %s have the same created_at %s (runs %s and %s); the one of run %s"
            + " counts (the later run id, its numbers compared as numbers)", variant, cell, createdAt, counted, other,
        counted);
  }
}
