package dossier.source;

import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The rows of one factor branch, resolved per variant.
 *
 * @param variants baseline first
 * @param folds every fold seen in the branch
 * @param rowsRead the branch's rows (all attempts)
 */
public record BranchSweep(
    String factor,
    List<String> runIds,
    String baseline,
    List<VariantSweep> variants,
    List<String> cryptos,
    SortedSet<Integer> folds,
    int rowsRead) {

  public BranchSweep {
    runIds = List.copyOf(runIds);
    variants = List.copyOf(variants);
    cryptos = List.copyOf(cryptos);
    folds = Collections.unmodifiableSortedSet(new TreeSet<>(folds));
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

  public int failedAttempts() {
    return variants.stream().mapToInt(VariantSweep::failedAttempts).sum();
  }

  /** Cells expected for one variant: every crypto × every fold seen in the branch. */
  public int expectedCells() {
    return cryptos.size() * folds.size();
  }
}
