import dossier.source.Columns;
import dossier.source.ResultRow;
import dossier.source.RowsDigest;
import dossier.source.SnapshotReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * How much of a 50,000-row generate the snapshot's reading and digest take, in dossier's own code
 * and in the library form of the same work (issue 18: hand-written code stays only where it saves
 * at least 10 % of the big sweep's generate). One measurement per JVM, as a generate does it once
 * in a fresh process: run it with the launcher's JVM options, alternating the modes. Prints the
 * mode, the CPU milliseconds of the timed work, its wall milliseconds and its result.
 *
 * <pre>
 *   read            SnapshotReader.read: what the jar on the class path does
 *   read-library    the same rows through Commons CSV, a regex per number, DateTimeFormatter
 *   digest          RowsDigest.sha256 of the rows read (reading untimed)
 *   digest-library  the same bytes through a Comparator chain and Commons CSV's printer
 * </pre>
 *
 * <p>Build and run: see bench/parsing/run.sh.
 */
public final class HandVsLibrary {
  private static final Pattern DECIMAL = Pattern.compile("[-+]?+(\\d++\\.?+\\d*+|\\.\\d++)([eE][-+]?+\\d++)?+");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,9}");
  private static final List<DateTimeFormatter> TIMESTAMPS = List.of(formatter("+HH:MM"), formatter("+HH"));

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path file = Path.of(args[1]);
    List<ResultRow> rows = mode.startsWith("digest") ? SnapshotReader.read(file) : null;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    Object result = switch (mode) {
      case "read" -> SnapshotReader.read(file).size();
      case "read-library" -> readLibrary(file).size();
      case "digest" -> RowsDigest.sha256(rows);
      case "digest-library" -> digestLibrary(rows);
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    };
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    long elapsed = System.nanoTime() - start;
    // CPU time of this thread first: on a shared machine, wall time mostly measures the neighbours.
    System.out.printf(Locale.ROOT, "%s\t%.1f\t%.1f\t%s%n", mode, cpu / 1e6, elapsed / 1e6, result);
  }

  static List<ResultRow> readLibrary(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<ResultRow> rows = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text),
        CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get())) {
      for (CSVRecord record : parser) {
        parser.getCurrentLineNumber(); // as an error would name the line
        String[] v = record.values();
        if (index.isEmpty()) {
          for (int i = 0; i < v.length; i++) {
            index.put(v[i].strip(), i);
          }
          continue;
        }
        rows.add(new ResultRow(
            cell(v, index, "run_id"), cell(v, index, "factor"), cell(v, index, "variant"), cell(v, index, "crypto"),
            integer(cell(v, index, "fold")), cell(v, index, "status"), decimal(cell(v, index, "f1_buy")),
            decimal(cell(v, index, "sortino")), decimal(cell(v, index, "total_return")),
            integer(cell(v, index, "n_trades")), decimal(cell(v, index, "ece")),
            decimal(cell(v, index, "expectancy_net")), decimal(cell(v, index, "max_drawdown")),
            timestamp(cell(v, index, "created_at"))));
      }
    }
    return rows;
  }

  private static String cell(String[] values, Map<String, Integer> index, String column) {
    return values[index.get(column)].strip();
  }

  private static int integer(String value) {
    if (value.isEmpty()) {
      return 0; // an attempt that did not complete
    }
    if (!INTEGER.matcher(value).matches()) {
      throw new IllegalArgumentException(value);
    }
    return Integer.parseInt(value);
  }

  private static double decimal(String value) {
    if (value.isEmpty()) {
      return Double.NaN; // an attempt that did not complete
    }
    if (!DECIMAL.matcher(value).matches()) {
      throw new IllegalArgumentException(value);
    }
    return Double.parseDouble(value);
  }

  private static Instant timestamp(String value) {
    for (DateTimeFormatter f : TIMESTAMPS) {
      try {
        return OffsetDateTime.parse(value, f).toInstant();
      } catch (DateTimeParseException e) {
        // the next form
      }
    }
    throw new IllegalArgumentException(value);
  }

  private static DateTimeFormatter formatter(String offset) {
    return new DateTimeFormatterBuilder()
        .append(DateTimeFormatter.ISO_LOCAL_DATE)
        .optionalStart().appendLiteral('T').optionalEnd()
        .optionalStart().appendLiteral(' ').optionalEnd()
        .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
        .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
        .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
        .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
        .appendOffset(offset, "Z")
        .toFormatter(Locale.ROOT);
  }

  static String digestLibrary(List<ResultRow> rows) throws Exception {
    Comparator<ResultRow> canonical = Comparator.comparing(ResultRow::runId)
        .thenComparing(ResultRow::factor)
        .thenComparing(ResultRow::variant)
        .thenComparing(ResultRow::crypto)
        .thenComparingInt(ResultRow::fold)
        .thenComparing(ResultRow::createdAt)
        .thenComparing(ResultRow::status);
    StringBuilder out = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
      printer.printRecord(Columns.ALL);
      for (ResultRow r : rows.stream().sorted(canonical).toList()) {
        boolean done = r.completed();
        printer.printRecord(r.runId(), r.factor(), r.variant(), r.crypto(), r.fold(), r.status(),
            number(r, r.f1Buy()), number(r, r.sortino()), number(r, r.totalReturn()),
            done || r.nTrades() > 0 ? Integer.toString(r.nTrades()) : "",
            number(r, r.ece()), number(r, r.expectancyNet()), number(r, r.maxDrawdown()), r.createdAt().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(out.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(hash);
  }

  private static String number(ResultRow row, double value) {
    if (!row.completed() && Double.isNaN(value)) {
      return "";
    }
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    return value == 0 ? "0" : new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
