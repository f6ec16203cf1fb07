package dossier.source;

import dossier.Excerpt;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rule both sources of rows follow, the snapshot and the database: each attempt once. An
 * attempt is its run, cell (factor, variant, crypto, fold), status and {@code created_at}; the same
 * one twice is an export or logging bug, and which copy counts would depend on the order of the
 * rows. Rows are added one by one, as they are read, so that a source can stop at the second copy.
 */
final class Attempts {
  private final Map<Attempt, Seen> seen = new HashMap<>();
  private int added;

  /** The first copy of an attempt seen again, and its position among the rows added. */
  private record Seen(ResultRow row, int index) {}

  /** A second copy of an attempt: {@code index} is the position of the first among the rows added. */
  record Duplicate(ResultRow first, int index, ResultRow second) {
    /**
     * What is wrong, naming the attempt, and what to do.
     *
     * @param earlier where the first copy is, after "the same row": {@code as line 4}, {@code twice}
     * @param holder what should hold each attempt once: {@code a snapshot}, {@code the table}
     */
    String message(String earlier, String holder) {
      return first.equals(second)
          ? String.format(Locale.ROOT, "the same row %s (%s); %s holds each attempt once (an export that ran twice?):"
              + " delete one of them", earlier, describe(second), holder)
          : String.format(Locale.ROOT, "the same attempt %s (%s) with other values; which one counts would depend on"
              + " the order of the rows: delete the wrong one", earlier, describe(second));
    }
  }

  /** Adds the next row: the first copy of its attempt when this row is a second one. */
  Optional<Duplicate> add(ResultRow row) {
    Seen first = seen.putIfAbsent(new Attempt(row), new Seen(row, added++));
    return first == null ? Optional.empty() : Optional.of(new Duplicate(first.row(), first.index(), row));
  }

  static String describe(ResultRow row) {
    return String.format(Locale.ROOT, "run_id=%s, factor=%s, variant=%s, crypto=%s, fold=%d, status=%s, created_at=%s",
        Excerpt.of(row.runId()), Excerpt.of(row.factor()), Excerpt.of(row.variant()),
        Excerpt.of(row.crypto()), row.fold(), Excerpt.of(row.status()), row.createdAt());
  }

  /** What makes an attempt: run, cell, status and time. */
  private record Attempt(String runId, String factor, String variant, String crypto, int fold, String status,
      Instant createdAt) {
    Attempt(ResultRow row) {
      this(row.runId(), row.factor(), row.variant(), row.crypto(), row.fold(), row.status(), row.createdAt());
    }
  }
}
