package dossier.source;

import dossier.DossierException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
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

  public static List<ResultRow> read(Path file) {
    String text;
    byte[] bytes = null;
    try {
      bytes = Files.readAllBytes(file);
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (NoSuchFileException e) {
      throw new DossierException(file + ": snapshot not found; fix the path in the spec (snapshot:) or pass --db to read the database");
    } catch (CharacterCodingException e) {
      throw new DossierException(
          file + ":" + lineOfFirstBadByte(bytes) + ": not UTF-8 text; save the snapshot as UTF-8");
    } catch (IOException e) {
      throw new DossierException(file + ": cannot read snapshot: " + e.getMessage(), e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte-order mark from spreadsheet exports is not part of the header
    }
    return parse(file.toString(), new java.io.StringReader(text));
  }

  /** The line (1-based) holding the first byte that is not UTF-8. */
  private static long lineOfFirstBadByte(byte[] bytes) {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(in, java.nio.CharBuffer.allocate(bytes.length), true); // stops before the bad byte
    long line = 1;
    for (int i = 0; i < in.position(); i++) {
      if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n'))) {
        line++;
      }
    }
    return line;
  }

  static List<ResultRow> parse(String name, Reader reader) {
    // Blank lines are skipped below, not by the parser: a line it skips itself is not counted in
    // the line numbers of the rows that follow.
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    try (CSVParser parser = CSVParser.parse(reader, format)) {
      List<ResultRow> rows = new ArrayList<>();
      Map<String, Integer> index = null;
      long lastLine = 0;
      for (CSVRecord record : parser) {
        long line = lastLine + 1;
        lastLine = parser.getCurrentLineNumber();
        if (record.size() == 1 && record.get(0).isEmpty()) {
          continue; // a blank line
        }
        if (index == null) {
          index = header(name, record, line);
          continue;
        }
        rows.add(row(name, line, record, index));
      }
      if (index == null) {
        throw new DossierException(name + ": empty snapshot; expected the header " + String.join(",", Columns.ALL));
      }
      return List.copyOf(rows);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new DossierException(name + ":" + (e.getMessage() == null ? "" : " " + e.getMessage())
          + ": the CSV is malformed (an unclosed quote?)", e);
    }
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
          "%s:%d: %d fields where the header has %d", name, line, record.size(), index.size()));
    }
    Cells cells = new Cells(name, line, record, index);
    String status = cells.text("status");
    boolean completed = ResultRow.COMPLETED.equals(status);
    return new ResultRow(
        cells.text("run_id"),
        cells.text("factor"),
        cells.text("variant"),
        cells.text("crypto"),
        cells.integer("fold", true),
        status,
        cells.decimal("f1_buy", completed),
        cells.decimal("sortino", completed),
        cells.decimal("total_return", completed),
        cells.integer("n_trades", completed),
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
          "%s:%d: column %s: '%s' is not %s", name, line, column, value, expected));
    }

    String text(String column) {
      String value = raw(column);
      if (value.isEmpty()) {
        throw new DossierException(String.format(java.util.Locale.ROOT,
            "%s:%d: column %s is empty; every row needs one", name, line, column));
      }
      return value;
    }

    int integer(String column, boolean required) {
      String value = raw(column);
      if (value.isEmpty() && !required) {
        return 0;
      }
      if (!INTEGER.matcher(value).matches()) {
        throw error(column, value, "a whole number");
      }
      int parsed = Integer.parseInt(value);
      if (parsed < 0) {
        throw error(column, value, "a whole number ≥ 0");
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
        throw error(column, value, "a number");
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
