package dossier.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.source.BranchSweep;
import dossier.source.Cell;
import dossier.source.Metric;
import dossier.source.ResultRow;
import dossier.source.SnapshotReader;
import dossier.source.SnapshotWriter;
import dossier.source.Sweeps;
import dossier.source.VariantSweep;
import dossier.stats.BootstrapSettings;
import dossier.stats.BranchStats;
import dossier.stats.Comparison;
import dossier.stats.CryptoSummary;
import dossier.stats.Descriptive;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Track 5 sample sweeps reproduce the figures of the hand-written Track 5 results page,
 * resolved and computed with the project's own classes ({@link Sweeps}, {@link BranchStats}). An
 * independent check with NumPy/SciPy is {@code src/test/python/check_track5_sample.py}.
 *
 * <p>Regenerate the committed file with
 * {@code mvn -q -o test -Dtest=Track5SampleTest -Ddossier.sample.write=dossiers/data}.
 */
class Track5SampleTest {
  private static final String RUN_1 = "ftf_20260428_181144_3163de";
  private static final String RUN_2 = "ftf_20260429_163445_5a99ff_ATR0.5_1.5_H4";
  private static final Instant RUN_1_START = Instant.parse("2026-04-28T18:11:44Z");
  private static final Instant RUN_2_START = Instant.parse("2026-04-29T16:34:45Z");
  private static final List<String> SMOOTHING = List.of("none", "mild", "aggressive");
  private static final List<String> CLEANLAB = List.of("off", "filter", "reweight");
  private static final List<String> CRYPTOS = List.of("AAVEUSDC", "ARBUSDC", "LDOUSDC", "OPUSDC", "UNIUSDC");
  private static final Path COMMITTED = Path.of("dossiers", "data", SampleData.TRACK5_FILE);

  // ---- the page's figures -------------------------------------------------------------------

  /** Label smoothing, per [variant][crypto]: f1_buy, sortino, total_return, n_trades, ece. */
  private static final String[][][] LS_MEANS = {
    {
      {"0.4271", "0.075", "0.31", "36", "0.0363"},
      {"0.4436", "3.252", "68.52", "70", "0.0385"},
      {"0.3943", "2.070", "50.55", "34", "0.0500"},
      {"0.3806", "1.993", "37.56", "72", "0.0645"},
      {"0.4120", "1.997", "46.49", "64", "0.0396"},
    },
    {
      {"0.3949", "0.033", "-1.19", "31", "0"},
      {"0.3918", "3.298", "65.95", "59", "0"},
      {"0.3476", "1.996", "53.97", "25", "0"},
      {"0.2773", "2.004", "32.24", "42", "0"},
      {"0.3414", "1.372", "27.63", "29", "0"},
    },
    {
      {"0.3644", "0.108", "1.50", "32", "0"},
      {"0.3783", "2.472", "51.55", "46", "0"},
      {"0.2994", "2.071", "48.75", "29", "0"},
      {"0.3111", "1.391", "27.08", "35", "0"},
      {"0.3362", "1.479", "29.38", "22", "0"},
    },
  };
  private static final List<Metric> LS_COLUMNS =
      List.of(Metric.F1_BUY, Metric.SORTINO, Metric.TOTAL_RETURN, Metric.N_TRADES, Metric.ECE);
  private static final int[] LS_DECIMALS = {4, 3, 2, 0, 4};
  private static final int[] LS_USEFUL = {34, 25, 25};
  /** What the means imply (the page printed −0.0722 and −0.0849, which they cannot give). */
  private static final String[] LS_MEAN_DELTA = {"-0.0609", "-0.0736"};
  private static final double[] LS_COHENS_D = {-1.11, -1.82};

