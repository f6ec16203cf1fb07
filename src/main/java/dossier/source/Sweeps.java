package dossier.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/** Applies the house rules for attempts: the latest completed attempt of a cell counts. */
public final class Sweeps {
  private Sweeps() {}

  /**
   * Resolves the rows of one branch, expecting of each crypto the folds the data show
   * ({@link FoldIds#fromData}).
   *
   * @param rows rows of any runs and factors; only those of {@code runIds} × {@code factor} are used
   * @param variants baseline first
   */
  public static BranchSweep resolve(
      List<ResultRow> rows, String factor, List<String> runIds, String baseline, List<String> variants,
      List<String> cryptos) {
    return resolve(rows, factor, runIds, baseline, variants, cryptos,
        FoldIds.fromData(FoldIds.seen(rows, factor, runIds, cryptos)));
  }

  /** The same, with the fold ids expected of each crypto (a spec's {@code folds:} against the data). */
  public static BranchSweep resolve(
      List<ResultRow> rows, String factor, List<String> runIds, String baseline, List<String> variants,
      List<String> cryptos, Map<String, SortedSet<Integer>> folds) {
    Set<String> runs = new HashSet<>(runIds);
    Set<String> inBranch = new HashSet<>(cryptos);
    Map<String, List<ResultRow>> byVariant = new HashMap<>();
    int read = 0;
    for (ResultRow row : rows) {
      if (!row.factor().equals(factor) || !runs.contains(row.runId()) || !inBranch.contains(row.crypto())) {
        continue;
      }
      read++;
      byVariant.computeIfAbsent(row.variant(), v -> new ArrayList<>()).add(row);
    }
    List<VariantSweep> sweeps = new ArrayList<>();
    for (String variant : variants) {
      sweeps.add(resolveVariant(variant, byVariant.getOrDefault(variant, List.of())));
    }
    return new BranchSweep(factor, runIds, baseline, sweeps, cryptos, folds, read);
  }

  // Two attempts with the same created_at: the later run id wins, its digits compared as numbers
  // ("r10" after "r9"), so the choice does not depend on the order in which a snapshot or a query
  // returned the rows. Between completed attempts it is a guess at which ran last: it is reported.
  private static final Comparator<ResultRow> LATEST = Comparator.comparing(ResultRow::createdAt)
      .thenComparing(ResultRow::runId, Sweeps::byRunId)
      .thenComparing(ResultRow::status);

  /** Run ids in the order people read them: runs of digits compared as numbers, the rest as text. */
  static int byRunId(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      if (digit(a.charAt(i)) && digit(b.charAt(j))) {
        int si = i;
        int sj = j;
        while (i < a.length() && digit(a.charAt(i))) {
          i++;
        }
        while (j < b.length() && digit(b.charAt(j))) {
          j++;
        }
        String x = a.substring(si, i).replaceFirst("^0+(?=.)", "");
        String y = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
        int c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        if (c != 0) {
          return c;
        }
      } else {
        if (a.charAt(i) != b.charAt(j)) {
          return Character.compare(a.charAt(i), b.charAt(j));
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b); // "r01" and "r1": still one order
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static VariantSweep resolveVariant(String variant, List<ResultRow> rows) {
    Map<Cell, List<ResultRow>> byCell = new TreeMap<>();
    for (ResultRow row : rows) {
      byCell.computeIfAbsent(new Cell(row.crypto(), row.fold()), c -> new ArrayList<>()).add(row);
    }
    Map<Cell, ResultRow> counted = new TreeMap<>();
    Map<Cell, String> failedCells = new TreeMap<>();
    int failed = 0;
    int retries = 0;
    List<Tie> ties = new ArrayList<>();
    for (Map.Entry<Cell, List<ResultRow>> e : byCell.entrySet()) {
      List<ResultRow> attempts = e.getValue();
      retries += attempts.size() - 1;
      failed += (int) attempts.stream().filter(r -> !r.completed()).count();
      attempts.stream()
          .filter(ResultRow::completed)
          .max(LATEST)
          .ifPresentOrElse(r -> counted.put(e.getKey(), r),
              () -> failedCells.put(e.getKey(), attempts.stream().max(LATEST).orElseThrow().status()));
      ResultRow chosen = counted.get(e.getKey());
      if (chosen != null) {
        attempts.stream()
            .filter(r -> r != chosen && r.completed() && r.createdAt().equals(chosen.createdAt())
                && !r.runId().equals(chosen.runId()))
            .sorted(LATEST.reversed())
            .forEach(r -> ties.add(new Tie(variant, e.getKey(), chosen.createdAt(), chosen.runId(), r.runId())));
      }
    }
    int useful = (int) rows.stream().filter(ResultRow::useful).count();
    return new VariantSweep(variant, new TreeMap<>(counted), rows.size(), failed, retries, new TreeMap<>(failedCells),
        useful, ties);
  }
}
