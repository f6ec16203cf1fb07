package dossier.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One crypto × fold of a sweep: the unit on which a variant and its baseline are paired. */
public record Cell(String crypto, int fold) implements Comparable<Cell> {
  private static final Comparator<Cell> ORDER = Comparator.comparing(Cell::crypto).thenComparingInt(Cell::fold);

  /** By crypto, then fold. */
  @Override
  public int compareTo(Cell other) {
    return ORDER.compare(this, other);
  }

  /** Cells named compactly, by crypto with fold ranges: "AAVEUSDC folds 1–5, UNIUSDC fold 3". */
  public static String describe(Collection<Cell> cells) {
    Map<String, List<Integer>> byCrypto = new LinkedHashMap<>();
    cells.stream().sorted().forEach(c -> byCrypto.computeIfAbsent(c.crypto(), k -> new ArrayList<>()).add(c.fold()));
    List<String> parts = new ArrayList<>();
    byCrypto.forEach((crypto, folds) -> parts.add(crypto + (folds.size() == 1 ? " fold " : " folds ") + FoldIds.ranges(folds)));
    return String.join(", ", parts);
  }

  @Override
  public String toString() {
    return crypto + " fold " + fold;
  }
}