  /** cleanlab re-run, mean f1_buy per [variant][crypto]. */
  private static final String[][] CL_F1 = {
    {"0.4586", "0.4552", "0.4124", "0.3891", "0.4514"},
    {"0.4141", "0.3904", "0.2681", "0.2973", "0.3548"},
    {"0.3775", "0.4121", "0.2952", "0.3160", "0.3566"},
  };
  // Per compared variant: filter, reweight.
  private static final String[] CL_MEAN_DELTA = {"-0.0811", "-0.0762"};
  private static final double[] CL_COHENS_D = {-1.21, -1.38};
  private static final double[][] CL_CI95 = {{-0.109, -0.057}, {-0.099, -0.056}};
  private static final double[] CL_RAW_P = {4.87e-06, 6.8e-07};
  private static final double[] CL_BH_P = {4.87e-06, 1.36e-06};
  private static final String[] CL_D_SORTINO = {"-0.19", "-0.34"};
  private static final String[] CL_TRADES = {"35.5", "31.4"};
  private static final String[] CL_MAX_VARIANCE = {"0.025", "0.017"};

  private static final List<ResultRow> ROWS = SampleData.track5();

  /** {@code -Ddossier.sample.write=DIR} writes the sample data there before the checks. */
  @BeforeAll
  static void writeOnRequest() {
    String dir = System.getProperty("dossier.sample.write");
    if (dir != null && !dir.isBlank()) {
      SampleData.writeAll(Path.of(dir));
    }
  }

  // ---- attempts -----------------------------------------------------------------------------

  @Test
  void holdsBothRunsAndBothFactorsInOneFile() {
    assertEquals(201, ROWS.size());
    assertEquals(125, rows(RUN_1, null, null).size());
    assertEquals(84, rows(RUN_1, "label_smoothing", null).size());
    assertEquals(41, rows(RUN_1, "cleanlab", null).size());
    assertEquals(76, rows(RUN_2, null, null).size());
    assertEquals(76, rows(RUN_2, "cleanlab", null).size());
    for (ResultRow r : ROWS) {
      assertTrue(CRYPTOS.contains(r.crypto()), r::toString);
      assertTrue(r.fold() >= 1 && r.fold() <= 5, r::toString);
      List<String> variants = r.factor().equals("label_smoothing") ? SMOOTHING : CLEANLAB;
      assertTrue(variants.contains(r.variant()), r::toString);
    }
  }

  @Test
  void labelSmoothingUsefulRowsAndRetries() {
    BranchSweep sweep = labelSmoothing();
    for (int v = 0; v < SMOOTHING.size(); v++) {
      String variant = SMOOTHING.get(v);
      List<ResultRow> attempts = rows(RUN_1, "label_smoothing", variant);
      assertEquals(LS_USEFUL[v], attempts.stream().filter(ResultRow::useful).count(), variant + " useful rows");
      assertEquals(LS_USEFUL[v], attempts.size(), variant + " attempts");
      VariantSweep resolved = sweep.variant(variant);
      assertEquals(25, resolved.counted().size(), variant);
      assertEquals(25, resolved.useful(), variant);
      assertEquals(0, resolved.failedAttempts(), variant);
      assertEquals(v == 0 ? 9 : 0, resolved.retries(), variant + " retries");
    }
    // The 9 superseded baseline attempts: completed, useful, earlier, and not what counts.
    VariantSweep none = sweep.variant("none");
    List<ResultRow> superseded = rows(RUN_1, "label_smoothing", "none").stream()
        .filter(r -> none.counted().get(new Cell(r.crypto(), r.fold())) != r)
        .toList();
    assertEquals(9, superseded.size());
    for (ResultRow r : superseded) {
      ResultRow counted = none.counted().get(new Cell(r.crypto(), r.fold()));
      assertTrue(r.useful(), r::toString);
      assertTrue(r.createdAt().isBefore(counted.createdAt()), r::toString);
      assertNotEquals(counted.f1Buy(), r.f1Buy(), r::toString);
    }
  }

