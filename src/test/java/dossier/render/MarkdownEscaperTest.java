package dossier.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MarkdownEscaperTest {
  // GFM tables as TableCheck reads them: no column spans, no cell added or dropped.
  private static final DataHolder GFM = new MutableDataSet()
      .set(Parser.EXTENSIONS, List.of(TablesExtension.create()))
      .set(TablesExtension.COLUMN_SPANS, false)
      .set(TablesExtension.APPEND_MISSING_COLUMNS, false)
      .set(TablesExtension.DISCARD_EXTRA_COLUMNS, false)
      .set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, true)
      .toImmutable();
  private static final Parser PARSER = Parser.builder(GFM).build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder(GFM).build();

  /** The HTML flexmark makes of the Markdown, GFM tables included. */
  static String html(String markdown) {
    return HTML.render(PARSER.parse(markdown));
  }

  /** The HTML of a two-column, one-row table whose first cell is {@code cell}, as written. */
  static String tableHtml(String cell) {
    return html("| A | B |\n|---|---|\n| " + cell + " | x |\n");
  }

  static int count(String html, String what) {
    return html.split(Pattern.quote(what), -1).length - 1;
  }

  /** The first {@code <td>}'s content. */
  static String firstCell(String html) {
    Matcher m = Pattern.compile("<td>(.*?)</td>").matcher(html);
    assertTrue(m.find(), html);
    return m.group(1);
  }

  /** The escaped text is one cell of one row, with no HTML and no link, showing {@code shown}. */
  private static void staysText(String escaped, String shown) {
    String html = tableHtml(escaped);
    assertEquals(1, count(html, "<tr><td>"), html);
    assertEquals(2, count(html, "<td>"), html);
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<a href"), html);
    assertFalse(html.contains("<em>") || html.contains("<strong>") || html.contains("<del>"), html);
    assertEquals(shown, firstCell(html), html);
  }

  @Test
  void plainTextIsUnchanged() {
    assertEquals("AAVEUSDC 0.4560", MarkdownEscaper.text("AAVEUSDC 0.4560"));
    assertEquals("", MarkdownEscaper.text(""));
  }

  @Test
  void pipeIsEscapedAndStaysInItsCell() {
    assertEquals("a\\|b", MarkdownEscaper.text("a|b"));
    staysText(MarkdownEscaper.text("a|b"), "a|b");
    staysText(MarkdownEscaper.text("|lead|trail|"), "|lead|trail|");
  }

  @Test
  void backslashIsEscapedSoItCannotEscapeThePipeAfterIt() {
    assertEquals("a\\\\", MarkdownEscaper.text("a\\"));
    assertEquals("a\\\\\\|b", MarkdownEscaper.text("a\\|b"));
    staysText(MarkdownEscaper.text("a\\|b"), "a\\|b");
    staysText(MarkdownEscaper.text("ends with \\"), "ends with \\");
  }

  @Test
  void backtickIsEscaped() {
    assertEquals("\\`x\\`", MarkdownEscaper.text("`x`"));
    String html = tableHtml(MarkdownEscaper.text("`x|y`"));
    assertFalse(html.contains("<code>"), html);
    staysText(MarkdownEscaper.text("`x|y`"), "`x|y`");
  }

  @Test
  void emphasisAndStrikethroughMarkersAreEscaped() {
    assertEquals("\\*bold\\* \\~\\~gone\\~\\~", MarkdownEscaper.text("*bold* ~~gone~~"));
    staysText(MarkdownEscaper.text("**bold** *it*"), "**bold** *it*");
  }

  @Test
  void htmlIsNeverHtml() {
    assertEquals("&lt;script>alert(1)&lt;/script>", MarkdownEscaper.text("<script>alert(1)</script>"));
    staysText(MarkdownEscaper.text("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
    staysText(MarkdownEscaper.text("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
    // No autolink either.
    staysText(MarkdownEscaper.text("<http://evil.example>"), "&lt;http://evil.example&gt;");
  }

  @Test
  void ampersandIsEscapedSoNoEntityIsDecoded() {
    assertEquals("AT&amp;T &amp;lt;", MarkdownEscaper.text("AT&T &lt;"));
    staysText(MarkdownEscaper.text("&lt;script&gt;"), "&amp;lt;script&amp;gt;");
  }

  @Test
  void lineBreaksBecomeOneSpace() {
    assertEquals("a b", MarkdownEscaper.text("a\nb"));
    assertEquals("a b", MarkdownEscaper.text("a\r\nb"));
    assertEquals("a b", MarkdownEscaper.text("a\rb"));
    assertEquals("a  b", MarkdownEscaper.text("a\n\nb"));
    staysText(MarkdownEscaper.text("a\n| x | y | z |\r\nb"), "a | x | y | z | b");
  }

  @Test
  void intrawordUnderscoreIsKeptOtherUnderscoresEscaped() {
    assertEquals("mild_focus", MarkdownEscaper.text("mild_focus"));
    assertEquals("ftf_20260429_121011", MarkdownEscaper.text("ftf_20260429_121011"));
    assertEquals("\\_x\\_", MarkdownEscaper.text("_x_"));
    assertEquals("a \\_b\\_ c\\_", MarkdownEscaper.text("a _b_ c_"));
    staysText(MarkdownEscaper.text("mild_focus"), "mild_focus");
    staysText(MarkdownEscaper.text("_x_ __y__"), "_x_ __y__");
  }

  @Test
  void linkIsNeutralisedButBracketsOfEvidenceStayReadable() {
    assertEquals("\\[x](http://evil)", MarkdownEscaper.text("[x](http://evil)"));
    staysText(MarkdownEscaper.text("[x](http://evil)"), "[x](http://evil)");
    staysText(MarkdownEscaper.text("![img](http://evil/p.png)"), "![img](http://evil/p.png)");
    staysText(MarkdownEscaper.text("[x][ref]"), "[x][ref]");
    // Generated evidence keeps its brackets unescaped, so raw diffs stay readable.
    assertEquals("CI [-0.098, -0.049]", MarkdownEscaper.text("CI [-0.098, -0.049]"));
    assertEquals("every variant ∈ [-0.0866, -0.0697]", MarkdownEscaper.text("every variant ∈ [-0.0866, -0.0697]"));
    staysText(MarkdownEscaper.text("CI [-0.098, -0.049]"), "CI [-0.098, -0.049]");
  }

  @Test
  void unescapedInputWouldBreakTheTable() {
    // The checks above have teeth: the same strings written raw do what the escaping prevents.
    String html = tableHtml("a|b<script>x</script> [l](http://evil)");
    assertEquals(3, count(html, "<td>"), html);
    assertTrue(html.contains("<script"), html);
    assertTrue(html.contains("<a href"), html);
  }

  @Test
  void codeOfPlainText() {
    assertEquals("`mild_focus`", MarkdownEscaper.code("mild_focus"));
    String html = tableHtml(MarkdownEscaper.code("mild_focus"));
    assertEquals(2, count(html, "<td>"), html);
    assertEquals("<code>mild_focus</code>", firstCell(html));
  }

  @Test
  void codeWithBackticksUsesALongerFence() {
    assertEquals("`` a`b ``", MarkdownEscaper.code("a`b"));
    assertEquals("``` a``b ```", MarkdownEscaper.code("a``b"));
    assertEquals("`` `x ``", MarkdownEscaper.code("`x"));
    assertEquals("<code>a`b</code>", firstCell(tableHtml(MarkdownEscaper.code("a`b"))));
    assertEquals("<code>a``b</code>", firstCell(tableHtml(MarkdownEscaper.code("a``b"))));
  }

  @Test
  void codeWithSpacesAtTheEdgesIsPadded() {
    // CommonMark strips one space from each side when both are there, leaving " x".
    assertEquals("`  x `", MarkdownEscaper.code(" x"));
    assertEquals("` x  `", MarkdownEscaper.code("x "));
    assertEquals("`x`", MarkdownEscaper.code("x"));
  }

  @Test
  void codeEscapesPipesSoTheCellHolds() {
    assertEquals("`a\\|b`", MarkdownEscaper.code("a|b"));
    String html = tableHtml(MarkdownEscaper.code("a|b|c"));
    assertEquals(1, count(html, "<tr><td>"), html);
    assertEquals(2, count(html, "<td>"), html);
    // GitHub drops the backslash of \| inside a table cell's code span; flexmark 0.64 keeps it.
    assertTrue(firstCell(html).matches("<code>a\\\\?\\|b\\\\?\\|c</code>"), html);
    // A backslash before the pipe cannot turn the escape off.
    html = tableHtml(MarkdownEscaper.code("a\\|b"));
    assertEquals(2, count(html, "<td>"), html);
  }

  @Test
  void codeFlattensNewlines() {
    assertEquals("`a b c d`", MarkdownEscaper.code("a\nb\r\nc\rd"));
    String html = tableHtml(MarkdownEscaper.code("a\n| x | y | z |"));
    assertEquals(1, count(html, "<tr><td>"), html);
    assertEquals(2, count(html, "<td>"), html);
  }

  @Test
  void codeShowsHtmlAsText() {
    String html = tableHtml(MarkdownEscaper.code("<script>alert(1)</script>"));
    assertFalse(html.contains("<script"), html);
    assertEquals("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>", firstCell(html));
  }
}
