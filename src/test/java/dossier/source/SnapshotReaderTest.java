package dossier.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SnapshotReader on files written into a temporary folder: what it accepts, and for each bad input
 * the exact message (file, line, column, what to do) and exit code 1.
 */
class SnapshotReaderTest {
  private static final String HEADER = String.join(",", Columns.ALL);
  private static final String EXPECTED = "expected exactly: " + HEADER;
  private static final String NUMBER = "; write a decimal such as 0.4068, or NaN if it was not computed";
  private static final String FOLD = "; a fold id is a label such as 0, 1, 2 …";
  private static final String TRADES = "; n_trades counts trades: 0, 1, 2 …";
  private static final String SHORT = "; the row is cut short (a truncated export?): export the snapshot again";
  private static final String LONG = "; a value that holds a comma must be quoted";

  @TempDir Path dir;

  // ---- helpers ------------------------------------------------------------------------------

  /** A valid completed row as CSV, with some columns replaced: {@code line("f1_buy", "x")}. */
  private static String line(String... overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("run_id", "run1");
    values.put("factor", "focal_loss");
    values.put("variant", "none");
    values.put("crypto", "AAVEUSDC");
    values.put("fold", "1");
    values.put("status", "completed");
    values.put("f1_buy", "0.45");
    values.put("sortino", "1.5");
    values.put("total_return", "20.5");
    values.put("n_trades", "40");
    values.put("ece", "0.05");
    values.put("expectancy_net", "60.1");
    values.put("max_drawdown", "15.2");
    values.put("created_at", "2026-04-29T15:25:07Z");
    for (int i = 0; i < overrides.length; i += 2) {
      if (!values.containsKey(overrides[i])) {
        throw new IllegalArgumentException(overrides[i]);
      }
      values.put(overrides[i], overrides[i + 1]);
    }
    return String.join(",", values.values());
  }