  @Test
  void firstCleanlabAttemptIsPartialAndItsVariantsHung() {
    BranchSweep sweep = Sweeps.resolve(ROWS, "cleanlab", List.of(RUN_1), "off", CLEANLAB, CRYPTOS);
    VariantSweep off = sweep.variant("off");
    assertEquals(35, rows(RUN_1, "cleanlab", "off").stream().filter(ResultRow::useful).count(), "off useful rows");
    assertEquals(35, off.attempts());
    assertEquals(15, off.retries());
    Set<Cell> expected = new TreeSet<>();
    for (String crypto : CRYPTOS.subList(0, 3)) {
      IntStream.rangeClosed(1, 5).forEach(f -> expected.add(new Cell(crypto, f)));
    }
    IntStream.rangeClosed(1, 3).forEach(f -> expected.add(new Cell("OPUSDC", f)));
    IntStream.rangeClosed(1, 2).forEach(f -> expected.add(new Cell("UNIUSDC", f)));
    assertEquals(expected, off.counted().keySet());
    for (String variant : List.of("filter", "reweight")) {
      List<ResultRow> attempts = rows(RUN_1, "cleanlab", variant);
      assertEquals(3, attempts.size(), variant);
      assertEquals(0, attempts.stream().filter(ResultRow::useful).count(), variant + " useful rows");
      for (ResultRow r : attempts) {
        assertEquals("failed", r.status(), r::toString);
        assertEquals(0, r.nTrades(), r::toString);
        for (Metric m : Metric.values()) {
          assertTrue(m == Metric.N_TRADES || Double.isNaN(r.metric(m)), r::toString);
        }
      }
      VariantSweep resolved = sweep.variant(variant);
      assertTrue(resolved.counted().isEmpty(), variant);
      assertEquals(3, resolved.failedAttempts(), variant);
      assertEquals(Map.of(new Cell("AAVEUSDC", 1), "failed", new Cell("AAVEUSDC", 2), "failed", new Cell("AAVEUSDC", 3),
          "failed"), resolved.failedCells(), variant);
    }
    // Nothing to pair: every comparison is empty, and the statistics say so rather than fail.
    BranchStats stats = BranchStats.of(sweep, Metric.F1_BUY, BootstrapSettings.DEFAULT);
    for (Comparison c : stats.comparisons()) {
      assertEquals(0, c.pairs(), c.variant());
      assertEquals(25, c.excluded().size(), c.variant());
      assertTrue(c.pRaw().isEmpty(), c.variant());
    }
  }

  @Test
  void cleanlabRerunHasOneRetryAndOneFailedBaselineFold() {
    List<ResultRow> run = rows(RUN_2, "cleanlab", null);
    assertEquals(75, run.stream().filter(ResultRow::useful).count(), "useful rows");
    Map<String, Long> byCell = run.stream()
        .collect(Collectors.groupingBy(r -> r.variant() + "/" + r.crypto() + "/" + r.fold(), Collectors.counting()));
    assertEquals(75, byCell.size());
    List<String> retried = byCell.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertEquals(1, retried.size(), retried::toString);
    assertEquals(2L, byCell.get(retried.get(0)));
    assertNotEquals("off/UNIUSDC/3", retried.get(0));
    assertTrue(run.stream().filter(r -> (r.variant() + "/" + r.crypto() + "/" + r.fold()).equals(retried.get(0)))
        .allMatch(ResultRow::useful));

    List<ResultRow> failed = run.stream().filter(r -> !r.completed()).toList();
    assertEquals(1, failed.size());
    ResultRow f = failed.get(0);
    assertEquals(List.of("off", "UNIUSDC", 3, "training_failed", 0),
        List.of(f.variant(), f.crypto(), f.fold(), f.status(), f.nTrades()));
    assertEquals(1L, byCell.get("off/UNIUSDC/3"));
    assertTrue(Double.isNaN(f.f1Buy()) && Double.isNaN(f.sortino()) && Double.isNaN(f.ece()));

    BranchSweep sweep = cleanlab();
    VariantSweep off = sweep.variant("off");
    assertEquals(26, off.attempts());
    assertEquals(1, off.retries());
    assertEquals(1, off.failedAttempts());
    assertEquals(24, off.counted().size());
    assertEquals(Map.of(new Cell("UNIUSDC", 3), "training_failed"), off.failedCells());
    for (String variant : List.of("filter", "reweight")) {
      assertEquals(25, sweep.variant(variant).counted().size(), variant);
      assertEquals(25, sweep.variant(variant).useful(), variant);
    }
  }

