package dossier.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dossier.DossierException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scanners of {@link SnapshotReader} against the code they replaced, kept here as
 * the reference: the regexes for decimals and whole numbers, the DateTimeFormatters for
 * timestamps, the code-point test for names. Seeded (SplittableRandom, as the fuzz tests), so the
 * same strings every run; a failure quotes the string.
 */
class SnapshotReaderScannerTest {
  private static final long SEED = 0x5CA7_7E55_0001L;

  // ---- the reference implementations (SnapshotReader before the scanners) -----------------------

  /** The regex SnapshotReader used, possessive. */
  private static final Pattern DECIMAL = Pattern.compile("[-+]?+(\\d++\\.?+\\d*+|\\.\\d++)([eE][-+]?+\\d++)?+");
  /** The same grammar without possessive quantifiers: the scanner's specification. */
  private static final Pattern DECIMAL_PLAIN = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,9}");

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
        .toFormatter(Locale.ROOT);
  }

  /** The instant the formatters read, or null where they refuse the value. */
  private static Instant formatterTimestamp(String value) {
    for (DateTimeFormatter f : TIMESTAMPS) {
      try {
        return OffsetDateTime.parse(value, f).toInstant();
      } catch (DateTimeParseException e) {
        // try the next accepted form
      }
    }
    return null;
  }

  /** The decimal cell as SnapshotReader read it: the value, or null for its error (row not completed). */
  private static Double referenceDecimal(String value) {
    if (value.isEmpty()) {
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
    return DECIMAL.matcher(value).matches() ? Double.parseDouble(value) : null;
  }

  private static boolean referenceNameRefused(String value) {
    return value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
  }

  // ---- generators ---------------------------------------------------------------------------------

  /** Mostly the characters of the grammars, and some that look like them: non-ASCII digits, 'd', ','. */
  private static final String[] ALPHABET = {"0", "1", "2", "5", "9", "0", "3", "7", ".", ".", "e", "E", "+", "-",
      "T", " ", ":", "Z", "x", "d", "f", "z", "t", "\u0663", "\uFF11", "N", "a", "I", "/", "\t", "_"};

  private static String randomString(SplittableRandom r, int maxLength) {
    int n = r.nextInt(maxLength + 1);
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(ALPHABET[r.nextInt(ALPHABET.length)]);
    }
    return s.toString();
  }

  private static String digits(SplittableRandom r, int min, int max) {
    int n = min + r.nextInt(max - min + 1);
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append((char) ('0' + r.nextInt(10)));
    }
    return s.toString();
  }

  @SafeVarargs
  private static <E> E pick(SplittableRandom r, E... from) {
    return from[r.nextInt(from.length)];
  }

  /** A decimal built from random parts, most of them well formed. */
  private static String decimal(SplittableRandom r) {
    StringBuilder s = new StringBuilder();
    s.append(pick(r, "", "", "", "-", "+", "--", "+-"));
    switch (r.nextInt(6)) {
      case 0 -> s.append(digits(r, 1, 12));
      case 1 -> s.append(digits(r, 1, 6)).append('.').append(digits(r, 0, 8));
      case 2 -> s.append('.').append(digits(r, 0, 6));
      case 3 -> s.append(digits(r, 0, 3)).append(pick(r, "..", ".", "")).append(digits(r, 0, 3));
      case 4 -> s.append(pick(r, "NaN", "nan", "inf", "Infinity", "0x1p3", "1d", "1f", "\u0663", "\uFF11"));
      default -> s.append(digits(r, 1, 3)).append('.').append(digits(r, 1, 3));
    }
    if (r.nextInt(3) == 0) {
      s.append(pick(r, "e", "E", "e", "E", "d")).append(pick(r, "", "", "+", "-", "+-", ".")).append(digits(r, 0, 4));
    }
    if (r.nextInt(10) == 0) {
      int at = r.nextInt(s.length() + 1);
      s.insert(at, ALPHABET[r.nextInt(ALPHABET.length)]);
    }
    return s.toString();
  }

  private static String two(SplittableRandom r, int max) {
    return String.format(Locale.ROOT, "%02d", r.nextInt(max + 1));
  }

  /**
   * A timestamp built from random fields: mostly in range, but also month 0 and 13, day 0 and
   * Feb 30, hour 24, minute and second 60, offsets past ±18 h or with one minute digit, 10 digits of
   * fraction, 5-digit years, both or no separators, and now and then a character changed.
   */
  private static String timestamp(SplittableRandom r) {
    StringBuilder s = new StringBuilder();
    switch (r.nextInt(20)) {
      case 0 -> s.append(pick(r, "+12026", "12026", "026", "-2026", "+2026", "0000", "9999"));
      case 1 -> s.append(digits(r, 4, 4));
      default -> s.append(pick(r, "2026", "2024", "2000", "1900", "1970", "2100"));
    }
    s.append('-').append(r.nextInt(8) == 0 ? pick(r, "00", "13", "1", "99") : two(r, 11).replace("00", "12"));
    s.append('-').append(switch (r.nextInt(10)) {
      case 0 -> pick(r, "00", "29", "30", "31", "32", "1");
      case 1 -> two(r, 39);
      default -> String.format(Locale.ROOT, "%02d", 1 + r.nextInt(28));
    });
    int sep = r.nextInt(20);
    s.append(sep < 9 ? "T" : sep < 18 ? " " : pick(r, "", "T ", " T", "t", "  "));
    s.append(r.nextInt(15) == 0 ? pick(r, "24", "25", "7") : two(r, 23)).append(':');
    s.append(r.nextInt(15) == 0 ? pick(r, "60", "5") : two(r, 59)).append(':');
    s.append(r.nextInt(15) == 0 ? pick(r, "60", "61", "5") : two(r, 59));
    switch (r.nextInt(8)) {
      case 0, 1, 2 -> { }
      case 3 -> s.append(pick(r, ".", ",5", ".\u0663")).append(r.nextBoolean() ? digits(r, 0, 3) : "");
      case 4 -> s.append('.').append(digits(r, 10, 11));
      default -> s.append('.').append(digits(r, 1, 9));
    }
    String hh = r.nextInt(10) == 0 ? pick(r, "18", "19", "23", "24", "60", "99") : two(r, 14);
    String mm = r.nextInt(10) == 0 ? pick(r, "59", "60", "3", "99") : pick(r, "00", "30", "45", two(r, 59));
    s.append(switch (r.nextInt(12)) {
      case 0, 1, 2 -> "Z";
      case 3, 4 -> "+" + hh + ":" + mm;
      case 5, 6 -> "-" + hh + ":" + mm;
      case 7 -> "+" + hh;
      case 8 -> "-" + hh;
      case 9 -> pick(r, "+24:00", "-00:00", "-00", "+18:00", "-18:00", "+18:01", "+05:3", "+0530", "+5");
      default -> pick(r, "", "z", " Z", "ZZ", "UTC", "+00:00:00", "+05:30Z", "Z ");
    });
    if (r.nextInt(12) == 0) { // a character changed, inserted or deleted
      int at = r.nextInt(s.length());
      switch (r.nextInt(3)) {
        case 0 -> s.setCharAt(at, ALPHABET[r.nextInt(ALPHABET.length)].charAt(0));
        case 1 -> s.insert(at, ALPHABET[r.nextInt(ALPHABET.length)]);
        default -> s.deleteCharAt(at);
      }
    }
    return s.toString();
  }

  /** A string as a Java literal, for messages. */
  private static String show(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  // ---- the scanners against the references ----------------------------------------------------------

  @Test
  void decimalScannerAgreesWithTheRegex() {
    SplittableRandom r = new SplittableRandom(SEED);
    int accepted = 0;
    for (int i = 0; i < 400_000; i++) {
      String s = i % 2 == 0 ? randomString(r, 12) : decimal(r);
      boolean expected = DECIMAL.matcher(s).matches();
      assertEquals(expected, DECIMAL_PLAIN.matcher(s).matches(), () -> "the two regexes: " + show(s));
      assertEquals(expected, SnapshotReader.isDecimal(s), () -> show(s));
      accepted += expected ? 1 : 0;
    }
    // Not a property of the scanner: a guard that the generator reaches both answers.
    assertTrue(accepted > 40_000 && accepted < 360_000, "accepted " + accepted);
    for (String s : List.of("", "+", "-", ".", "+.", "-.", "e5", ".e5", "1e", "1e+", "1.e5", ".5e-3", "1.", "-.5",
        "0", "007", "1e309", "١", "1 ", " 1", "1_0", "0x10", "1d", "1..2", "1e5.5", "+-1", "--1")) {
      assertEquals(DECIMAL.matcher(s).matches(), SnapshotReader.isDecimal(s), () -> show(s));
    }
    String longRun = "1".repeat(100_000);
    assertTrue(SnapshotReader.isDecimal(longRun));
    assertTrue(!SnapshotReader.isDecimal(longRun + "x"));
  }

  @Test
  void integerScannerAgreesWithTheRegex() {
    SplittableRandom r = new SplittableRandom(SEED + 1);
    int accepted = 0;
    for (int i = 0; i < 300_000; i++) {
      String s = switch (i % 3) {
        case 0 -> randomString(r, 11);
        case 1 -> pick(r, "", "", "-", "+", "--") + digits(r, 0, 11);
        default -> decimal(r);
      };
      boolean expected = INTEGER.matcher(s).matches();
      assertEquals(expected, SnapshotReader.isInteger(s), () -> show(s));
      accepted += expected ? 1 : 0;
    }
    assertTrue(accepted > 30_000 && accepted < 270_000, "accepted " + accepted);
  }

  @Test
  void quickTimestampGivesTheFormattersInstantOrLeavesTheValueToThem() {
    SplittableRandom r = new SplittableRandom(SEED + 2);
    int quick = 0;
    int formatterOnly = 0;
    int refused = 0;
    for (int i = 0; i < 150_000; i++) {
      String s = i % 5 == 0 ? randomString(r, 30) : timestamp(r);
      Instant fast = SnapshotReader.quickTimestamp(s);
      Instant expected = formatterTimestamp(s);
      if (fast != null) {
        assertEquals(expected, fast, () -> show(s));
        quick++;
      } else if (expected != null) {
        formatterOnly++;
      } else {
        refused++;
      }
    }
    // Guards of the generator: it reaches the quick path, values only the formatters accept
    // (Feb 30, 24:00:00, "." without digits …) and values both refuse.
    System.out.printf(Locale.ROOT, "quickTimestamp: %d quick, %d formatters only, %d refused%n", quick,
        formatterOnly, refused);
    assertTrue(quick > 30_000, "quick " + quick);
    assertTrue(formatterOnly > 500, "formatter only " + formatterOnly);
    assertTrue(refused > 30_000, "refused " + refused);
  }

  @Test
  void quickTimestampReadsTheCommonForms() {
    // Well-formed values of the forms it is for: it must not leave them to the slow path.
    SplittableRandom r = new SplittableRandom(SEED + 3);
    for (int i = 0; i < 100_000; i++) {
      int year = r.nextInt(10_000);
      int month = 1 + r.nextInt(12);
      int day = 1 + r.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
      int offsetHours = r.nextInt(19);
      String s = String.format(Locale.ROOT, "%04d-%02d-%02d%s%02d:%02d:%02d%s%s", year, month, day,
          pick(r, "T", " "), r.nextInt(24), r.nextInt(60), r.nextInt(60),
          r.nextBoolean() ? "" : "." + digits(r, 1, 9),
          switch (r.nextInt(5)) {
            case 0 -> "Z";
            case 1 -> pick(r, "+", "-") + String.format(Locale.ROOT, "%02d", offsetHours);
            default -> pick(r, "+", "-") + String.format(Locale.ROOT, "%02d:%02d", offsetHours,
                offsetHours == 18 ? 0 : r.nextInt(60));
          });
      Instant fast = SnapshotReader.quickTimestamp(s);
      assertNotNull(fast, () -> show(s));
      assertEquals(formatterTimestamp(s), fast, () -> show(s));
    }
    for (String s : List.of("2026-02-30T00:00:00Z", "2026-04-29T24:00:00Z", "2026-04-29T23:59:60Z",
        "2026-04-29T15:25:07+24:00", "2026-04-29T15:25:07-00:00", "2026-04-29T15:25:07+05:3",
        "2026-04-29T15:25:07+18:01", "2026-04-29T15:25:07.Z", "2026-04-29T 15:25:07Z", "2026-04-2915:25:07Z",
        "+12026-04-29T15:25:07Z", "2026-04-29T15:25:07.1234567891Z", "2026-13-01T00:00:00Z")) {
      Instant fast = SnapshotReader.quickTimestamp(s);
      if (fast != null) {
        assertEquals(formatterTimestamp(s), fast, () -> show(s));
      }
    }
  }

  // ---- the public reader against the references -----------------------------------------------------

  private static final String HEADER = String.join(",", Columns.ALL);

  /** One CSV row: a failed attempt (its metrics may be empty), each field quoted, with some replaced. */
  private static String csv(String... overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String column : Columns.ALL) {
      values.put(column, switch (column) {
        case "run_id" -> "run1";
        case "factor" -> "focal_loss";
        case "variant" -> "none";
        case "crypto" -> "AAVEUSDC";
        case "fold", "n_trades" -> "1";
        case "status" -> "failed";
        case "created_at" -> "2026-04-29T15:25:07Z";
        default -> "0.5";
      });
    }
    for (int i = 0; i < overrides.length; i += 2) {
      values.put(overrides[i], overrides[i + 1]);
    }
    StringBuilder line = new StringBuilder(HEADER).append('\n');
    String sep = "";
    for (String v : values.values()) {
      line.append(sep).append('"').append(v.replace("\"", "\"\"")).append('"');
      sep = ",";
    }
    return line.append('\n').toString();
  }

  private static ResultRow read(String text) {
    return SnapshotReader.parse("snap.csv", text, true).get(0);
  }

  private static String message(String text) {
    try {
      read(text);
    } catch (DossierException e) {
      return e.getMessage();
    }
    return fail("accepted: " + show(text));
  }

  @Test
  void readerGivesTheFormattersInstantOrTheirError() {
    SplittableRandom r = new SplittableRandom(SEED + 4);
    for (int i = 0; i < 15_000; i++) {
      String s = i % 5 == 0 ? randomString(r, 30) : timestamp(r);
      String text = csv("created_at", s);
      Instant expected = formatterTimestamp(s.strip());
      if (expected != null) {
        assertEquals(expected, read(text).createdAt(), () -> show(s));
      } else {
        assertEquals("snap.csv:2: column created_at: '" + dossier.Excerpt.of(s.strip()) + "' is not a timestamp"
            + " with an offset such as 2026-04-29T12:10:11Z", message(text), () -> show(s));
      }
    }
  }

  @Test
  void readerGivesTheRegexesNumbersOrTheirErrors() {
    SplittableRandom r = new SplittableRandom(SEED + 5);
    for (int i = 0; i < 30_000; i++) {
      String s = switch (i % 4) {
        case 0 -> randomString(r, 12);
        case 1 -> pick(r, "NaN", "nan", "Infinity", "inf", "+Infinity", "+inf", "-Infinity", "-inf", "NAN", "-NaN",
            "infinity", "", " ");
        default -> decimal(r);
      };
      Double expected = referenceDecimal(s.strip());
      if (expected != null) {
        assertEquals(expected.doubleValue(), read(csv("sortino", s)).sortino(), () -> show(s));
      } else {
        assertEquals("snap.csv:2: column sortino: '" + dossier.Excerpt.of(s.strip()) + "' is not a number; write a"
            + " decimal such as 0.4068, or NaN if it was not computed", message(csv("sortino", s)), () -> show(s));
      }
      String whole = i % 2 == 0 ? s : pick(r, "", "-", "+") + digits(r, 0, 11);
      String stripped = whole.strip();
      if (stripped.isEmpty()) {
        assertEquals(0, read(csv("n_trades", whole)).nTrades(), () -> show(whole));
      } else if (INTEGER.matcher(stripped).matches() && Integer.parseInt(stripped) >= 0) {
        assertEquals(Integer.parseInt(stripped), read(csv("n_trades", whole)).nTrades(), () -> show(whole));
      } else {
        assertEquals("snap.csv:2: column n_trades: '" + dossier.Excerpt.of(stripped) + "' is not a whole number"
            + (INTEGER.matcher(stripped).matches() ? " ≥ 0" : "") + "; n_trades counts trades: 0, 1, 2 …",
            message(csv("n_trades", whole)), () -> show(whole));
      }
    }
  }

  @Test
  void readerRefusesTheNamesTheCodePointTestRefused() {
    SplittableRandom r = new SplittableRandom(SEED + 6);
    String[] pieces = {"a", "run", "é", "\uD83D\uDE00", "\uD800", "\uDC00", "\u2028", "\u2029", "\u2027", "\u202A",
        "\n", "\r", "\t", "\0", "\u001F", "\u007F", "\u0080", "\u009F", "\u00A0", "\u0085", "\uFEFF", " ", "x"};
    for (int i = 0; i < 30_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = 1 + r.nextInt(5);
      for (int k = 0; k < n; k++) {
        b.append(pieces[r.nextInt(k == 0 || r.nextBoolean() ? 2 : pieces.length)]);
      }
      String s = b.toString();
      String stripped = s.strip();
      String text = csv("variant", s);
      if (stripped.isEmpty()) {
        assertEquals("snap.csv:2: column variant is empty; every row needs one", message(text), () -> show(s));
      } else if (referenceNameRefused(stripped)) {
        assertEquals("snap.csv:2: column variant: '" + dossier.Excerpt.of(stripped) + "' holds a line break or a"
            + " control character; a name is one line of text: fix it where the rows are written", message(text),
            () -> show(s));
      } else {
        assertEquals(stripped, read(text).variant(), () -> show(s));
      }
    }
  }
}
