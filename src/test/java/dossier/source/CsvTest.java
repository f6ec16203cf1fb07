package dossier.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** {@link Csv} against Commons CSV's RFC 4180 parser (empty lines kept), the reader it replaced. */
class CsvTest {
  /** A record as both readers give it: the line it starts on, and its fields. */
  private record Read(long line, List<String> fields) {}

  /** What Commons CSV reads, or "malformed"/"unclosed" for text it refuses. */
  private static Object commons(String text) {
    List<Read> out = new ArrayList<>();
    long lastLine = 0;
    // As SnapshotReader read it: a record starts on the line after the last line of the one before.
    try (CSVParser parser = CSVParser.parse(new StringReader(text),
        CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get())) {
      for (CSVRecord r : parser) {
        long line = lastLine + 1;
        lastLine = parser.getCurrentLineNumber();
        out.add(new Read(line, r.toList()));
      }
    } catch (IOException | UncheckedIOException e) {
      String message = String.valueOf(e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage());
      return message.contains("EOF reached before encapsulated token finished") ? "unclosed" : "malformed";
    }
    return out;
  }

  private static Object ours(String text) {
    List<Read> out = new ArrayList<>();
    Csv csv = new Csv(text);
    try {
      for (String[] r = csv.next(); r != null; r = csv.next()) {
        out.add(new Read(csv.recordLine(), List.of(r)));
      }
    } catch (Csv.Malformed e) {
      return e.unclosed() ? "unclosed" : "malformed";
    }
    return out;
  }

  @Test
  void readsWhatCommonsCsvReadsOnRandomTexts() {
    // Short texts over the characters that matter (delimiter, quote, the three line breaks, white
    // space and text) reach every state of both parsers many times over.
    String alphabet = "ab,,\"\"\"\n\n\r  \té\u2028\u001c";
    SplittableRandom random = new SplittableRandom(20261121);
    int refused = 0;
    for (int i = 0; i < 40_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(25);
      for (int k = 0; k < length; k++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String t = text.toString();
      Object expected = commons(t);
      assertEquals(expected, ours(t), () -> "text " + dossier.Excerpt.of(t));
      if (expected instanceof String) {
        refused++;
      }
    }
    assertTrue(refused > 1_000, "too few refused texts to test refusals: " + refused);
  }

  @Test
  void readsWhatCommonsCsvReadsOnTheCommittedSnapshots() throws IOException {
    for (String name : List.of("track5-label-smoothing.csv", "track6-focal-loss.csv")) {
      String text = java.nio.file.Files.readString(java.nio.file.Path.of("dossiers/data", name));
      assertEquals(commons(text), ours(text), name);
    }
  }

  @Test
  void aQuotedFieldKeepsItsLineBreaksAndCountsTheirLines() throws Csv.Malformed {
    Csv csv = new Csv("a,\"x\r\ny\"\"\nz\",b\r\n\nlast,\"\"\r");
    assertArrayEquals(new String[] {"a", "x\r\ny\"\nz", "b"}, csv.next());
    assertEquals(1, csv.recordLine());
    assertArrayEquals(new String[] {""}, csv.next());
    assertEquals(4, csv.recordLine());
    assertArrayEquals(new String[] {"last", ""}, csv.next());
    assertEquals(5, csv.recordLine());
    assertNull(csv.next());
  }

  @Test
  void refusalsSayWhereAndWhat() throws Csv.Malformed {
    Csv stray = new Csv("h1,h2\n\"a\nb\"x,c\n");
    stray.next();
    Csv.Malformed e = assertThrows(Csv.Malformed.class, stray::next);
    assertEquals(3, e.line());
    assertEquals("'x' after the closing quote of field 1", e.getMessage());
    Csv cut = new Csv("h1,h2\nv,\"never\nclosed");
    cut.next();
    e = assertThrows(Csv.Malformed.class, cut::next);
    assertTrue(e.unclosed());
    assertEquals(2, e.line());
    // The line of the quote that is never closed, not of the record it is in.
    Csv cutLater = new Csv("h1,h2,h3\n\"two\nlines\",\"never closed\n");
    cutLater.next();
    e = assertThrows(Csv.Malformed.class, cutLater::next);
    assertEquals(3, e.line());
    // A character that does not show as itself is named by its code point: a no-break space
    // would read as the plain space that is allowed there.
    Csv nbsp = new Csv("\"a\"\u00A0,b");
    e = assertThrows(Csv.Malformed.class, nbsp::next);
    assertEquals("U+00A0 after the closing quote of field 1", e.getMessage());
  }

  @Test
  void aCharacterIsShownAsItselfOnlyWhenItShows() {
    assertEquals("'_'", Csv.shown('_'));
    assertEquals("'é'", Csv.shown('é'));
    assertEquals("'\uD83D\uDE00'", Csv.shown(0x1F600));
    assertEquals("U+0027", Csv.shown('\''));
    assertEquals("U+00A0", Csv.shown(0xA0));
    assertEquals("U+200B", Csv.shown(0x200B));
    assertEquals("U+FEFF", Csv.shown(0xFEFF));
    assertEquals("U+0085", Csv.shown(0x85));
    assertEquals("U+0000", Csv.shown(0));
    assertEquals("U+3000", Csv.shown(0x3000));
  }
}