  @Test
  void attemptsFinishOneAfterAnotherWithinTheirRun() {
    Instant previous = RUN_1_START;
    for (ResultRow r : rows(RUN_1, null, null)) {
      assertTrue(r.createdAt().isAfter(previous), r::toString);
      previous = r.createdAt();
    }
    assertTrue(previous.isBefore(RUN_2_START), "run 1 ends before run 2 starts: " + previous);
    assertTrue(rows(RUN_1, "label_smoothing", null).stream()
        .allMatch(r -> LocalDate.ofInstant(r.createdAt(), ZoneOffset.UTC).equals(LocalDate.of(2026, 4, 28))));
    previous = RUN_2_START;
    for (ResultRow r : rows(RUN_2, null, null)) {
      assertTrue(r.createdAt().isAfter(previous), r::toString);
      assertEquals(LocalDate.of(2026, 4, 29), LocalDate.ofInstant(r.createdAt(), ZoneOffset.UTC), r::toString);
      previous = r.createdAt();
    }
  }

  // ---- label smoothing ----------------------------------------------------------------------

  @Test
  void labelSmoothingPerCryptoMeansAreExactlyThePrintedValues() {
    BranchSweep sweep = labelSmoothing();
    BranchStats stats = BranchStats.of(sweep, Metric.F1_BUY, BootstrapSettings.DEFAULT);
    for (int v = 0; v < SMOOTHING.size(); v++) {
      VariantSweep variant = sweep.variant(SMOOTHING.get(v));
      List<CryptoSummary> summaries = stats.summaries(SMOOTHING.get(v));
      for (int c = 0; c < CRYPTOS.size(); c++) {
        String crypto = CRYPTOS.get(c);
        List<ResultRow> counted = counted(variant, crypto);
        assertEquals(5, counted.size());
        for (int m = 0; m < LS_COLUMNS.size(); m++) {
          Metric metric = LS_COLUMNS.get(m);
          String where = SMOOTHING.get(v) + " × " + crypto + " " + metric.column();
          BigDecimal expected = new BigDecimal(LS_MEANS[v][c][m]);
          BigDecimal exact = decimalSum(counted.stream().mapToDouble(r -> r.metric(metric)).toArray())
              .divide(BigDecimal.valueOf(5));
          assertEquals(0, exact.compareTo(expected), where + ": " + exact);
          assertEquals(expected.setScale(LS_DECIMALS[m], RoundingMode.HALF_UP),
              round(summaries.get(c).mean(metric), LS_DECIMALS[m]), where);
        }
      }
    }
  }

  @Test
  void everySoftLabelRowHasAnEceOfExactlyZeroAndTheBaselineVaries() {
    List<ResultRow> soft = ROWS.stream()
        .filter(r -> r.factor().equals("label_smoothing") && !r.variant().equals("none"))
        .toList();
    assertEquals(50, soft.size());
    for (ResultRow r : soft) {
      assertEquals(0L, Double.doubleToRawLongBits(r.ece()), r::toString);
    }
    List<ResultRow> none = rows(RUN_1, "label_smoothing", "none");
    assertTrue(none.stream().allMatch(r -> r.ece() >= 0.02 && r.ece() <= 0.08));
    assertTrue(none.stream().map(ResultRow::ece).distinct().count() >= 20, "the baseline's ece varies row to row");
    // The cleanlab rows are hard-label: a normal, non-zero ECE.
    assertTrue(ROWS.stream().filter(r -> r.factor().equals("cleanlab") && r.completed())
        .allMatch(r -> r.ece() >= 0.02 && r.ece() <= 0.08));
  }

