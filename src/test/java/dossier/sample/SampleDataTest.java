package dossier.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.source.ResultRow;
import dossier.source.SnapshotReader;
import dossier.source.SnapshotWriter;
import dossier.stats.Bootstrap;
import dossier.stats.Descriptive;
import dossier.stats.EffectSize;
import dossier.stats.PairedTTest;
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
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Track 6 sample sweep reproduces the figures of the hand-written Track 6 results page,
 * computed with the project's own statistics. An independent check with NumPy/SciPy is
 * {@code src/test/python/check_track6_sample.py}.
 *
 * <p>Regenerate the committed file with
 * {@code mvn -q -o test -Dtest=SampleDataTest -Ddossier.sample.write=dossiers/data}.
 */
class SampleDataTest {
  private static final List<String> VARIANTS = List.of("none", "mild_focus", "standard", "aggressive_focus", "class_balanced");
  private static final List<String> FOCAL = VARIANTS.subList(1, VARIANTS.size());
  private static final List<String> CRYPTOS = List.of("AAVEUSDC", "ARBUSDC", "LDOUSDC", "OPUSDC", "UNIUSDC");
  private static final Path COMMITTED = Path.of("dossiers", "data", SampleData.TRACK6_FILE);

  /** Mean f1_buy per [variant][crypto], as the page prints them. */
  private static final String[][] F1_MEANS = {
    {"0.4560", "0.4417", "0.3892", "0.3679", "0.4330"},
    {"0.3951", "0.3911", "0.3165", "0.3095", "0.3270"},
    {"0.3541", "0.3592", "0.2910", "0.2986", "0.3517"},
    {"0.3658", "0.3569", "0.3238", "0.2947", "0.3487"},
    {"0.3845", "0.3620", "0.3053", "0.2772", "0.3311"},
  };
  // Per focal variant, in FOCAL order.
  private static final String[] MEAN_DELTA = {"-0.0697", "-0.0866", "-0.0796", "-0.0855"};
  private static final String[] COHENS_D = {"-1.541", "-1.510", "-1.598", "-1.240"};
  private static final double[][] CI95 = {{-0.0874, -0.0526}, {-0.1092, -0.0655}, {-0.0988, -0.0611}, {-0.1146, -0.0616}};
  private static final double[] RAW_P = {6.10e-08, 8.63e-08, 3.24e-08, 2.09e-06};
  private static final String[] D_EXPECTANCY = {"10.7", "18.6", "23.9", "17.3"};
  private static final String[] D_SORTINO = {"-0.13", "-0.05", "-0.13", "-0.28"};
  private static final String[] D_MAX_DRAWDOWN = {"0.68", "1.28", "1.21", "1.49"};
  private static final String[] FOCAL_TRADES = {"33.8", "34.2", "34.0", "33.6"};

  private static final List<ResultRow> ROWS = SampleData.track6();

  /** {@code -Ddossier.sample.write=DIR} writes the sample data there before the checks. */
  @BeforeAll
  static void writeOnRequest() {
    String dir = System.getProperty("dossier.sample.write");
    if (dir != null && !dir.isBlank()) {
      SampleData.writeAll(Path.of(dir));
    }
  }

  @Test
  void hasOneCompletedUsefulRowPerCell() {
    assertEquals(125, ROWS.size());
    Set<String> cells = new HashSet<>();
    for (ResultRow r : ROWS) {
      assertEquals("ftf_20260429_121011_282ec7_ATR0.5_1.5_H4", r.runId());
      assertEquals("focal_loss", r.factor());
      assertTrue(VARIANTS.contains(r.variant()), r.variant());
      assertTrue(CRYPTOS.contains(r.crypto()), r.crypto());
      assertTrue(r.fold() >= 1 && r.fold() <= 5, r::toString);
      assertTrue(r.completed() && r.useful(), r::toString);
      assertTrue(cells.add(r.variant() + "/" + r.crypto() + "/" + r.fold()), () -> "duplicate " + r);
    }
  }

  @Test
  void metricsAreInPlausibleRanges() {
    for (ResultRow r : ROWS) {
      assertTrue(r.f1Buy() > 0 && r.f1Buy() < 1, r::toString);
      assertTrue(r.ece() >= 0.03 && r.ece() <= 0.07, r::toString);
      assertTrue(r.totalReturn() >= -5 && r.totalReturn() <= 70, r::toString);
      assertTrue(r.maxDrawdown() > 0 && r.maxDrawdown() < 100, r::toString);
      assertTrue(r.sortino() > -1 && r.sortino() < 5, r::toString);
      assertTrue(r.nTrades() > 0, r::toString);
    }
    for (String crypto : CRYPTOS) {
      double sortino = Descriptive.mean(folds("none", crypto, ResultRow::sortino));
      assertTrue(sortino >= 0.5 && sortino <= 3.5, crypto + " baseline sortino " + sortino);
    }
  }

