package dossier.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The rows of one factor branch, resolved per variant.
 *
 * @param variants baseline first
 * @param folds the fold ids expected of each crypto, in the order of {@code cryptos}
 * @param rowsRead the branch's rows (all attempts)
 */
public record BranchSweep(
    String factor,
    List<String> runIds,
    String baseline,
    List<VariantSweep> variants,
    List<String> cryptos,
    Map<String, SortedSet<Integer>> folds,
    int rowsRead) {

  public BranchSweep {
    runIds = List.copyOf(runIds);
    variants = List.copyOf(variants);
    cryptos = List.copyOf(cryptos);
    Map<String, SortedSet<Integer>> copy = new LinkedHashMap<>();
    for (String crypto : cryptos) {
      copy.put(crypto, Collections.unmodifiableSortedSet(new TreeSet<>(folds.getOrDefault(crypto, new TreeSet<>()))));
    }
    folds = Collections.unmodifiableMap(copy);
    if (variants.isEmpty() || !variants.get(0).variant().equals(baseline)) {
      throw new IllegalArgumentException("variants must start with the baseline " + baseline);
    }
  }

  public VariantSweep variant(String name) {
    return variants.stream().filter(v -> v.variant().equals(name)).findFirst()
        .orElseThrow(() -> new NoSuchElementException(name));
  }

  public VariantSweep baselineSweep() {
    return variants.get(0);
  }

  public List<VariantSweep> compared() {
    return variants.subList(1, variants.size());
  }

  /** The attempts of every variant tied on created_at with the one counted ({@link VariantSweep#ties}). */
  public List<Tie> ties() {
    return variants.stream().flatMap(v -> v.ties().stream()).toList();
  }

  public int failedAttempts() {
    return variants.stream().mapToInt(VariantSweep::failedAttempts).sum();
  }

  /** The fold ids expected of {@code crypto}. */
  public SortedSet<Integer> folds(String crypto) {
    return folds.get(crypto);
  }

  /** Folds per crypto: the same on every crypto with a spec; without one, the most any crypto has. */
  public int foldsPerCrypto() {
    return folds.values().stream().mapToInt(SortedSet::size).max().orElse(0);
  }

  /** Cells expected for one variant: each crypto × its folds. */
  public int expectedCells() {
    return folds.values().stream().mapToInt(SortedSet::size).sum();
  }

  /** The fold ids as a dossier names them ({@link FoldIds#describe}). */
  public String foldIds() {
    return FoldIds.describe(folds);
  }
}
