package dossier.source;

import dossier.DossierException;
import dossier.Utf8;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a snapshot: a CSV file with exactly the columns of {@link Columns#ALL} (any order), one
 * row per attempt. Every error names the file, the line and the value, and says what to do.
 */
public final class SnapshotReader {
  // Plain decimal numbers only: Double.parseDouble would also take "0x1p3", "1d" or " 1".
  // Possessive: "\d+\.?\d*" backtracked in quadratic time on a long run of digits followed by
  // anything else (a minute and a half for 100,000 digits and an "x").
  private static final Pattern DECIMAL = Pattern.compile("[-+]?+(\\d++\\.?+\\d*+|\\.\\d++)([eE][-+]?+\\d++)?+");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,9}");

  // ISO-8601 with 'T' or PostgreSQL's text form with a space, offset "Z", "+00:00" or "+00".
  private static final List<DateTimeFormatter> TIMESTAMPS = List.of(timestamp("+HH:MM"), timestamp("+HH"));

  private static DateTimeFormatter timestamp(String offset) {
    return new DateTimeFormatterBuilder()
        .append(DateTimeFormatter.ISO_LOCAL_DATE)
        .optionalStart().appendLiteral('T').optionalEnd()
        .optionalStart().appendLiteral(' ').optionalEnd()
        .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
        .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
        .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
        .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
        .appendOffset(offset, "Z")
        .toFormatter(java.util.Locale.ROOT);
  }

  private SnapshotReader() {}

  /** Reads a snapshot; errors name it as {@code file} is written, and a header without rows is no error. */
  public static List<ResultRow> read(Path file) {
    return read(file, file.toString(), false);
  }

  /**
   * Reads a track's snapshot.
   *
   * @param shown the file as errors name it, e.g. {@code dossiers/data/track6-focal-loss.csv}
   * @param rowsRequired whether a header without any row is an error (it is for a track: no
   *     analysis can come of it)
   */
  public static List<ResultRow> read(Path file, String shown, boolean rowsRequired) {
    String text;
    try {
      text = Utf8.decode(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new DossierException(shown + ": snapshot not found; fix the path in the spec (snapshot:) or pass --db to read the database");
    } catch (Utf8.Malformed e) {
      throw new DossierException(shown + ":" + e.line() + ": not UTF-8 text; save the snapshot as UTF-8");
    } catch (IOException e) {
      throw new DossierException(shown + ": cannot read snapshot: " + e.getMessage(), e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte-order mark from spreadsheet exports is not part of the header
    }
    return parse(shown, new java.io.StringReader(text), rowsRequired);
  }



  static List<ResultRow> parse(String name, Reader reader, boolean rowsRequired) {
    // Blank lines are skipped below, not by the parser: a line it skips itself is not counted in
    // the line numbers of the rows that follow.
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    long lastLine = 0;
    try (CSVParser parser = CSVParser.parse(reader, format)) {
      List<ResultRow> rows = new ArrayList<>();
      Map<String, Integer> index = null;
      long headerLine = 0;
      // The line of each attempt: the same attempt twice is an export bug, and which copy counts
      // would depend on the order of the rows.
      Map<List<Object>, Integer> attempts = new HashMap<>();
      List<Long> lines = new ArrayList<>();
      for (CSVRecord record : parser) {
        long line = lastLine + 1;
        lastLine = parser.getCurrentLineNumber();
        if (record.size() == 1 && record.get(0).isEmpty()) {
          continue; // a blank line
        }
        if (index == null) {
          index = header(name, record, line);
          headerLine = line;
          continue;
        }
        ResultRow row = row(name, line, record, index);
        Integer first = attempts.putIfAbsent(List.of(row.runId(), row.factor(), row.variant(), row.crypto(),
            row.fold(), row.status(), row.createdAt()), rows.size());
        if (first != null) {
          throw duplicate(name, line, lines.get(first), rows.get(first).equals(row));
        }
        rows.add(row);
        lines.add(line);
      }
      if (index == null) {
        throw new DossierException(name + ":1: empty snapshot; expected the header " + String.join(",", Columns.ALL));
      }
      if (rowsRequired && rows.isEmpty()) {
        throw new DossierException(name + ":" + headerLine + ": only the header, no row; write the sweep's rows into"
            + " the snapshot (`dossier snapshot TRACK --db URL`), or point 'snapshot:' at the file that has them");
      }
      return List.copyOf(rows);
    } catch (IOException | java.io.UncheckedIOException e) {
      // The record that could not be read starts on the line after the last one read.
      String detail = String.valueOf(e instanceof java.io.UncheckedIOException u ? u.getCause().getMessage()
          : e.getMessage()).replaceFirst("^\\(startline \\d+\\) ", "");
      if (detail.startsWith("EOF reached before encapsulated token finished")) {
        throw new DossierException(name + ":" + (lastLine + 1) + ": a quoted field opened on this line is never"
            + " closed (the file ends inside it); the file was cut short or a quote is missing: export it again", e);
      }
      throw new DossierException(name + ":" + (lastLine + 1) + ": malformed CSV (" + escape(detail)
          + "); a field that holds a quote must be quoted whole, with the quote doubled", e);
    }
  }

  private static DossierException duplicate(String name, long line, long first, boolean identical) {
    return new DossierException(identical
        ? String.format(java.util.Locale.ROOT, "%s:%d: the same row as line %d; a snapshot holds each attempt once"
            + " (an export that ran twice?): delete one of them", name, line, first)
        : String.format(java.util.Locale.ROOT, "%s:%d: the same attempt as line %d (run_id, factor, variant, crypto,"
            + " fold, status and created_at) with other values; which one counts would depend on the order of the rows:"
            + " delete the wrong one", name, line, first));
  }

  /** A value as an error quotes it: on one line, control characters written as escapes. */
  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(c -> {
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04X", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }

  private static Map<String, Integer> header(String name, CSVRecord record, long line) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < record.size(); i++) {
      String column = record.get(i).strip();
      if (index.containsKey(column)) {
        throw new DossierException(String.format(java.util.Locale.ROOT,
            "%s:%d: duplicate column '%s' (columns %d and %d); keep one", name, line, column, index.get(column) + 1, i + 1));
      }
      if (!Columns.ALL.contains(column)) {
        throw new DossierException(String.format(java.util.Locale.ROOT,
            "%s:%d: unknown column '%s' (column %d); expected exactly: %s", name, line, column, i + 1, String.join(",", Columns.ALL)));
      }
      index.put(column, i);
    }
    List<String> missing = Columns.ALL.stream().filter(c -> !index.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new DossierException(String.format(java.util.Locale.ROOT,
          "%s:%d: missing column%s %s; expected exactly: %s", name, line, missing.size() > 1 ? "s" : "",
          String.join(", ", missing), String.join(",", Columns.ALL)));
    }
    return index;
  }

  private static ResultRow row(String name, long line, CSVRecord record, Map<String, Integer> index) {
    if (record.size() != index.size()) {
      throw new DossierException(String.format(java.util.Locale.ROOT,
          "%s:%d: %d fields where the header has %d; %s", name, line, record.size(), index.size(),
          record.size() < index.size()
              ? "the row is cut short (a truncated export?): export the snapshot again"
              : "a value that holds a comma must be quoted"));
    }
    Cells cells = new Cells(name, line, record, index);
    String status = cells.text("status");
    boolean completed = ResultRow.COMPLETED.equals(status);
    return new ResultRow(
        cells.name("run_id"),
        cells.name("factor"),
        cells.name("variant"),
        cells.name("crypto"),
        cells.integer("fold", true, 1, "folds are numbered 1, 2, 3 …"),
        status,
        cells.decimal("f1_buy", completed),
        cells.decimal("sortino", completed),
        cells.decimal("total_return", completed),
        cells.integer("n_trades", completed, 0, "n_trades counts trades: 0, 1, 2 …"),
        cells.decimal("ece", completed),
        cells.decimal("expectancy_net", completed),
        cells.decimal("max_drawdown", completed),
        cells.timestamp("created_at"));
  }

  /** Typed access to the fields of one record, with errors that name file, line and column. */
  private record Cells(String name, long line, CSVRecord record, Map<String, Integer> index) {
    String raw(String column) {
      return record.get(index.get(column)).strip();
    }

    DossierException error(String column, String value, String expected) {
      return new DossierException(String.format(java.util.Locale.ROOT,
          "%s:%d: column %s: '%s' is not %s", name, line, column, escape(value), expected));
    }

    /** A name (run, factor, variant, crypto): one line of printable text, as specs and tables quote it. */
    String name(String column) {
      String value = text(column);
      if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
        throw new DossierException(String.format(java.util.Locale.ROOT,
            "%s:%d: column %s: '%s' holds a line break or a control character; a name is one line of text:"
                + " fix it where the rows are written", name, line, column, escape(value)));
      }
      return value;
    }

    String text(String column) {
      String value = raw(column);
      if (value.isEmpty()) {
        throw new DossierException(String.format(java.util.Locale.ROOT,
            "%s:%d: column %s is empty; every row needs one", name, line, column));
      }
      return value;
    }

    int integer(String column, boolean required, int min, String hint) {
      String value = raw(column);
      if (value.isEmpty() && !required) {
        return 0;
      }
      if (!INTEGER.matcher(value).matches()) {
        throw error(column, value, "a whole number; " + hint);
      }
      int parsed = Integer.parseInt(value);
      if (parsed < min) {
        throw error(column, value, "a whole number ≥ " + min + "; " + hint);
      }
      return parsed;
    }

    double decimal(String column, boolean required) {
      String value = raw(column);
      if (value.isEmpty()) {
        if (required) {
          throw new DossierException(String.format(java.util.Locale.ROOT,
              "%s:%d: column %s is empty on a completed row; write the value, or NaN if it was not computed",
              name, line, column));
        }
        return Double.NaN;
      }
      switch (value) {
        case "NaN", "nan":
          return Double.NaN;
        case "Infinity", "inf", "+Infinity", "+inf":
          return Double.POSITIVE_INFINITY;
        case "-Infinity", "-inf":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
      if (!DECIMAL.matcher(value).matches()) {
        throw error(column, value, "a number; write a decimal such as 0.4068, or NaN if it was not computed");
      }
      return Double.parseDouble(value);
    }

    Instant timestamp(String column) {
      String value = raw(column);
      for (DateTimeFormatter f : TIMESTAMPS) {
        try {
          return OffsetDateTime.parse(value, f).toInstant();
        } catch (DateTimeParseException e) {
          // try the next accepted form
        }
      }
      throw error(column, value, "a timestamp with an offset such as 2026-04-29T12:10:11Z");
    }
  }
}