  private Path file(String text) throws IOException {
    return bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private Path bytes(byte[] content) throws IOException {
    Path f = dir.resolve("snap.csv");
    Files.write(f, content);
    return f;
  }

  private static ResultRow row(String variant, String crypto, int fold, String status, double f1, int trades,
      String at) {
    return new ResultRow("run1", "focal_loss", variant, crypto, fold, status, f1, 1.25, -3.5, trades, 0.05, 12.5,
        7.75, Instant.parse(at));
  }

  /** Reads {@code text} and returns the error, which must have exit code 1. */
  private DossierException fails(String text) throws IOException {
    Path f = file(text);
    DossierException e = assertThrows(DossierException.class, () -> SnapshotReader.read(f));
    assertEquals(DossierException.WORK_FAILED, e.exitCode(), e.getMessage());
    return e;
  }

  private String name() {
    return dir.resolve("snap.csv").toString();
  }

  // ---- round trip ---------------------------------------------------------------------------

  @Test
  void roundTripThroughSnapshotWriter() throws IOException {
    List<ResultRow> rows = List.of(
        row("none", "AAVEUSDC", 1, "completed", 0.4068, 40, "2026-04-29T15:25:07.275194Z"),
        row("none", "AAVEUSDC", 2, "completed", Double.NaN, 34, "2026-04-29T15:27:36Z"),
        new ResultRow("run1", "focal_loss", "none", "ARBUSDC", 1, "completed", 0.3, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0, 1e-9, -0.000123, 123456789.125, Instant.parse("2026-04-29T15:30:00Z")),
        // a failed attempt: metrics never computed (empty cells), no trades
        new ResultRow("run1", "focal_loss", "none", "ARBUSDC", 2, "training_failed", Double.NaN, Double.NaN,
            Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, Instant.parse("2026-04-29T15:31:00Z")),
        // its completed retry, in another run
        new ResultRow("run2", "focal_loss", "standard", "ARBUSDC", 2, "completed", 0.5, 2, 3, 7, 0.1, 4, 5,
            Instant.parse("2026-04-29T16:31:00.5Z")));
    String csv = SnapshotWriter.write(rows);
    assertTrue(csv.contains(",training_failed,,,,,,,,2026-04-29T15:31:00Z\n"), csv);
    List<ResultRow> read = SnapshotReader.read(file(csv));
    assertEquals(rows.stream().sorted(SnapshotWriter.CANONICAL).toList(), read);
    assertTrue(Double.isNaN(read.get(1).f1Buy()));
    assertEquals(csv, SnapshotWriter.write(read), "reading and writing again gives the same text");
  }

  @Test
  void readsEveryField() throws IOException {
    List<ResultRow> rows = SnapshotReader.read(file(HEADER + "\n" + line() + "\n"));
    assertEquals(List.of(new ResultRow("run1", "focal_loss", "none", "AAVEUSDC", 1, "completed", 0.45, 1.5, 20.5, 40,
        0.05, 60.1, 15.2, Instant.parse("2026-04-29T15:25:07Z"))), rows);
  }

  @Test
  void columnsInAnyOrder() throws IOException {
    List<String> columns = new ArrayList<>(Columns.ALL);
    java.util.Collections.reverse(columns);
    List<String> values = new ArrayList<>(Arrays.asList(line().split(",")));
    java.util.Collections.reverse(values);
    List<ResultRow> rows = SnapshotReader.read(file(String.join(",", columns) + "\n" + String.join(",", values)));
    assertEquals(SnapshotReader.read(file(HEADER + "\n" + line())), rows);
  }

  @Test
  void headerOnlyGivesNoRows() throws IOException {
    assertEquals(List.of(), SnapshotReader.read(file(HEADER + "\n")));
  }

  // ---- header -------------------------------------------------------------------------------

  @Test
  void missingColumn() throws IOException {
    String header = HEADER.replace(",f1_buy", "");
    assertEquals(name() + ":1: missing column f1_buy; " + EXPECTED, fails(header + "\n").getMessage());
  }

  @Test
  void missingColumns() throws IOException {
    String header = HEADER.replace(",ece", "").replace(",max_drawdown", "");
    assertEquals(name() + ":1: missing columns ece, max_drawdown; " + EXPECTED, fails(header + "\n").getMessage());
  }

  @Test
  void unknownColumn() throws IOException {
    assertEquals(name() + ":1: unknown column 'gamma' (column 15); " + EXPECTED,
        fails(HEADER + ",gamma\n" + line() + ",2\n").getMessage());
  }

  @Test
  void misspelledColumn() throws IOException {
    assertEquals(name() + ":1: unknown column 'f1buy' (column 7); " + EXPECTED,
        fails(HEADER.replace("f1_buy", "f1buy") + "\n").getMessage());
  }

  @Test
  void duplicateColumnNamesLineOneAndBothColumns() throws IOException {
    assertEquals(name() + ":1: duplicate column 'fold' (columns 5 and 15); keep one",
        fails(HEADER + ",fold\n" + line() + ",1\n").getMessage());
  }

  @Test
  void emptyFile() throws IOException {
    assertEquals(name() + ":1: empty snapshot; expected the header " + HEADER, fails("").getMessage());
  }

  @Test
  void blankLinesOnlyAreAnEmptyFile() throws IOException {
    assertEquals(name() + ":1: empty snapshot; expected the header " + HEADER, fails("\n\n\r\n").getMessage());
  }

  @Test
  void missingFile() {
    Path f = dir.resolve("nope.csv");
    DossierException e = assertThrows(DossierException.class, () -> SnapshotReader.read(f));
    assertEquals(f + ": snapshot not found; fix the path in the spec (snapshot:) or pass --db to read the database", e.getMessage());
    assertEquals(1, e.exitCode());
  }

  // ---- encoding and line endings --------------------------------------------------------------

  @Test
  void notUtf8() throws IOException {
    byte[] latin1 = (HEADER + "\n" + line("crypto", "BTCÜSD") + "\n").getBytes(StandardCharsets.ISO_8859_1);
    Path f = bytes(latin1);
    DossierException e = assertThrows(DossierException.class, () -> SnapshotReader.read(f));
    assertEquals(name() + ":2: not UTF-8 text; save the snapshot as UTF-8", e.getMessage());
    assertEquals(1, e.exitCode());
  }

  @Test
  void byteOrderMarkIsAccepted() throws IOException {
    byte[] text = (HEADER + "\n" + line() + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[text.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(text, 0, withBom, 3, text.length);
    List<ResultRow> rows = SnapshotReader.read(bytes(withBom));
    assertEquals(1, rows.size());
    assertEquals("run1", rows.get(0).runId(), "the BOM is not part of the first column's name");
  }

  @Test
  void crlfIsAccepted() throws IOException {
    List<ResultRow> rows = SnapshotReader.read(file(HEADER + "\r\n" + line() + "\r\n" + line("fold", "2") + "\r\n"));
    assertEquals(2, rows.size());
    assertEquals(Instant.parse("2026-04-29T15:25:07Z"), rows.get(1).createdAt(), "no \\r left in the last field");
  }

  @Test
  void crlfLineNumbersAreRight() throws IOException {
    assertEquals(name() + ":3: column f1_buy: 'x' is not a number" + NUMBER,
        fails(HEADER + "\r\n" + line() + "\r\n" + line("f1_buy", "x") + "\r\n").getMessage());
  }

  @Test
  void quotedNewlineInAField() throws IOException {
    List<ResultRow> rows = SnapshotReader.read(file(
        HEADER + "\n" + line("status", "\"training\nfailed\"", "f1_buy", "") + "\n" + line() + "\n"));
    assertEquals("training\nfailed", rows.get(0).status());
    assertEquals(2, rows.size());
  }

  @Test
  void aLineBreakInANameIsRefused() throws IOException {
    assertEquals(name() + ":3: column crypto: 'AAVE\\nUSDC' holds a line break or a control character; a name is one"
        + " line of text: fix it where the rows are written",
        fails(HEADER + "\n" + line() + "\n" + line("crypto", "\"AAVE\nUSDC\"") + "\n").getMessage());
    assertEquals(name() + ":2: column run_id: 'run\\u00001' holds a line break or a control character; a name is one"
        + " line of text: fix it where the rows are written", fails(HEADER + "\n" + line("run_id", "run\u00001")).getMessage());
  }

  @Test
  void aValueQuotedInAnErrorStaysOnOneLine() throws IOException {
    assertEquals(name() + ":2: column fold: '1\\r\\n2' is not a whole number" + FOLD,
        fails(HEADER + "\n" + line("fold", "\"1\r\n2\"") + "\n").getMessage());
  }

  @Test
  void theSameRowTwiceIsRefusedWithBothLines() throws IOException {
    String attempt = "(run_id=run1, factor=focal_loss, variant=none, crypto=AAVEUSDC, fold=1, status=completed,"
        + " created_at=2026-04-29T15:25:07Z)";
    assertEquals(name() + ":4: the same row as line 2 " + attempt + "; a snapshot holds each attempt once (an export"
        + " that ran twice?): delete one of them", fails(HEADER + "\n" + line() + "\n" + line("fold", "2") + "\n"
        + line() + "\n").getMessage());
    assertEquals(name() + ":3: the same attempt as line 2 " + attempt + " with other values; which one counts would"
        + " depend on the order of the rows: delete the wrong one",
        fails(HEADER + "\n" + line() + "\n" + line("f1_buy", "0.5") + "\n").getMessage());
  }

  @Test
  void aFailedAttemptAndItsRetryAtTheSameInstantAreTwoAttempts() throws IOException {
    assertEquals(2, SnapshotReader.read(file(HEADER + "\n" + line("status", "training_failed") + "\n" + line()
        + "\n")).size());
  }

  @Test
  void headerOnlyIsRefusedWhenRowsAreRequired() throws IOException {
    Path f = file("\n" + HEADER + "\n");
    DossierException e = assertThrows(DossierException.class, () -> SnapshotReader.read(f, "data/x.csv", true));
    assertEquals("data/x.csv:2: only the header, no row; write the sweep's rows into the snapshot (`dossier snapshot"
        + " TRACK --db URL`), or point 'snapshot:' at the file that has them", e.getMessage());
  }

  @Test
  void lineNumbersAfterAQuotedNewlineAreRight() throws IOException {
    String text = HEADER + "\n"                                          // line 1
        + line("status", "\"training\nfailed\"", "f1_buy", "") + "\n"   // lines 2-3
        + line() + "\n"                                                  // line 4
        + line("sortino", "abc") + "\n";                                 // line 5
    assertEquals(name() + ":5: column sortino: 'abc' is not a number" + NUMBER, fails(text).getMessage());
  }

  @Test
  void lineOfARowThatHoldsAQuotedNewlineIsItsFirstLine() throws IOException {
    String text = HEADER + "\n" + line() + "\n" + line("status", "\"a\nb\"", "n_trades", "-2") + "\n";
    assertEquals(name() + ":3: column n_trades: '-2' is not a whole number ≥ 0" + TRADES, fails(text).getMessage());
  }

  @Test
  void lineNumbersAfterBlankLinesAreRight() throws IOException {
    String text = HEADER + "\n\n" + line() + "\n\n\n" + line("fold", "one") + "\n";
    assertEquals(name() + ":6: column fold: 'one' is not a whole number" + FOLD, fails(text).getMessage());
  }

  @Test
  void blankLinesBeforeTheHeaderAreCounted() throws IOException {
    assertEquals(name() + ":3: unknown column 'fold2' (column 15); " + EXPECTED,
        fails("\n\n" + HEADER + ",fold2\n").getMessage());
    assertEquals(name() + ":4: column f1_buy: 'x' is not a number" + NUMBER,
        fails("\n\n" + HEADER + "\n" + line("f1_buy", "x") + "\n").getMessage());
  }

  @Test
  void lineNumbersAfterBlankLinesWithCrlfAreRight() throws IOException {
    String text = HEADER + "\r\n\r\n" + line() + "\r\n\r\n" + line("ece", "1,5") + "\r\n";
    assertEquals(name() + ":5: 15 fields where the header has 14" + LONG, fails(text).getMessage());
  }

  @Test
  void unclosedQuote() throws IOException {
    assertEquals(name() + ":3: a quoted field opened on this line is never closed (the file ends inside it); the file"
        + " was cut short or a quote is missing: export it again",
        fails(HEADER + "\n" + line() + "\n" + line("variant", "\"none") + "\n").getMessage());
  }

  // ---- values -------------------------------------------------------------------------------

  @Test
  void nonNumericValueNamesLineAndColumn() throws IOException {
    assertEquals(name() + ":3: column total_return: '12%' is not a number" + NUMBER,
        fails(HEADER + "\n" + line() + "\n" + line("total_return", "12%") + "\n").getMessage());
  }

  @Test
  void hexAndSuffixedNumbersAreRefused() throws IOException {
    assertEquals(name() + ":2: column ece: '0x1p3' is not a number" + NUMBER,
        fails(HEADER + "\n" + line("ece", "0x1p3") + "\n").getMessage());
    assertEquals(name() + ":2: column ece: '1d' is not a number" + NUMBER,
        fails(HEADER + "\n" + line("ece", "1d") + "\n").getMessage());
  }

  /**
   * Found by CsvFuzzTest: the number pattern backtracked in quadratic time on a long run of digits
   * followed by something else, a minute and a half for 100,000 digits. The limit only guards
   * against the hang.
   */
  @Test
  void aLongRunOfDigitsThatIsNotANumberIsRefusedWithoutHanging() throws IOException {
    String digits = "9".repeat(200_000);
    Path f = file(HEADER + "\n" + line("sortino", digits + "x") + "\n");
    DossierException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> assertThrows(DossierException.class, () -> SnapshotReader.read(f)));
    // The value is echoed as its first 60 characters (issue 19): the message stays one short line.
    assertEquals(name() + ":2: column sortino: '" + "9".repeat(60) + "…' is not a number; write a decimal such as "
        + "0.4068, or NaN if it was not computed", e.getMessage());
    assertEquals(Double.POSITIVE_INFINITY, SnapshotReader.read(file(HEADER + "\n" + line("sortino", digits) + "\n"))
        .get(0).sortino(), "a number too large for a double is infinite, as Double.parseDouble reads it");
  }

  @Test
  void numberForms() throws IOException {
    List<ResultRow> rows = SnapshotReader.read(file(HEADER + "\n"
        + line("f1_buy", "NaN", "sortino", "inf", "total_return", "-Infinity", "ece", "1e-3",
            "expectancy_net", "-.5", "max_drawdown", " 7. ") + "\n"));
    ResultRow r = rows.get(0);
    assertTrue(Double.isNaN(r.f1Buy()));
    assertEquals(Double.POSITIVE_INFINITY, r.sortino());
    assertEquals(Double.NEGATIVE_INFINITY, r.totalReturn());
    assertEquals(0.001, r.ece());
    assertEquals(-0.5, r.expectancyNet());
    assertEquals(7.0, r.maxDrawdown());
  }

  @Test
  void nonIntegerFold() throws IOException {
    assertEquals(name() + ":2: column fold: '1.5' is not a whole number" + FOLD,
        fails(HEADER + "\n" + line("fold", "1.5") + "\n").getMessage());
  }

  @Test
  void negativeFoldIsRefused() throws IOException {
    assertEquals(name() + ":2: column fold: '-1' is not a whole number ≥ 0" + FOLD,
        fails(HEADER + "\n" + line("fold", "-1") + "\n").getMessage());
  }

  @Test
  void foldZeroIsALabelAsTheSchemaAllows() throws IOException {
    // sql/finetune_results.sql says fold >= 0, and the team's Python code numbers folds from 0.
    List<ResultRow> rows = SnapshotReader.read(file(HEADER + "\n" + line("fold", "0") + "\n" + line("fold", "1") + "\n"));
    assertEquals(List.of(0, 1), rows.stream().map(ResultRow::fold).toList());
  }

  @Test
  void negativeTradesAreRefused() throws IOException {
    assertEquals(name() + ":2: column n_trades: '-3' is not a whole number ≥ 0" + TRADES,
        fails(HEADER + "\n" + line("n_trades", "-3") + "\n").getMessage());
  }

  @Test
  void tooManyDigitsIsNotAWholeNumber() throws IOException {
    assertEquals(name() + ":2: column n_trades: '12345678901' is not a whole number" + TRADES,
        fails(HEADER + "\n" + line("n_trades", "12345678901") + "\n").getMessage());
  }

  @Test
  void tooFewFields() throws IOException {
    String shortLine = line().substring(0, line().lastIndexOf(','));
    assertEquals(name() + ":3: 13 fields where the header has 14" + SHORT,
        fails(HEADER + "\n" + line() + "\n" + shortLine + "\n").getMessage());
  }

  @Test
  void tooManyFields() throws IOException {
    assertEquals(name() + ":2: 15 fields where the header has 14" + LONG,
        fails(HEADER + "\n" + line() + ",extra\n").getMessage());
  }

  @Test
  void emptyTextColumn() throws IOException {
    assertEquals(name() + ":2: column variant is empty; every row needs one",
        fails(HEADER + "\n" + line("variant", " ") + "\n").getMessage());
  }

  @Test
  void emptyFoldIsRefusedEvenOnAFailedRow() throws IOException {
    assertEquals(name() + ":2: column fold: '' is not a whole number" + FOLD,
        fails(HEADER + "\n" + line("status", "training_failed", "fold", "") + "\n").getMessage());
  }

  @Test
  void emptyMetricOnACompletedRowIsRefused() throws IOException {
    assertEquals(name() + ":2: column sortino is empty on a completed row; write the value, or NaN if it was not"
        + " computed", fails(HEADER + "\n" + line("sortino", "") + "\n").getMessage());
  }

  @Test
  void emptyTradesOnACompletedRowIsRefused() throws IOException {
    assertEquals(name() + ":2: column n_trades: '' is not a whole number" + TRADES,
        fails(HEADER + "\n" + line("n_trades", "") + "\n").getMessage());
  }

  @Test
  void emptyMetricsOnAFailedRowAreAllowed() throws IOException {
    List<ResultRow> rows = SnapshotReader.read(file(HEADER + "\n" + line("status", "training_failed", "f1_buy", "",
        "sortino", "", "total_return", "", "n_trades", "", "ece", "", "expectancy_net", "", "max_drawdown", "")
        + "\n"));
    ResultRow r = rows.get(0);
    assertEquals("training_failed", r.status());
    for (Metric m : Metric.values()) {
      if (m == Metric.N_TRADES) {
        assertEquals(0.0, r.metric(m));
      } else {
        assertTrue(Double.isNaN(r.metric(m)), m.column());
      }
    }
  }

  @Test
  void nonNumericMetricOnAFailedRowIsStillRefused() throws IOException {
    assertEquals(name() + ":2: column f1_buy: 'err' is not a number" + NUMBER,
        fails(HEADER + "\n" + line("status", "training_failed", "f1_buy", "err") + "\n").getMessage());
  }

  // ---- timestamps ---------------------------------------------------------------------------

  @Test
  void timestampForms() throws IOException {
    String[][] cases = {
        {"2026-04-29T15:25:07Z", "2026-04-29T15:25:07Z"},
        {"2026-04-29T15:25:07+00", "2026-04-29T15:25:07Z"},
        {"2026-04-29T15:25:07+00:00", "2026-04-29T15:25:07Z"},
        {"2026-04-29 15:25:07+00", "2026-04-29T15:25:07Z"},
        {"2026-04-29 15:25:07+00:00", "2026-04-29T15:25:07Z"},
        {"2026-04-29 15:25:07Z", "2026-04-29T15:25:07Z"},
        {"2026-04-29T15:25:07.275194Z", "2026-04-29T15:25:07.275194Z"},
        {"2026-04-29 15:25:07.5+00", "2026-04-29T15:25:07.500Z"},
        {"2026-04-29 15:25:07.123456789+00:00", "2026-04-29T15:25:07.123456789Z"},
        {"2026-04-29 17:25:07+02", "2026-04-29T15:25:07Z"},
        {"2026-04-29T10:25:07-05:00", "2026-04-29T15:25:07Z"},
    };
    for (String[] c : cases) {
      List<ResultRow> rows = SnapshotReader.read(file(HEADER + "\n" + line("created_at", c[0]) + "\n"));
      assertEquals(Instant.parse(c[1]), rows.get(0).createdAt(), c[0]);
    }
  }

  @Test
  void timestampWithoutOffsetIsRefused() throws IOException {
    assertEquals(name() + ":2: column created_at: '2026-04-29T15:25:07' is not a timestamp with an offset such as"
        + " 2026-04-29T12:10:11Z",
        fails(HEADER + "\n" + line("created_at", "2026-04-29T15:25:07") + "\n").getMessage());
  }

  @Test
  void dateAloneIsRefused() throws IOException {
    assertEquals(name() + ":2: column created_at: '2026-04-29' is not a timestamp with an offset such as"
        + " 2026-04-29T12:10:11Z", fails(HEADER + "\n" + line("created_at", "2026-04-29") + "\n").getMessage());
  }

  @Test
  void emptyTimestampIsRefused() throws IOException {
    assertEquals(name() + ":2: column created_at: '' is not a timestamp with an offset such as 2026-04-29T12:10:11Z",
        fails(HEADER + "\n" + line("created_at", "") + "\n").getMessage());
  }
}