  @Test
  void attemptsFinishOneAfterAnotherOnTheDayOfTheRun() {
    Instant previous = Instant.parse("2026-04-29T12:10:11Z");
    for (ResultRow r : ROWS) {
      assertTrue(r.createdAt().isAfter(previous), r::toString);
      assertEquals(LocalDate.of(2026, 4, 29), LocalDate.ofInstant(r.createdAt(), ZoneOffset.UTC), r::toString);
      previous = r.createdAt();
    }
  }

  @Test
  void perCryptoMeanF1IsExactlyThePrintedValue() {
    for (int v = 0; v < VARIANTS.size(); v++) {
      for (int c = 0; c < CRYPTOS.size(); c++) {
        double[] values = folds(VARIANTS.get(v), CRYPTOS.get(c), ResultRow::f1Buy);
        String where = VARIANTS.get(v) + " × " + CRYPTOS.get(c);
        BigDecimal expected = new BigDecimal(F1_MEANS[v][c]);
        // The decimals as written in the snapshot average to exactly the printed value ...
        BigDecimal exact = decimalSum(values).divide(BigDecimal.valueOf(values.length));
        assertEquals(0, exact.compareTo(expected), where + ": " + exact);
        // ... and the tool's own mean rounds to it.
        assertEquals(expected, round(Descriptive.mean(values), 4), where);
      }
    }
  }

  @Test
  void pairedDeltasHaveThePagesMeanEffectSizeIntervalAndP() {
    for (int i = 0; i < FOCAL.size(); i++) {
      String variant = FOCAL.get(i);
      double[] deltas = deltas(variant, ResultRow::f1Buy);
      assertEquals(25, deltas.length);
      assertEquals(new BigDecimal(MEAN_DELTA[i]), round(Descriptive.mean(deltas), 4), variant + " mean Δ");

      double d = EffectSize.cohensDz(deltas);
      assertEquals(Double.parseDouble(COHENS_D[i]), d, 0.02, variant + " d");
      assertEquals(new BigDecimal(COHENS_D[i]), round(d, 3), variant + " d to 3 decimals");

      Bootstrap.Interval ci = Bootstrap.percentileInterval(deltas, 10_000, 42L, 0.95);
      assertEquals(CI95[i][0], ci.low(), 0.003, variant + " CI low");
      assertEquals(CI95[i][1], ci.high(), 0.003, variant + " CI high");

      double p = PairedTTest.test(deltas).p();
      assertTrue(p > RAW_P[i] / 1.5 && p < RAW_P[i] * 1.5, variant + " p " + p + " vs " + RAW_P[i]);
    }
  }

  @Test
  void jointMetricDeltasHaveThePrintedMeansExactly() {
    for (int i = 0; i < FOCAL.size(); i++) {
      String variant = FOCAL.get(i);
      assertMeanDelta(variant, "Δexpectancy", ResultRow::expectancyNet, D_EXPECTANCY[i], 1);
      assertMeanDelta(variant, "Δsortino", ResultRow::sortino, D_SORTINO[i], 2);
      assertMeanDelta(variant, "Δmax_drawdown", ResultRow::maxDrawdown, D_MAX_DRAWDOWN[i], 2);
      // Not the same number on every crypto.
      Set<BigDecimal> perCrypto = new HashSet<>();
      for (String crypto : CRYPTOS) {
        double[] delta = new double[5];
        double[] v = folds(variant, crypto, ResultRow::expectancyNet);
        double[] b = folds("none", crypto, ResultRow::expectancyNet);
        for (int f = 0; f < 5; f++) {
          delta[f] = v[f] - b[f];
        }
        perCrypto.add(round(Descriptive.mean(delta), 1));
      }
      assertEquals(5, perCrypto.size(), variant + " per-crypto Δexpectancy " + perCrypto);
    }
  }

  @Test
  void leastStableCellIsClassBalancedOnOp() {
    String worst = null;
    double max = -1;
    for (String variant : VARIANTS) {
      for (String crypto : CRYPTOS) {
        double variance = Descriptive.variance(folds(variant, crypto, ResultRow::f1Buy));
        boolean unstableCell = variant.equals("class_balanced") && crypto.equals("OPUSDC");
        if (!unstableCell) {
          assertTrue(variance <= 0.019, variant + " × " + crypto + " variance " + variance);
        }
        if (!variant.equals("none") && variance > max) {
          max = variance;
          worst = variant + " × " + crypto;
        }
      }
    }
    assertEquals("class_balanced × OPUSDC", worst);
    assertEquals(0.021, max, 0.0002);
    assertEquals(new BigDecimal("0.021"), round(max, 3));
  }

