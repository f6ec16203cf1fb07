package dossier.source;

import java.util.Comparator;

/** One crypto × fold of a sweep: the unit on which a variant and its baseline are paired. */
public record Cell(String crypto, int fold) implements Comparable<Cell> {
  private static final Comparator<Cell> ORDER = Comparator.comparing(Cell::crypto).thenComparingInt(Cell::fold);

  @Override
  public int compareTo(Cell other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return crypto + " fold " + fold;
  }
}
