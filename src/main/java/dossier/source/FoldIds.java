package dossier.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The fold ids of a branch, crypto by crypto. Fold ids are labels: any whole number ≥ 0, and two
 * cryptos may number their folds differently, so the cells a variant should have are counted per
 * crypto, never over the union of every crypto's ids (which would show cells that no crypto has).
 */
public final class FoldIds {
  private FoldIds() {}

  /** The ids found in the rows of the branch, for each of {@code cryptos}, in their order. */
  public static Map<String, SortedSet<Integer>> seen(
      List<ResultRow> rows, String factor, Collection<String> runIds, List<String> cryptos) {
    Set<String> runs = new HashSet<>(runIds);
    Map<String, SortedSet<Integer>> out = new LinkedHashMap<>();
    cryptos.forEach(c -> out.put(c, new TreeSet<>()));
    for (ResultRow r : rows) {
      SortedSet<Integer> ids = out.get(r.crypto());
      if (ids != null && r.factor().equals(factor) && runs.contains(r.runId())) {
        ids.add(r.fold());
      }
    }
    return out;
  }

  /** Every id of every crypto. */
  public static SortedSet<Integer> union(Map<String, SortedSet<Integer>> byCrypto) {
    SortedSet<Integer> all = new TreeSet<>();
    byCrypto.values().forEach(all::addAll);
    return all;
  }

  /**
   * The expected folds without a spec: each crypto's own ids. A crypto with fewer ids than the
   * most any crypto has lost whole folds (no row of any variant); when every id of the branch
   * together makes exactly that many, those are the ones it lacks, and it is given them.
   */
  public static Map<String, SortedSet<Integer>> fromData(Map<String, SortedSet<Integer>> seen) {
    int most = seen.values().stream().mapToInt(SortedSet::size).max().orElse(0);
    SortedSet<Integer> all = union(seen);
    Map<String, SortedSet<Integer>> out = new LinkedHashMap<>();
    seen.forEach((crypto, ids) -> out.put(crypto, ids.size() < most && all.size() == most ? all : ids));
    return out;
  }

  /**
   * The ids as a dossier names them: nothing when every crypto has folds 1 to N (the house
   * numbering, which "5 per crypto" already says), else "fold ids 0–4", or per crypto when they
   * differ: "fold ids AAVEUSDC 0–4, BTCUSDC 1–5".
   */
  public static String describe(Map<String, SortedSet<Integer>> byCrypto) {
    if (byCrypto.values().stream().allMatch(FoldIds::fromOne)) {
      return "";
    }
    if (byCrypto.values().stream().distinct().count() == 1) {
      return "fold ids " + ranges(byCrypto.values().iterator().next());
    }
    List<String> parts = new ArrayList<>();
    byCrypto.forEach((crypto, ids) -> parts.add(crypto + " " + ranges(ids)));
    return "fold ids " + String.join(", ", parts);
  }

  private static boolean fromOne(SortedSet<Integer> ids) {
    return ids.isEmpty() || (ids.first() == 1 && ids.last() == ids.size());
  }

  /** 0, 1, 2, 4 → "0–2, 4". */
  public static String ranges(Collection<Integer> sortedIds) {
    List<Integer> ids = List.copyOf(sortedIds);
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < ids.size()) {
      int j = i;
      while (j + 1 < ids.size() && ids.get(j + 1) == ids.get(j) + 1) {
        j++;
      }
      out.add(i == j ? Integer.toString(ids.get(i)) : ids.get(i) + "–" + ids.get(j));
      i = j + 1;
    }
    return String.join(", ", out);
  }
}
