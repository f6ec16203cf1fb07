package dossier.source;

import java.util.ArrayList;
import java.util.List;

/**
 * The records of an RFC 4180 CSV text, read as Commons CSV's {@code CSVFormat.RFC4180} with empty
 * lines kept reads them (CsvTest compares the two on thousands of texts): fields separated by
 * commas; a field that starts with a quote runs to the next lone quote, a doubled quote inside it
 * standing for one, and may span lines; a quote inside a field that does not start with one is
 * text; a record ends at "\r\n", "\n", "\r" or the end of the text; an empty line is a record of
 * one empty field.
 *
 * <p>Kept rather than Commons CSV, though it saves only 3 to 8 % of the 50,000-row generate
 * (bench/parsing): Commons CSV's errors name neither the field nor the character after a closing
 * quote, and it has no limit on a field's length; the errors below, which tests pin, need both.
 */
final class Csv {
  /**
   * The longest field and the longest record (row) read, in characters: a real snapshot's values
   * are a few dozen characters and its rows a few hundred. Past these, the text is not a snapshot
   * (or a quote was left open), and an error says so rather than holding it all as fields.
   */
  static final int MAX_FIELD = 1 << 20;
  static final int MAX_RECORD = 4 << 20;

  /** A text that is not CSV. {@link #line} is where the problem is. */
  static final class Malformed extends Exception {
    enum Kind {
      /** Not CSV where the line is. */
      MALFORMED,
      /** A quoted field runs to the end of the text: the file was cut short, or a quote is missing. */
      UNCLOSED,
      /** A field or a record longer than {@link #MAX_FIELD} or {@link #MAX_RECORD}. */
      TOO_LONG
    }

    private final long line;
    private final Kind kind;

    private Malformed(long line, Kind kind, String message) {
      super(message);
      this.line = line;
      this.kind = kind;
    }

    long line() {
      return line;
    }

    Kind kind() {
      return kind;
    }

    /** Whether a quoted field runs to the end of the text: the file was cut short, or a quote is missing. */
    boolean unclosed() {
      return kind == Kind.UNCLOSED;
    }
  }

  private final String text;
  private int at;
  private long line = 1; // the line of text.charAt(at): 1 + the line breaks before it
  private long recordLine;
  private final List<String> fields = new ArrayList<>();
  private final StringBuilder quoted = new StringBuilder();

  Csv(String text) {
    this.text = text;
  }

  /** The line the record last returned by {@link #next} starts on, counting from 1. */
  long recordLine() {
    return recordLine;
  }

  /** The next record's fields, or null after the last one. */
  String[] next() throws Malformed {
    int n = text.length();
    if (at >= n) {
      return null;
    }
    recordLine = line;
    fields.clear();
    int recordStart = at;
    while (true) {
      if (at < n && text.charAt(at) == '"') {
        fields.add(quotedField(n));
      } else {
        int start = at;
        while (at < n) {
          char c = text.charAt(at);
          if (c == ',' || c == '\n' || c == '\r') {
            break;
          }
          at++;
        }
        if (at - start > MAX_FIELD) {
          throw new Malformed(recordLine, Malformed.Kind.TOO_LONG, "field " + (fields.size() + 1)
              + " is longer than 1 MiB (" + MAX_FIELD + " characters)");
        }
        fields.add(text.substring(start, at));
      }
      if (at - recordStart > MAX_RECORD) {
        throw new Malformed(recordLine, Malformed.Kind.TOO_LONG, "the row is longer than 4 MiB (" + MAX_RECORD
            + " characters)");
      }
      if (at >= n) {
        break; // the last record, without a line break after it
      }
      char c = text.charAt(at++);
      if (c != ',') { // a line break
        if (c == '\r' && at < n && text.charAt(at) == '\n') {
          at++;
        }
        line++;
        break;
      }
      // After a comma a field follows, empty when the text or the line ends there.
    }
    return fields.toArray(new String[0]);
  }

  /** The field whose opening quote is at {@code at}; leaves {@code at} on what follows it. */
  private String quotedField(int n) throws Malformed {
    long opened = line;
    quoted.setLength(0);
    at++;
    while (true) {
      if (at >= n) {
        throw new Malformed(opened, Malformed.Kind.UNCLOSED, "a quoted field opened on line " + opened
            + " is never closed");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        if (at < n && text.charAt(at) == '"') {
          quoted.append('"');
          at++;
          continue;
        }
        break;
      }
      // A line break inside the field is part of its value, and still a line of the file.
      if (c == '\n' || (c == '\r' && (at >= n || text.charAt(at) != '\n'))) {
        line++;
      }
      quoted.append(c);
      if (quoted.length() > MAX_FIELD) {
        throw new Malformed(opened, Malformed.Kind.TOO_LONG, "the quoted field " + (fields.size() + 1)
            + " is longer than 1 MiB (" + MAX_FIELD + " characters)");
      }
    }
    // Between the closing quote and the comma or line break, Commons CSV allows white space (and
    // drops it), nothing else.
    while (at < n) {
      char c = text.charAt(at);
      if (c == ',' || c == '\n' || c == '\r') {
        break;
      }
      if (!Character.isWhitespace(c)) {
        throw new Malformed(line, Malformed.Kind.MALFORMED, shown(text.codePointAt(at))
            + " after the closing quote of field " + (fields.size() + 1));
      }
      at++;
    }
    return quoted.toString();
  }

  /**
   * A character as an error names it: in quotes when it shows as itself, else by its code point
   * (U+00A0): a no-break space or a zero-width character in quotes would read as a plain space
   * (which is allowed there) or as nothing.
   */
  static String shown(int c) {
    boolean visible = c != '\'' && !Character.isSpaceChar(c) && !Character.isWhitespace(c)
        && switch (Character.getType(c)) {
          case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
              Character.UNASSIGNED -> false;
          default -> true;
        };
    return visible ? "'" + new String(Character.toChars(c)) + "'" : String.format(java.util.Locale.ROOT, "U+%04X", c);
  }
}
