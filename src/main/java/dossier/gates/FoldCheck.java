package dossier.gates;

import dossier.DossierException;
import dossier.source.FoldIds;
import dossier.source.ResultRow;
import dossier.spec.TrackSpec;
import dossier.spec.TrackSpec.BranchSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A branch's {@code folds:} against its rows: the fold ids expected of each crypto, or an error
 * naming the spec's line and saying what would fix it.
 *
 * <p>A list of ids is exact: a row of another fold is refused, and a listed fold without a row is a
 * missing cell. A count N takes each crypto's ids from its rows: a crypto with more than N is
 * refused; one with fewer lacks whole folds, which are the ids of the other cryptos when those make
 * exactly N together, and otherwise cannot be named, so the spec must list them.
 */
final class FoldCheck {
  private FoldCheck() {}

  static Map<String, SortedSet<Integer>> expected(TrackSpec spec, BranchSpec b, List<ResultRow> rows, String source) {
    TrackSpec.Folds folds = b.folds();
    Map<String, SortedSet<Integer>> seen = FoldIds.seen(rows, b.factor(), b.runIds(), b.cryptoNames());
    Map<String, SortedSet<Integer>> out = new LinkedHashMap<>();
    if (folds.listed()) {
      SortedSet<Integer> listed = new TreeSet<>(folds.ids());
      seen.forEach((crypto, ids) -> {
        SortedSet<Integer> other = new TreeSet<>(ids);
        other.removeAll(listed);
        if (!other.isEmpty()) {
          throw new DossierException(String.format(Locale.ROOT,
              "%s:%d: %s has rows of %s fold %s, which 'folds:' does not list (%s); fix the fold in the rows, or"
                  + " add it to 'folds:'", spec.file(), folds.line(), source, crypto, FoldIds.ranges(other),
              list(listed)));
        }
        out.put(crypto, listed);
      });
      return out;
    }
    int n = folds.count();
    SortedSet<Integer> all = FoldIds.union(seen);
    seen.forEach((crypto, ids) -> {
      if (ids.size() > n) {
        throw new DossierException(String.format(Locale.ROOT,
            "%s:%d: %s has rows of %d folds of %s (fold ids %s) where 'folds:' says %d per crypto; fix the fold"
                + " ids in the rows, or set 'folds:' to %d", spec.file(), folds.line(), source, ids.size(), crypto,
            FoldIds.ranges(ids), n, ids.size()));
      }
      if (ids.size() < n && all.size() != n) {
        throw new DossierException(String.format(Locale.ROOT,
            "%s:%d: %s has rows of %d folds of %s (fold ids %s) where 'folds:' says %d per crypto, and the rows"
                + " do not say which ids are missing; list the expected ids, e.g. 'folds: %s', or set 'folds:'"
                + " to the number of folds the sweep has", spec.file(), folds.line(), source, ids.size(), crypto,
            ids.isEmpty() ? "none" : FoldIds.ranges(ids), n, list(guess(all, n))));
      }
      out.put(crypto, ids.size() < n ? all : ids);
    });
    return out;
  }

  // An example for the message: the branch's ids, cut or extended upwards to N.
  private static Set<Integer> guess(SortedSet<Integer> all, int n) {
    Set<Integer> ids = new TreeSet<>();
    int next = all.isEmpty() ? 0 : all.first();
    for (int id : all) {
      if (ids.size() < n) {
        ids.add(id);
        next = id + 1;
      }
    }
    while (ids.size() < n) {
      ids.add(next++);
    }
    return ids;
  }

  private static String list(Set<Integer> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }
}
