package dossier.source;

import dossier.DossierException;
import dossier.Excerpt;
import dossier.Heap;
import dossier.Utf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a snapshot: a CSV file with exactly the columns of {@link Columns#ALL} (any order), one
 * row per attempt. Every error names the file, the line and the value, and says what to do.
 */
public final class SnapshotReader {
  // ISO-8601 with 'T' or PostgreSQL's text form with a space, offset "Z", "+00:00" or "+00".
  // quickTimestamp reads the common forms without them; these decide everything else. In a holder
  // class, built at the first timestamp that needs them, as most snapshots' timestamps never do.
  private static final class Timestamps {
    static final List<DateTimeFormatter> ALL = List.of(timestamp("+HH:MM"), timestamp("+HH"));
  }

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

  // ---- hand-written scanners -----------------------------------------------------------------
  // Kept rather than a regex per number and the formatters per timestamp (bench/parsing): they
  // save 9 to 13 % of the 50,000-row generate. SnapshotReaderScannerTest pins them to the regexes
  // and the formatters.

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9'; // ASCII only, as regex \d and the formatters' digits
  }

  /**
   * Whether {@code s} is a plain decimal, {@code [-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?}, in one
   * linear pass: Double.parseDouble would also take "0x1p3", "1d" or " 1", and a backtracking
   * regex once took quadratic time on a long run of digits followed by anything else.
   */
  static boolean isDecimal(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int start = i;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    boolean wholeDigits = i > start;
    if (i < n && s.charAt(i) == '.') {
      i++;
      int fraction = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (!wholeDigits && i == fraction) {
        return false; // "." alone, or a sign and "."
      }
    } else if (!wholeDigits) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == exponent) {
        return false;
      }
    }
    return i == n;
  }

  /** Whether {@code s} is {@code [-+]?\d{1,9}}: a whole number that always fits an int. */
  static boolean isInteger(String s) {
    int n = s.length();
    int start = n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (n == start || n - start > 9) {
      return false;
    }
    for (int i = start; i < n; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The value of the {@code width} ASCII digits at {@code at}, or -1. */
  private static int digits(String s, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * The instant of a timestamp in one of the common forms, or null: {@code YYYY-MM-DD}, 'T' or one
   * space, {@code HH:MM:SS}, optionally '.' and 1 to 9 digits, then "Z", {@code ±HH:MM} or
   * {@code ±HH}, with every field in its plain range. For anything else (a value the formatters
   * refuse, or one they accept in their own way: 24:00:00 as the next midnight, Feb 30 as the last
   * day of February, "." without digits, both 'T' and a space, a 5-digit year …) it returns null
   * and the formatters decide; where it returns an instant, they give the same one.
   */
  static Instant quickTimestamp(String s) {
    int n = s.length();
    // "YYYY-MM-DDTHH:MM:SS" and at least "Z"
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    // -1 for a non-digit; hour 24 and second 60 are the formatters' to judge
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 59) {
      return null;
    }
    int i = 19;
    int nano = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
        nano = nano * 10 + (s.charAt(i++) - '0');
      }
      if (i == start) {
        return null;
      }
      for (int k = i - start; k < 9; k++) {
        nano *= 10;
      }
    }
    if (i >= n) {
      return null;
    }
    int offset;
    char sign = s.charAt(i);
    if (sign == 'Z' && i + 1 == n) {
      offset = 0;
    } else if ((sign == '+' || sign == '-') && (i + 3 == n || (i + 6 == n && s.charAt(i + 3) == ':'))) {
      int hours = digits(s, i + 1, 2);
      int minutes = i + 3 == n ? 0 : digits(s, i + 4, 2);
      if (hours < 0 || minutes < 0 || minutes > 59) {
        return null;
      }
      offset = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
      if (Math.abs(offset) > 18 * 3600) {
        return null; // out of ZoneOffset's range: refused by the formatters
      }
    } else {
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null; // month 13, day 0, Feb 30 …: the formatters refuse or resolve it
    }
    return Instant.ofEpochSecond(date.toEpochDay() * 86_400L + hour * 3600 + minute * 60 + second - offset, nano);
  }

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
    long size = 0;
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      // A device (/dev/zero) never ends and a pipe may never be written: read as a file, either
      // would hold the command until memory or patience ran out.
      if (!attributes.isRegularFile()) {
        throw new DossierException(shown + ": not a regular file (a folder, a device or a pipe); point 'snapshot:' at"
            + " the CSV file");
      }
      size = attributes.size();
      String text = Utf8.decode(Files.readAllBytes(file));
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1); // a byte-order mark from spreadsheet exports is not part of the header
      }
      return parse(shown, text, rowsRequired);
    } catch (NoSuchFileException e) {
      throw new DossierException(shown + ": snapshot not found; fix the path in the spec (snapshot:) or pass --db to read the database");
    } catch (Utf8.Malformed e) {
      throw new DossierException(shown + ":" + e.line() + ": not UTF-8 text; save the snapshot as UTF-8");
    } catch (IOException e) {
      throw new DossierException(shown + ": cannot read snapshot: " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      // Thrown where a large array was asked for; what this read held is garbage once it is caught.
      throw new DossierException(String.format(java.util.Locale.ROOT, "%s: out of memory reading this %d MB snapshot;"
          + " %s: check that it is the snapshot you meant, or give Java more memory, e.g. %s", shown,
          Math.round(size / (double) (1 << 20)), Heap.limit(), Heap.more()), e);
    }
  }

  static List<ResultRow> parse(String name, String text, boolean rowsRequired) {
    Csv csv = new Csv(text);
    List<ResultRow> rows = new ArrayList<>();
    Map<String, Integer> index = null;
    long headerLine = 0;
    Attempts attempts = new Attempts();
    List<Long> lines = new ArrayList<>(); // of each row, for naming the first copy of an attempt
    try {
      for (String[] record = csv.next(); record != null; record = csv.next()) {
        long line = csv.recordLine();
        if (record.length == 1 && record[0].isEmpty()) {
          continue; // a blank line
        }
        if (index == null) {
          index = header(name, record, line);
          headerLine = line;
          continue;
        }
        ResultRow row = row(name, line, record, index);
        Optional<Attempts.Duplicate> twice = attempts.add(row);
        if (twice.isPresent()) {
          throw new DossierException(name + ":" + line + ": "
              + twice.get().message("as line " + lines.get(twice.get().index()), "a snapshot"));
        }
        rows.add(row);
        lines.add(line);
      }
    } catch (Csv.Malformed e) {
      if (e.kind() == Csv.Malformed.Kind.TOO_LONG) {
        throw new DossierException(name + ":" + e.line() + ": " + e.getMessage() + "; no snapshot holds that much: "
            + "check that it is the snapshot you meant and that no quote is left open, then export it again");
      }
      if (e.unclosed()) {
        throw new DossierException(name + ":" + e.line() + ": a quoted field opened on this line is never"
            + " closed (the file ends inside it); the file was cut short or a quote is missing: export it again");
      }
      throw new DossierException(name + ":" + e.line() + ": malformed CSV (" + e.getMessage()
          + "); a field that holds a quote must be quoted whole, with the quote doubled");
    }
    if (index == null) {
      throw new DossierException(name + ":1: empty snapshot; expected the header " + String.join(",", Columns.ALL));
    }
    if (rowsRequired && rows.isEmpty()) {
      throw new DossierException(name + ":" + headerLine + ": only the header, no row; write the sweep's rows into"
          + " the snapshot (`dossier snapshot TRACK --db URL`), or point 'snapshot:' at the file that has them");
    }
    return List.copyOf(rows);
  }

  private static Map<String, Integer> header(String name, String[] record, long line) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < record.length; i++) {
      String column = record[i].strip();
      if (index.containsKey(column)) {
        throw new DossierException(String.format(java.util.Locale.ROOT,
            "%s:%d: duplicate column '%s' (columns %d and %d); keep one", name, line, Excerpt.of(column), index.get(column) + 1, i + 1));
      }
      if (!Columns.ALL.contains(column)) {
        throw new DossierException(String.format(java.util.Locale.ROOT,
            "%s:%d: unknown column '%s' (column %d); expected exactly: %s", name, line, Excerpt.of(column), i + 1, String.join(",", Columns.ALL)));
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

  private static ResultRow row(String name, long line, String[] record, Map<String, Integer> index) {
    if (record.length != index.size()) {
      throw new DossierException(String.format(java.util.Locale.ROOT,
          "%s:%d: %d fields where the header has %d; %s", name, line, record.length, index.size(),
          record.length < index.size()
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
        cells.integer("fold", true, 0, "a fold id is a label such as 0, 1, 2 …"),
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
  private record Cells(String name, long line, String[] record, Map<String, Integer> index) {
    String raw(String column) {
      return record[index.get(column)].strip();
    }

    DossierException error(String column, String value, String expected) {
      return new DossierException(String.format(java.util.Locale.ROOT,
          "%s:%d: column %s: '%s' is not %s", name, line, column, Excerpt.of(value), expected));
    }

    /** A name (run, factor, variant, crypto): one line of printable text, as specs and tables quote it. */
    String name(String column) {
      String value = text(column);
      // By char, not by code point: the characters refused are all in the BMP, and neither half of
      // a surrogate pair is one of them.
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
          throw new DossierException(String.format(java.util.Locale.ROOT,
              "%s:%d: column %s: '%s' holds a line break or a control character; a name is one line of text:"
                  + " fix it where the rows are written", name, line, column, Excerpt.of(value)));
        }
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
      if (!isInteger(value)) {
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
      if (isDecimal(value)) {
        return Double.parseDouble(value);
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
      throw error(column, value, "a number; write a decimal such as 0.4068, or NaN if it was not computed");
    }

    Instant timestamp(String column) {
      String value = raw(column);
      Instant quick = quickTimestamp(value);
      if (quick != null) {
        return quick;
      }
      for (DateTimeFormatter f : Timestamps.ALL) {
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