  @Test
  void labelSmoothingPairedDeltasFollowTheMeans() {
    BranchStats stats = BranchStats.of(labelSmoothing(), Metric.F1_BUY, BootstrapSettings.DEFAULT);
    assertEquals(2, stats.comparisons().size());
    for (int i = 0; i < 2; i++) {
      Comparison c = stats.comparisons().get(i);
      assertEquals(SMOOTHING.get(i + 1), c.variant());
      assertEquals(25, c.pairs());
      assertTrue(c.excluded().isEmpty());
      assertEquals(new BigDecimal(LS_MEAN_DELTA[i]), round(c.meanDelta(), 4), c.variant() + " mean Δ");
      assertEquals(LS_COHENS_D[i], c.cohensD().getAsDouble(), 0.05, c.variant() + " d");
      assertEquals(0, c.improvedCryptos(), c.variant());
      assertTrue(c.ciHigh().getAsDouble() < 0, c.variant() + " CI excludes 0");
      assertTrue(c.meanDelta(Metric.EXPECTANCY_NET) < 0, c.variant() + " Δexpectancy");
    }
  }

  @Test
  void labelSmoothingValuesArePlausible() {
    List<ResultRow> ls = rows(RUN_1, "label_smoothing", null);
    for (ResultRow r : ls) {
      assertTrue(r.f1Buy() > 0.1 && r.f1Buy() < 0.6, r::toString);
      assertTrue(r.maxDrawdown() > 0 && r.maxDrawdown() < 40, r::toString);
      assertTrue(r.expectancyNet() > -50 && r.expectancyNet() < 250, r::toString);
      assertTrue(r.nTrades() > 0 && r.nTrades() < 100, r::toString);
    }
    List<ResultRow> variants = ls.stream().filter(r -> !r.variant().equals("none")).toList();
    long under50 = variants.stream().filter(r -> r.nTrades() < 50).count();
    assertTrue(under50 >= 0.8 * variants.size(), "variants' folds under 50 trades: " + under50 + "/" + variants.size());
  }

  // ---- cleanlab re-run ----------------------------------------------------------------------

  @Test
  void cleanlabPerCryptoMeanF1IsExactlyThePrintedValue() {
    BranchSweep sweep = cleanlab();
    BranchStats stats = BranchStats.of(sweep, Metric.F1_BUY, BootstrapSettings.DEFAULT);
    for (int v = 0; v < CLEANLAB.size(); v++) {
      for (int c = 0; c < CRYPTOS.size(); c++) {
        String where = CLEANLAB.get(v) + " × " + CRYPTOS.get(c);
        List<ResultRow> counted = counted(sweep.variant(CLEANLAB.get(v)), CRYPTOS.get(c));
        int folds = v == 0 && c == 4 ? 4 : 5;
        assertEquals(folds, counted.size(), where);
        BigDecimal exact = decimalSum(counted.stream().mapToDouble(ResultRow::f1Buy).toArray())
            .divide(BigDecimal.valueOf(folds));
        assertEquals(0, exact.compareTo(new BigDecimal(CL_F1[v][c])), where + ": " + exact);
        assertEquals(new BigDecimal(CL_F1[v][c]), round(stats.summaries(CLEANLAB.get(v)).get(c).mean(Metric.F1_BUY), 4), where);
      }
    }
  }

