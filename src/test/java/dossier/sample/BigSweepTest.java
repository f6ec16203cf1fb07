package dossier.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.source.Cell;
import dossier.source.ResultRow;
import dossier.source.SnapshotReader;
import dossier.source.SnapshotWriter;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic sweep of the benchmarks: deterministic, of the requested shape, plausible. */
class BigSweepTest {
  private static final long SEED = BigSweep.DEFAULT_SEED;

  @Test
  void sameArgumentsGiveTheSameRowsAndBytes() {
    List<ResultRow> a = BigSweep.rows(4, 7, 5, 0.25, SEED);
    List<ResultRow> b = BigSweep.rows(4, 7, 5, 0.25, SEED);
    assertEquals(a, b);
    assertEquals(SnapshotWriter.write(a), SnapshotWriter.write(b));
    assertNotEquals(a, BigSweep.rows(4, 7, 5, 0.25, SEED + 1), "another seed, other rows");
  }

  /**
   * The algorithm is pinned: these bytes are the same on every JVM. A change of the generator
   * changes this digest on purpose only (and the bench figures are no longer comparable).
   */
  @Test
  void theAlgorithmIsPinned() throws Exception {
    String csv = SnapshotWriter.write(BigSweep.rows(3, 4, 2, 0.25, SEED));
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(PINNED_3x4x2, HexFormat.of().formatHex(digest), csv);
  }

  private static final String PINNED_3x4x2 = "5882f94abeedd8d9095fe865fce4f98e913fa7e1eb05bc44b7c59d1725466896";

  @Test
  void theBenchSweepHasItsShape() {
    List<ResultRow> rows = BigSweep.rows(20, 200, 10, 0.25, SEED);
    assertEquals(50_000, rows.size(), "40,000 cells and 10,000 earlier attempts");
    Map<Cell, List<ResultRow>> byCell = byCell(rows);
    assertEquals(20, rows.stream().map(ResultRow::variant).distinct().count());
    assertEquals(200, rows.stream().map(ResultRow::crypto).distinct().count());
    assertEquals(20 * 200 * 10, rows.stream().map(r -> r.variant() + "/" + r.crypto() + "/" + r.fold()).distinct().count());
    assertEquals(10 * 200, byCell.size());
    long retried = rows.stream().collect(Collectors.groupingBy(r -> r.variant() + "/" + r.crypto() + "/" + r.fold(),
        Collectors.counting())).values().stream().filter(n -> n == 2).count();
    assertEquals(10_000, retried, "exactly 25 % of the cells have two attempts");
    long failed = rows.stream().filter(r -> !r.completed()).count();
    assertTrue(failed > 4_500 && failed < 5_500, "about half the earlier attempts failed: " + failed);
  }

  @Test
  void theLatestAttemptOfEveryCellCompletedAndValuesArePlausible() {
    List<ResultRow> rows = BigSweep.rows(6, 30, 5, 0.25, SEED);
    assertEquals(6 * 30 * 5 + Math.round(0.25 * 6 * 30 * 5), rows.size());
    Map<String, ResultRow> latest = new HashMap<>();
    for (ResultRow r : rows) {
      latest.merge(r.variant() + "/" + r.crypto() + "/" + r.fold(), r,
          (x, y) -> x.createdAt().isAfter(y.createdAt()) ? x : y);
    }
    assertEquals(6 * 30 * 5, latest.size());
    assertTrue(latest.values().stream().allMatch(ResultRow::useful), "every counted attempt completed with trades");
    for (ResultRow r : rows.stream().filter(ResultRow::completed).toList()) {
      assertTrue(r.f1Buy() > 0 && r.f1Buy() < 1, r.toString());
      assertTrue(r.nTrades() > 0, r.toString());
      assertTrue(r.ece() > 0 && r.ece() < 0.1, r.toString());
      assertTrue(r.maxDrawdown() > 0 && r.maxDrawdown() < 40, r.toString());
      assertTrue(Math.abs(r.sortino()) < 5 && Math.abs(r.expectancyNet()) < 100, r.toString());
    }
    // Variant effects: the mean f1_buy differs from the baseline's by more than noise for some variant.
    Map<String, Double> meanF1 = rows.stream().filter(ResultRow::completed)
        .collect(Collectors.groupingBy(ResultRow::variant, Collectors.averagingDouble(ResultRow::f1Buy)));
    double base = meanF1.get(BigSweep.BASELINE);
    assertTrue(meanF1.values().stream().anyMatch(m -> Math.abs(m - base) > 0.01), meanF1.toString());
    // Strictly increasing created_at in the order they ran.
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(rows.get(i).createdAt().isAfter(rows.get(i - 1).createdAt()));
    }
  }

  @Test
  void retriedFractionIsExact() {
    assertEquals(0, BigSweep.rows(3, 5, 4, 0, SEED).size() - 60);
    assertEquals(60, BigSweep.rows(3, 5, 4, 1, SEED).size() - 60);
    assertEquals(6, BigSweep.rows(3, 5, 4, 0.1, SEED).size() - 60);
    assertThrows(IllegalArgumentException.class, () -> BigSweep.rows(3, 5, 4, 1.5, SEED));
  }

  @Test
  void sizesParse() {
    BigSweep.Size size = BigSweep.Size.parse("20x200x10");
    assertEquals(new BigSweep.Size(20, 200, 10), size);
    assertEquals("big-20x200x10", size.name());
    assertEquals(40_000, size.cells());
    assertThrows(DossierException.class, () -> BigSweep.Size.parse("20x200"));
    assertThrows(DossierException.class, () -> BigSweep.Size.parse("1x2x3"));
    assertThrows(DossierException.class, () -> BigSweep.Size.parse("1000x10000x1000"));
  }

  @Test
  void writesASnapshotAndAValidSpec(@TempDir Path project) {
    BigSweep.Size size = new BigSweep.Size(4, 6, 3);
    BigSweep.write(project, size, 0.25, SEED);
    List<ResultRow> read = SnapshotReader.read(project.resolve("dossiers/data/big-4x6x3.csv"));
    assertEquals(SnapshotWriter.write(BigSweep.rows(size, 0.25, SEED)), SnapshotWriter.write(read));
    TrackSpec spec = new SpecLoader(project).load("big-4x6x3");
    TrackSpec.BranchSpec branch = spec.branches().get(0);
    assertEquals(BigSweep.BASELINE, branch.baseline().value());
    assertEquals(BigSweep.variants(4), branch.variants().stream().map(v -> v.name().value()).toList());
    assertEquals(BigSweep.cryptos(6), branch.cryptos().stream().map(c -> c.value()).toList());
    assertEquals(3, branch.folds().count());
    assertEquals(10_000, spec.bootstrap().resamples());
    assertEquals(42L, spec.bootstrap().seed());
  }

  private static Map<Cell, List<ResultRow>> byCell(List<ResultRow> rows) {
    return rows.stream().collect(Collectors.groupingBy(r -> new Cell(r.crypto(), r.fold())));
  }
}
