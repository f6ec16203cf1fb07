package dossier.source;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The attempts of one variant of a branch, resolved: per cell, the latest completed attempt.
 *
 * @param counted the attempt that counts for each cell that has a completed one
 * @param attempts all rows of this variant, retries and failures included
 * @param failedAttempts rows whose status is not {@code completed}
 * @param retries attempts beyond the first of their cell
 * @param failedCells cells that were attempted but never completed, with the status of the last attempt
 * @param usefulAttempts completed attempts with at least one trade, superseded retries included
 *     (the "Useful rows" of a sweep-state table)
 * @param ties the attempts that share their created_at with the one counted, one per attempt set aside
 */
public record VariantSweep(
    String variant,
    SortedMap<Cell, ResultRow> counted,
    int attempts,
    int failedAttempts,
    int retries,
    SortedMap<Cell, String> failedCells,
    int usefulAttempts,
    List<Tie> ties) {

  public VariantSweep {
    ties = List.copyOf(ties);
    counted = Collections.unmodifiableSortedMap(new TreeMap<>(counted));
    failedCells = Collections.unmodifiableSortedMap(new TreeMap<>(failedCells));
  }

  /** Counted rows with at least one trade. */
  public int useful() {
    return (int) counted.values().stream().filter(ResultRow::useful).count();
  }
}
