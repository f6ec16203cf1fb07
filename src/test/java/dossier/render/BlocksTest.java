package dossier.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.render.Blocks.Parsed;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Blocks on the inputs BlocksFuzzTest found. Splice: new content that, put in the old text, would
 * change where the blocks are; before the fix splice returned such a text, and a refresh then
 * either failed on its own output or moved a block's boundary (and added a line on every run).
 * Parse: a hang on a marker with a long run of spaces, and flexmark's StackOverflowError.
 */
class BlocksTest {
  private static String splice(String old, String fresh) {
    return Blocks.splice(Blocks.parse(old, "old.md"), Blocks.parse(fresh, "fresh"), "old.md");
  }

  private static void assertKeepsTheBlocks(String old, String spliced) {
    Parsed before = Blocks.parse(old, "old.md");
    Parsed after = Blocks.parse(spliced, "old.md");
    assertEquals(before.outside(), after.outside());
    assertEquals(before.blocks().stream().map(Blocks.Block::name).toList(),
        after.blocks().stream().map(Blocks.Block::name).toList());
  }

  @Test
  void newContentTakesTheCrLineEndingsOfTheFile() {
    // Before: the content kept its \n, and the first one joined the \r of the marker's line into one
    // line break, so the block began a character later; each refresh added a line.
    String old = "<!-- dossier:begin a -->\rold\r<!-- dossier:end a -->\r";
    String fresh = "<!-- dossier:begin a -->\n\nnew\n<!-- dossier:end a -->\n";
    String spliced = splice(old, fresh);
    assertEquals("<!-- dossier:begin a -->\r\rnew\r<!-- dossier:end a -->\r", spliced);
    assertKeepsTheBlocks(old, spliced);
    assertEquals(spliced, Blocks.splice(Blocks.parse(spliced, "old.md"), Blocks.parse(fresh, "fresh"), "old.md"),
        "a second refresh changes nothing");
  }

  @Test
  void contentThatWouldJoinTheLineBreakOfItsMarkerIsRefused() {
    // Mixed line endings: the marker's line ends with a lone \r, the file's line ending is \n.
    String old = "x\n<!-- dossier:begin a -->\rold\n<!-- dossier:end a -->\n";
    DossierException e = assertThrows(DossierException.class,
        () -> splice(old, "<!-- dossier:begin a -->\n\nnew\n<!-- dossier:end a -->\n"));
    assertEquals("old.md:2: the new content of block 'a' would change the text around it (an unclosed ` or fence,"
        + " a line break or a marker in it); the file is left as it was", e.getMessage());
  }

  @Test
  void contentThatClosesACodeSpanOfPeoplesTextIsRefused() {
    // An unmatched backtick of people's before the block, and one in the new content: the two
    // would make a code span that swallows the begin marker.
    String old = "Note `a <!-- dossier:begin x -->OLD<!-- dossier:end x -->\n";
    DossierException e = assertThrows(DossierException.class,
        () -> splice(old, "Note <!-- dossier:begin x -->`none<!-- dossier:end x -->\n"));
    assertEquals("old.md:1: the new content of block 'x' would change the text around it (an unclosed ` or fence,"
        + " a line break or a marker in it); the file is left as it was", e.getMessage());
  }

  @Test
  void aSpecMarkerInNewContentIsRefused() {
    String old = "<!-- dossier:spec t -->\n<!-- dossier:begin a -->\nx\n<!-- dossier:end a -->\n";
    DossierException e = assertThrows(DossierException.class,
        () -> splice(old, "<!-- dossier:begin a -->\n<!-- dossier:spec t -->\n<!-- dossier:end a -->\n"));
    assertEquals("old.md:2: the new content of block 'a' would change the text around it (an unclosed ` or fence,"
        + " a line break or a marker in it); the file is left as it was", e.getMessage());
  }

  @Test
  void theFirstBlockWhoseContentChangesTheTextIsNamed() {
    String old = "A <!-- dossier:begin a -->1<!-- dossier:end a --> and `B <!-- dossier:begin b -->2"
        + "<!-- dossier:end b -->\n\n<!-- dossier:begin c -->\n3\n<!-- dossier:end c -->\n";
    String fresh = "A <!-- dossier:begin a -->one<!-- dossier:end a --> and <!-- dossier:begin b -->`two"
        + "<!-- dossier:end b -->\n\n<!-- dossier:begin c -->\nthree\n<!-- dossier:end c -->\n";
    DossierException e = assertThrows(DossierException.class, () -> splice(old, fresh));
    assertEquals("old.md:1: the new content of block 'b' would change the text around it (an unclosed ` or fence,"
        + " a line break or a marker in it); the file is left as it was", e.getMessage());
  }

