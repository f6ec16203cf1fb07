package dossier.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes rows as a snapshot CSV in the canonical order and number form, so that the same rows
 * always give the same bytes (and the same SHA-256).
 */
public final class SnapshotWriter {
  /** Canonical order of attempts: by cell, then by time of the attempt. */
  public static final Comparator<ResultRow> CANONICAL =
      Comparator.comparing(ResultRow::runId)
          .thenComparing(ResultRow::factor)
          .thenComparing(ResultRow::variant)
          .thenComparing(ResultRow::crypto)
          .thenComparingInt(ResultRow::fold)
          .thenComparing(ResultRow::createdAt)
          .thenComparing(ResultRow::status);

  private SnapshotWriter() {}

  public static String write(List<ResultRow> rows) {
    StringBuilder out = new StringBuilder();
    CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      printer.printRecord(Columns.ALL);
      for (ResultRow r : rows.stream().sorted(CANONICAL).toList()) {
        boolean done = r.completed();
        printer.printRecord(
            r.runId(), r.factor(), r.variant(), r.crypto(), r.fold(), r.status(),
            cell(r, r.f1Buy()), cell(r, r.sortino()), cell(r, r.totalReturn()),
            done || r.nTrades() > 0 ? Integer.toString(r.nTrades()) : "",
            cell(r, r.ece()), cell(r, r.expectancyNet()), cell(r, r.maxDrawdown()),
            r.createdAt().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  // A metric an unfinished attempt never computed is an empty cell, as the reader expects.
  private static String cell(ResultRow row, double value) {
    return !row.completed() && Double.isNaN(value) ? "" : number(value);
  }

  /** Shortest decimal that reads back as the same double, never in exponent form. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return "0";
    }
    String s = Double.toString(value);
    // Double.toString is already the shortest form that reads back; it only needs its exponent
    // spelled out (rare: below 1e-3 or from 1e7) and a trailing ".0" dropped. BigDecimal, which
    // does both, is kept for the rare case: it costs more than the rest of a row.
    if (s.indexOf('E') >= 0) {
      return new BigDecimal(s).stripTrailingZeros().toPlainString();
    }
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

}