  @Test
  void cleanlabComparisonsHaveThePagesFigures() {
    BranchStats stats = BranchStats.of(cleanlab(), Metric.F1_BUY, BootstrapSettings.DEFAULT);
    assertEquals(2, stats.comparisons().size());
    for (int i = 0; i < 2; i++) {
      Comparison c = stats.comparisons().get(i);
      String variant = CLEANLAB.get(i + 1);
      assertEquals(variant, c.variant());
      assertEquals(24, c.pairs(), variant);
      assertEquals(1, c.excluded().size(), variant);
      assertEquals(new Cell("UNIUSDC", 3), c.excluded().get(0).cell());
      assertTrue(c.excluded().get(0).reason().contains("training_failed"), c.excluded().get(0).reason());

      assertEquals(new BigDecimal(CL_MEAN_DELTA[i]), round(c.meanDelta(), 4), variant + " mean Δ");
      assertEquals(0, exactMeanDelta(variant, ResultRow::f1Buy).compareTo(new BigDecimal(CL_MEAN_DELTA[i])),
          variant + " exact mean Δ");
      assertEquals(CL_COHENS_D[i], c.cohensD().getAsDouble(), 0.02, variant + " d");
      assertEquals(CL_CI95[i][0], c.ciLow().getAsDouble(), 0.003, variant + " CI low " + c.ciLow().getAsDouble());
      assertEquals(CL_CI95[i][1], c.ciHigh().getAsDouble(), 0.003, variant + " CI high " + c.ciHigh().getAsDouble());
      assertTrue(c.pRaw().getAsDouble() > CL_RAW_P[i] / 1.5 && c.pRaw().getAsDouble() < CL_RAW_P[i] * 1.5, variant + " raw p " + c.pRaw().getAsDouble());
      assertTrue(c.pBh().getAsDouble() > CL_BH_P[i] / 1.5 && c.pBh().getAsDouble() < CL_BH_P[i] * 1.5, variant + " BH p " + c.pBh().getAsDouble());

      assertEquals(0, c.improvedCryptos(), variant);
      assertTrue(c.perCryptoDelta().values().stream().allMatch(d -> d < 0), variant + " " + c.perCryptoDelta());
      assertEquals(new BigDecimal(CL_D_SORTINO[i]), round(c.meanDelta(Metric.SORTINO), 2), variant + " Δsortino");
      assertEquals(0, exactMeanDelta(variant, ResultRow::sortino).compareTo(new BigDecimal(CL_D_SORTINO[i])),
          variant + " exact Δsortino");
      assertTrue(c.meanDelta(Metric.EXPECTANCY_NET) < 0, variant + " Δexpectancy " + c.meanDelta(Metric.EXPECTANCY_NET));
    }
  }

  @Test
  void cleanlabTradesAndStability() {
    BranchSweep sweep = cleanlab();
    BranchStats stats = BranchStats.of(sweep, Metric.F1_BUY, BootstrapSettings.DEFAULT);
    for (int i = 0; i < 2; i++) {
      String variant = CLEANLAB.get(i + 1);
      double[] trades = sweep.variant(variant).counted().values().stream().mapToDouble(ResultRow::nTrades).toArray();
      assertEquals(25, trades.length);
      assertEquals(new BigDecimal(CL_TRADES[i]), round(Descriptive.mean(trades), 1), variant + " mean n_trades");
      double max = stats.summaries(variant).stream().mapToDouble(s -> s.variance(Metric.F1_BUY)).max().orElseThrow();
      assertEquals(new BigDecimal(CL_MAX_VARIANCE[i]), round(max, 3), variant + " max fold variance " + max);
    }
    for (ResultRow r : rows(RUN_2, "cleanlab", null)) {
      if (r.completed()) {
        assertTrue(r.f1Buy() > 0.05 && r.f1Buy() < 0.6, r::toString);
        assertTrue(r.maxDrawdown() > 0 && r.maxDrawdown() < 40, r::toString);
        assertTrue(r.expectancyNet() > -20 && r.expectancyNet() < 100, r::toString);
        assertTrue(r.nTrades() > 0 && r.nTrades() < 100, r::toString);
      }
    }
  }

  // ---- bytes --------------------------------------------------------------------------------