  @Test
  void ordinaryContentIsSplicedAsBefore() {
    String old = "<!-- dossier:spec t -->\r\n\r\nDate : <!-- dossier:begin d -->old<!-- dossier:end d -->\r\n\r\n"
        + "<!-- dossier:begin t -->\r\n| a |\r\n<!-- dossier:end t -->\r\nmine\r\n";
    String fresh = "<!-- dossier:spec t -->\n\nDate : <!-- dossier:begin d -->`new`<!-- dossier:end d -->\n\n"
        + "<!-- dossier:begin t -->\n| a | b |\n|---|---|\n<!-- dossier:end t -->\n";
    String spliced = splice(old, fresh);
    assertEquals("<!-- dossier:spec t -->\r\n\r\nDate : <!-- dossier:begin d -->`new`<!-- dossier:end d -->\r\n\r\n"
        + "<!-- dossier:begin t -->\r\n| a | b |\r\n|---|---|\r\n<!-- dossier:end t -->\r\nmine\r\n", spliced);
    assertEquals(List.of("d", "t"), Blocks.parse(spliced, "x").blocks().stream().map(Blocks.Block::name).toList());
  }

  // ---- parse -------------------------------------------------------------------------------------

  @Test
  void aMarkerWithALongRunOfSpacesAndNoEndDoesNotHang() {
    // Before: the marker pattern backtracked in cubic time, a minute for 3,000 spaces. The limit
    // only guards against the hang.
    String text = "# Title\n\n<!-- dossier:begin" + " ".repeat(5000) + "\n";
    DossierException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> assertThrows(DossierException.class, () -> Blocks.parse(text, "old.md")));
    assertTrue(e.getMessage().startsWith("old.md:3: mangled marker <!-- dossier:begin; expected"), e.getMessage());
  }

  @Test
  void aLongHtmlCommentInAParagraphIsAnErrorNotAStackOverflow() {
    // flexmark matches an inline comment with a pattern that recurses once per character.
    String text = "Some text <!--" + " note".repeat(2000) + " -->\n";
    DossierException e = assertThrows(DossierException.class, () -> Blocks.parse(text, "old.md"));
    assertEquals("old.md: too long or too deeply nested for the Markdown parser (an HTML comment or tag of thousands"
        + " of characters inside a paragraph? thousands of nested lists or emphasis marks?); the file is left as it"
        + " was", e.getMessage());
  }

  @Test
  void markersAreReadWhateverTheirSpacing() {
    // The linear pattern reads what the former one read.
    Parsed p = Blocks.parse("<!--dossier:spec track6-->\n\nA <!--dossier:begin a-->1<!--  dossier:end\ta\n-->\n\n"
        + "<!-- dossier:begin b \t-->\n2\n<!-- dossier:end b -->\n", "x");
    assertEquals(Optional.of("track6"), p.spec());
    assertEquals(List.of("a", "b"), p.blocks().stream().map(Blocks.Block::name).toList());
    assertEquals("1", p.contents().get("a"));
    assertEquals("2\n", p.contents().get("b"));
    DossierException e = assertThrows(DossierException.class, () -> Blocks.parse("A <!-- dossier:begin-->x\n", "x"));
    assertTrue(e.getMessage().startsWith("x:1: mangled marker <!-- dossier:begin-->"), e.getMessage());
  }

  // ---- line numbers -----------------------------------------------------------------------------

  /** The 1-based line of {@code offset}, counted here: a line ends at \n, \r\n or a lone \r. */
  private static int lineAt(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
      }
    }
    return line;
  }

  private static String error(String text) {
    return assertThrows(DossierException.class, () -> Blocks.parse(text, "x.md")).getMessage();
  }

  @Test
  void errorsNameTheLineWhateverTheLineEndings() {
    // Lines are counted by flexmark while it parses (Parser.TRACK_DOCUMENT_LINES); they must be the
    // lines people see in an editor, for LF, CRLF, CR-only and mixed files.
    for (String eol : List.of("\n", "\r\n", "\r")) {
      String head = String.join(eol, "<!-- dossier:spec t -->", "", "Intro, `<!-- dossier:begin q -->` quoted.", "",
          "<!-- dossier:begin a -->", "x", "<!-- dossier:end a -->", "", "Date : <!-- dossier:begin d -->1", "") + eol;
      String what = "line ending " + eol.replace("\r", "CR").replace("\n", "LF");
      assertEquals("x.md:9: block 'd' has no end marker; put back <!-- dossier:end d --> where the block ends; the"
          + " file is left as it was", error(head), what);
      assertTrue(error(head + "<!-- dossier:begin e -->" + eol).startsWith("x.md:11: block 'e' begins inside block"
          + " 'd' (line 9)"), what);
      assertTrue(error(head.replace("-->1", "-->1<!-- dossier:end d -->") + eol + "<!-- dossier:begin a -->" + eol)
          .startsWith("x.md:12: block 'a' appears twice (first on line 5)"), what);
      assertTrue(error(head + eol + "Text <!-- dossier:ned d --> more" + eol).startsWith("x.md:12: mangled marker"),
          what);
    }
    // Mixed: \r\n is one line break, a lone \r and a lone \n one each.
    assertTrue(error("a\r\nb\rc\nd\n\r\n\r\r<!-- dossier:ned x -->\n").startsWith("x.md:8: mangled marker"));
  }

  @Test
  void blocksHaveTheLineOfTheirBeginMarker() {
    // Random documents with random line endings: each block's line is the one counted here.
    java.util.Random r = new java.util.Random(20260429);
    String[] filler = {"", "Some text.", "- item", "> quoted", "# Heading", "| a | b |", "    code", "Text `code`"};
    String[] eols = {"\n", "\r\n", "\r"};
    int blocks = 0;
    for (int n = 0; n < 2000; n++) {
      StringBuilder text = new StringBuilder();
      int count = 1 + r.nextInt(6);
      for (int b = 0; b < count; b++) {
        for (int k = r.nextInt(4); k > 0; k--) {
          text.append(filler[r.nextInt(filler.length)]).append(eols[r.nextInt(3)]);
        }
        String eol = eols[r.nextInt(3)];
        String blank = r.nextBoolean() ? eol : "";
        text.append(blank);
        if (r.nextBoolean()) {
          text.append("<!-- dossier:begin b").append(b).append(" -->").append(eol).append("content").append(eol)
              .append("<!-- dossier:end b").append(b).append(" -->").append(eol);
        } else {
          text.append("Value : <!-- dossier:begin b").append(b).append(" -->1<!-- dossier:end b").append(b)
              .append(" -->").append(eol);
        }
        text.append(blank);
      }
      String doc = text.toString();
      Parsed p;
      try {
        p = Blocks.parse(doc, "x.md");
      } catch (DossierException e) {
        continue; // a marker that filler turned into text of another block; errors are pinned above
      }
      for (Blocks.Block b : p.blocks()) {
        int begin = doc.lastIndexOf(Blocks.beginMarker(b.name()), b.contentStart());
        assertEquals(lineAt(doc, begin), b.line(), () -> "block " + b.name() + " of " + doc.replace("\r", "\\r")
            .replace("\n", "\\n"));
        blocks++;
      }
    }
    assertTrue(blocks > 5000, "blocks checked: " + blocks);
  }

  @Test
  void theFirstLineNamesTheSpecWithoutAParse() {
    assertEquals(Optional.of("track6"), Blocks.firstLineSpec("<!-- dossier:spec track6 -->\n# Title\n"));
    assertEquals(Optional.of("track6"), Blocks.firstLineSpec("<!-- dossier:spec track6 layout=results -->\r\nx"));
    assertEquals(Optional.of("track6"), Blocks.firstLineSpec("<!--dossier:spec   track6-->"));
    // Whatever is not exactly a spec marker filling the first line is left to a parse.
    assertEquals(Optional.empty(), Blocks.firstLineSpec("# Title\n<!-- dossier:spec track6 -->\n"));
    assertEquals(Optional.empty(), Blocks.firstLineSpec(" <!-- dossier:spec track6 -->\n"));
    assertEquals(Optional.empty(), Blocks.firstLineSpec("<!-- dossier:spec track6 --> text\n"));
    assertEquals(Optional.empty(), Blocks.firstLineSpec("<!-- dossier:spec track6\n-->\n"));
    assertEquals(Optional.empty(), Blocks.firstLineSpec("<!-- dossier:spec -->\n"));
    assertEquals(Optional.empty(), Blocks.firstLineSpec("<!-- dossier:begin x -->\n"));
    assertEquals(Optional.empty(), Blocks.firstLineSpec(""));
    // Where it gives a name, a parse of the same text gives that name too.
    for (String text : List.of("<!-- dossier:spec track6 -->\n# Title\n", "<!--dossier:spec   track6-->",
        "<!-- dossier:spec track5 a b -->\r# T\r")) {
      assertEquals(Blocks.parse(text, "x.md").spec(), Blocks.firstLineSpec(text), text);
    }
  }

  @Test
  void aRenderingIsRefusedWhenItsMarkersAreNotFoundAsWritten() {
    // Markers that a fence takes in: the dossier would have no block 'a', and every refresh fail.
    IllegalStateException fenced = assertThrows(IllegalStateException.class, () -> Blocks.parseRendered(
        "<!-- dossier:spec t -->\n\n```\n\n<!-- dossier:begin a -->\nx\n<!-- dossier:end a -->\n"));
    assertEquals("the rendered dossier: the markers of block 'a' are not found as the layout wrote them (inside a"
        + " code fence or an HTML block?); nothing was written", fenced.getMessage());
    IllegalStateException unpaired = assertThrows(IllegalStateException.class, () -> Blocks.parseRendered(
        "<!-- dossier:spec t -->\n<!-- dossier:begin a -->\nx\n"));
    assertEquals("the rendered dossier:2: block 'a' has no end marker; put back <!-- dossier:end a --> where the"
        + " block ends; nothing was written", unpaired.getMessage());
    String good = "<!-- dossier:spec t -->\n<!-- dossier:begin a -->\nx\n\n<!-- dossier:end a -->\n";
    assertEquals(List.of("a"), Blocks.parseRendered(good).blocks().stream().map(Blocks.Block::name).toList());
  }

  @Test
  void markerCommentsAreFoundInEveryFormTheParserReads() {
    for (String marker : List.of("<!-- dossier:end tldr -->", "<!--dossier:end tldr-->", "<!--\n\tdossier:begin x -->",
        "<!-- DOSSIER:End x -->", "<!-- note dossier:x -->", "<!-->dossier:x -->", "<!-- dossier:begin x")) {
      assertTrue(Blocks.markerComment("before " + marker + "\nafter").isPresent(), marker);
    }
    assertEquals(Optional.of("<!-- dossier:end tldr -->"), Blocks.markerComment("a <!-- dossier:end tldr --> b"));
    for (String text : List.of("<!-- a note -->", "dossier: not in a comment", "a --> b <!-- c --> dossier:")) {
      assertEquals(Optional.empty(), Blocks.markerComment(text), text);
    }
  }

  @Test
  void textThatLeavesAFenceACommentOrAnHtmlBlockOpenIsFound() {
    for (String open : List.of("```\ncode", "a\n~~~\ncode", "<pre>\nx", "<script>", "x <!-- to do", "<!-- a -->\n<!--")) {
      assertTrue(Blocks.leavesOpen(open), open);
    }
    for (String closed : List.of("```\ncode\n```", "a `code` b", "<!-- a --> b", "<div>\nx\n</div>", "<b>x</b>",
        "a < b", "")) {
      assertFalse(Blocks.leavesOpen(closed), closed);
    }
  }

  @Test
  void namesFromTheDataCannotBecomeMarkers() {
    // Variant, crypto and run names are escaped (MarkdownEscaper) wherever a template writes them: as
    // text, or in a code span, in a paragraph or a table cell.
    for (String name : List.of("<!-- dossier:end tldr -->", "<!--dossier:begin x-->", "`<!-- dossier:end a -->`",
        "```", "<pre>", "<!--")) {
      String text = "<!-- dossier:spec t -->\n<!-- dossier:begin a -->\n" + MarkdownEscaper.text(name) + " and "
          + MarkdownEscaper.code(name) + "\n\n| h |\n|---|\n| " + MarkdownEscaper.text(name) + " |\n| "
          + MarkdownEscaper.code(name) + " |\n\n<!-- dossier:end a -->\n";
      assertEquals(List.of("a"), Blocks.parseRendered(text).blocks().stream().map(Blocks.Block::name).toList(),
          name);
    }
  }
}