  @Test
  void focalVariantsTradeLessAndNoneReachesFiftyPerFoldOnAverage() {
    double[] baseline = column("none", ResultRow::nTrades);
    assertEquals(0, decimalSum(baseline).divide(BigDecimal.valueOf(25)).compareTo(new BigDecimal("47.4")));
    assertTrue(ROWS.stream().anyMatch(r -> r.variant().equals("none") && r.nTrades() >= 50));
    for (int i = 0; i < FOCAL.size(); i++) {
      double mean = Descriptive.mean(column(FOCAL.get(i), ResultRow::nTrades));
      assertTrue(mean >= 33.5 && mean <= 34.5, FOCAL.get(i) + " " + mean);
      assertEquals(new BigDecimal(FOCAL_TRADES[i]), round(mean, 1), FOCAL.get(i));
    }
    for (String variant : VARIANTS) {
      assertTrue(Descriptive.mean(column(variant, ResultRow::nTrades)) < 50, variant);
    }
  }

  @Test
  void isDeterministic() {
    assertEquals(SampleData.track6(), SampleData.track6());
    assertEquals(SnapshotWriter.write(SampleData.track6()), SnapshotWriter.write(SampleData.track6()));
  }

  @Test
  void writtenSnapshotReadsBackAsTheRows(@TempDir Path dir) throws Exception {
    SampleData.writeAll(dir);
    Path file = dir.resolve(SampleData.TRACK6_FILE);
    List<ResultRow> read = SnapshotReader.read(file);
    assertEquals(ROWS.stream().sorted(SnapshotWriter.CANONICAL).toList(), read);
    assertEquals(
        ROWS.stream().sorted(Comparator.comparing(ResultRow::createdAt)).toList(),
        read.stream().sorted(Comparator.comparing(ResultRow::createdAt)).toList());
    byte[] first = Files.readAllBytes(file);
    SampleData.writeAll(dir);
    assertArrayEquals(first, Files.readAllBytes(file), "writing twice gives the same bytes");
  }

  @Test
  void aSnapshotThatIsASymbolicLinkIsRefusedNotWrittenThrough(@TempDir Path dir) throws Exception {
    Path elsewhere = Files.writeString(dir.resolve("elsewhere.csv"), "someone's file\n");
    Path link = Files.createSymbolicLink(dir.resolve(SampleData.TRACK6_FILE), elsewhere);
    DossierException e = assertThrows(DossierException.class, () -> SampleData.writeAll(dir));
    assertTrue(e.getMessage().startsWith("cannot write " + link + ": it is a symbolic link"), e.getMessage());
    assertEquals("someone's file\n", Files.readString(elsewhere));
  }

  @Test
  void committedSnapshotIsUpToDate() throws Exception {
    assertTrue(Files.exists(COMMITTED), COMMITTED + " is missing; regenerate it (see the class comment)");
    assertEquals(SnapshotWriter.write(ROWS), Files.readString(COMMITTED, StandardCharsets.UTF_8),
        COMMITTED + " differs from SampleData.track6(); regenerate it (see the class comment)");
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** The metric of one variant × crypto, by fold 1..5. */
  private static double[] folds(String variant, String crypto, ToDoubleFunction<ResultRow> metric) {
    double[] values = new double[5];
    int seen = 0;
    for (ResultRow r : ROWS) {
      if (r.variant().equals(variant) && r.crypto().equals(crypto)) {
        values[r.fold() - 1] = metric.applyAsDouble(r);
        seen++;
      }
    }
    assertEquals(5, seen, variant + " × " + crypto);
    return values;
  }

  /** The metric of one variant over all cryptos × folds, crypto-major. */
  private static double[] column(String variant, ToDoubleFunction<ResultRow> metric) {
    double[] out = new double[25];
    for (int c = 0; c < CRYPTOS.size(); c++) {
      System.arraycopy(folds(variant, CRYPTOS.get(c), metric), 0, out, 5 * c, 5);
    }
    return out;
  }

  /** Paired deltas variant − none by crypto × fold, crypto-major then fold (snapshot order). */
  private static double[] deltas(String variant, ToDoubleFunction<ResultRow> metric) {
    double[] v = column(variant, metric);
    double[] b = column("none", metric);
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] - b[i];
    }
    return out;
  }

  private static void assertMeanDelta(
      String variant, String name, ToDoubleFunction<ResultRow> metric, String expected, int decimals) {
    BigDecimal target = new BigDecimal(expected);
    // Exactly the printed value on the decimals of the snapshot ...
    BigDecimal exact = decimalSum(column(variant, metric))
        .subtract(decimalSum(column("none", metric)))
        .divide(BigDecimal.valueOf(25));
    assertEquals(0, exact.compareTo(target), variant + " " + name + " exact mean " + exact);
    // ... and printed as such from the doubles the tool computes with.
    assertEquals(target.setScale(decimals, RoundingMode.HALF_UP), round(Descriptive.mean(deltas(variant, metric)), decimals),
        variant + " " + name);
  }

  /** The sum of the values as the decimals the snapshot writes (shortest round-trip form). */
  private static BigDecimal decimalSum(double[] values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double x : values) {
      sum = sum.add(new BigDecimal(Double.toString(x)));
    }
    return sum;
  }

  /** HALF_UP on the exact binary value of x, as a formatter printing x would see it. */
  private static BigDecimal round(double x, int decimals) {
    return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_UP);
  }
}