  @Test
  void isDeterministic() {
    assertEquals(SampleData.track5(), SampleData.track5());
    assertEquals(SnapshotWriter.write(SampleData.track5()), SnapshotWriter.write(SampleData.track5()));
  }

  @Test
  void writtenSnapshotReadsBackAsTheRows(@TempDir Path dir) throws Exception {
    SampleData.writeAll(dir);
    Path file = dir.resolve(SampleData.TRACK5_FILE);
    List<ResultRow> read = SnapshotReader.read(file);
    assertEquals(ROWS.stream().sorted(SnapshotWriter.CANONICAL).toList(), read);
    assertEquals(
        ROWS.stream().sorted(Comparator.comparing(ResultRow::createdAt)).toList(),
        read.stream().sorted(Comparator.comparing(ResultRow::createdAt)).toList());
    // The zeros survive the round trip as +0.0.
    assertTrue(read.stream().filter(r -> r.factor().equals("label_smoothing") && !r.variant().equals("none"))
        .allMatch(r -> Double.doubleToRawLongBits(r.ece()) == 0L));
    byte[] first = Files.readAllBytes(file);
    SampleData.writeAll(dir);
    assertArrayEquals(first, Files.readAllBytes(file), "writing twice gives the same bytes");
  }

  @Test
  void committedSnapshotIsUpToDate() throws Exception {
    assertTrue(Files.exists(COMMITTED), COMMITTED + " is missing; regenerate it (see the class comment)");
    assertEquals(SnapshotWriter.write(ROWS), Files.readString(COMMITTED, StandardCharsets.UTF_8),
        COMMITTED + " differs from SampleData.track5(); regenerate it (see the class comment)");
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static BranchSweep labelSmoothing() {
    return Sweeps.resolve(ROWS, "label_smoothing", List.of(RUN_1), "none", SMOOTHING, CRYPTOS);
  }

  private static BranchSweep cleanlab() {
    return Sweeps.resolve(ROWS, "cleanlab", List.of(RUN_2), "off", CLEANLAB, CRYPTOS);
  }

  /** Rows of a run, optionally of one factor and one variant, in the order they ran. */
  private static List<ResultRow> rows(String run, String factor, String variant) {
    return ROWS.stream()
        .filter(r -> r.runId().equals(run))
        .filter(r -> factor == null || r.factor().equals(factor))
        .filter(r -> variant == null || r.variant().equals(variant))
        .toList();
  }

  private static List<ResultRow> counted(VariantSweep variant, String crypto) {
    return variant.counted().entrySet().stream()
        .filter(e -> e.getKey().crypto().equals(crypto))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** The exact mean of variant − off over the re-run's usable pairs, on the snapshot's decimals. */
  private static BigDecimal exactMeanDelta(String variant, ToDoubleFunction<ResultRow> metric) {
    BranchSweep sweep = cleanlab();
    VariantSweep base = sweep.baselineSweep();
    VariantSweep other = sweep.variant(variant);
    Set<Cell> cells = new HashSet<>(base.counted().keySet());
    cells.retainAll(other.counted().keySet());
    BigDecimal sum = BigDecimal.ZERO;
    for (Cell cell : cells) {
      sum = sum.add(decimal(metric.applyAsDouble(other.counted().get(cell))))
          .subtract(decimal(metric.applyAsDouble(base.counted().get(cell))));
    }
    assertEquals(24, cells.size());
    return sum.divide(BigDecimal.valueOf(cells.size()), 10, RoundingMode.UNNECESSARY).stripTrailingZeros();
  }

  private static BigDecimal decimal(double x) {
    return new BigDecimal(Double.toString(x));
  }

  /** The sum of the values as the decimals the snapshot writes (shortest round-trip form). */
  private static BigDecimal decimalSum(double[] values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double x : values) {
      sum = sum.add(decimal(x));
    }
    return sum;
  }

  /** HALF_UP on the exact binary value of x, as a formatter printing x would see it. */
  private static BigDecimal round(double x, int decimals) {
    return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_UP);
  }
}
