package dossier.source;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/**
 * Writes rows as a snapshot CSV in the canonical order and number form, so that the same rows
 * always give the same bytes (and the same SHA-256).
 *
 * <p>Written by hand rather than with Commons CSV's printer, a Comparator chain and
 * Instant.toString (bench/parsing): the digest of every dossier writes its rows, and the library
 * form made the 50,000-row generate 7 to 12 % slower, with 3 jars (1 MB) more in the product.
 */
public final class SnapshotWriter {
  /** Canonical order of attempts: by cell, then by time of the attempt. */
  public static final Comparator<ResultRow> CANONICAL = SnapshotWriter::compareCanonical;

  private SnapshotWriter() {}

  private static int compareCanonical(ResultRow a, ResultRow b) {
    int c = a.runId().compareTo(b.runId());
    if (c == 0) {
      c = a.factor().compareTo(b.factor());
    }
    if (c == 0) {
      c = a.variant().compareTo(b.variant());
    }
    if (c == 0) {
      c = a.crypto().compareTo(b.crypto());
    }
    if (c == 0) {
      c = Integer.compare(a.fold(), b.fold());
    }
    if (c == 0) {
      c = a.createdAt().compareTo(b.createdAt());
    }
    return c != 0 ? c : a.status().compareTo(b.status());
  }

  /**
   * The rows as CSV in RFC 4180 form with "\n" line ends, byte for byte what Commons CSV's
   * {@code CSVFormat.RFC4180} printer writes (SnapshotWriterTest compares the two): the same rows
   * must keep the same SHA-256 in the footers of committed dossiers.
   */
  public static String write(List<ResultRow> rows) {
    StringBuilder out = new StringBuilder(64 * (rows.size() + 1) + 256);
    for (int i = 0; i < Columns.ALL.size(); i++) {
      field(out, Columns.ALL.get(i), i == 0);
    }
    out.append('\n');
    for (ResultRow r : rows.stream().sorted(CANONICAL).toList()) {
      boolean done = r.completed();
      field(out, r.runId(), true);
      field(out, r.factor(), false);
      field(out, r.variant(), false);
      field(out, r.crypto(), false);
      field(out, Integer.toString(r.fold()), false);
      field(out, r.status(), false);
      field(out, cell(r, r.f1Buy()), false);
      field(out, cell(r, r.sortino()), false);
      field(out, cell(r, r.totalReturn()), false);
      field(out, done || r.nTrades() > 0 ? Integer.toString(r.nTrades()) : "", false);
      field(out, cell(r, r.ece()), false);
      field(out, cell(r, r.expectancyNet()), false);
      field(out, cell(r, r.maxDrawdown()), false);
      out.append(',');
      instant(out, r.createdAt());
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * One field as Commons CSV's minimal quoting writes it: quoted when it holds a comma, a quote or
   * a line break, starts with a character up to '#' or ends with one up to ' ', or is an empty
   * first field; quotes inside are doubled.
   */
  static void field(StringBuilder out, String value, boolean first) {
    if (!first) {
      out.append(',');
    }
    int n = value.length();
    boolean quote;
    if (n == 0) {
      quote = first;
    } else if (value.charAt(0) <= '#') {
      quote = true;
    } else {
      quote = value.charAt(n - 1) <= ' ';
      for (int i = 0; i < n && !quote; i++) {
        char c = value.charAt(i);
        quote = c == ',' || c == '"' || c == '\n' || c == '\r';
      }
    }
    if (!quote) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }

  /**
   * {@code t.toString()} (ISO-8601 in UTC, the fraction in groups of three digits as needed),
   * written without a DateTimeFormatter for the years 0 to 9999; any other year goes through
   * toString. (Such a value never needs quotes: it starts with a digit and holds no comma.)
   */
  static void instant(StringBuilder out, Instant t) {
    // 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z
    if (t.getEpochSecond() < -62_167_219_200L || t.getEpochSecond() >= 253_402_300_800L) {
      field(out, t.toString(), true);
      return;
    }
    LocalDateTime at = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    digits(out, at.getYear(), 4).append('-');
    digits(out, at.getMonthValue(), 2).append('-');
    digits(out, at.getDayOfMonth(), 2).append('T');
    digits(out, at.getHour(), 2).append(':');
    digits(out, at.getMinute(), 2).append(':');
    digits(out, at.getSecond(), 2);
    int nano = t.getNano();
    if (nano != 0) {
      out.append('.');
      if (nano % 1_000_000 == 0) {
        digits(out, nano / 1_000_000, 3);
      } else if (nano % 1000 == 0) {
        digits(out, nano / 1000, 6);
      } else {
        digits(out, nano, 9);
      }
    }
    out.append('Z');
  }

  private static StringBuilder digits(StringBuilder out, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(s);
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
    // spelled out (rare: below 1e-3 or from 1e7) and a trailing ".0" dropped.
    if (s.indexOf('E') >= 0) {
      return new BigDecimal(s).stripTrailingZeros().toPlainString();
    }
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

}
