package dossier.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML preview of the committed dossiers: every table and every figure is there. */
class PreviewTest {
  @ParameterizedTest
  @ValueSource(strings = {"2026-04-29-track6-focal-loss-results.md", "2026-04-29-track5-label-smoothing-results.md"})
  void everyTableAndFigureOfTheDossierIsInThePage(String name) throws IOException {
    Path dossier = Path.of("dossiers").resolve(name);
    String markdown = Files.readString(dossier);
    String html = Preview.html(dossier, markdown);

    assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
    assertEquals(TableCheck.check(markdown, name), count(html, "<table>"), "one <table> per Markdown table");
    List<String> figures = matches(markdown, "!\\[[^\\n]*?\\]\\((img/[^)]+\\.svg)\\)");
    assertFalse(figures.isEmpty());
    assertEquals(figures.size(), count(html, "<img class=\"figure\" src=\"data:image/svg+xml;base64,"));
    for (String figure : figures) {
      String svg = Files.readString(Path.of("dossiers").resolve(figure));
      assertTrue(html.contains(Base64.getEncoder().encodeToString(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
          figure + " inlined");
    }
    assertEquals(count(markdown, "\n## "), count(html, "<h2>"), "every section");
    assertFalse(html.contains("dossier:begin"), "markers are left out of the page");
    assertFalse(html.contains("<img src=\"img/"), "no figure left pointing at a file");
  }

  @Test
  void rawHtmlInProseIsShownAsTextNotRun(@TempDir Path dir) {
    String html = Preview.html(dir.resolve("x.md"), "# T\n\n<script>alert(1)</script>\n\nSee <b>this</b>.\n");
    assertFalse(html.contains("<script>alert"));
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  }

  /** Links a dossier's prose may hold that would run code, or show a page of their own, when clicked. */
  @ParameterizedTest
  @ValueSource(strings = {
      "[a](javascript:alert(1))",
      "[a](JavaScript:alert(1))",
      "[a](jav&#x61;script:alert(1))",
      "[a](javascript&#58;alert(1))",
      "[a](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
      "[a](java%73cript:alert(1))",
      "[a](<java\tscript:alert(1)>)",
      "[a](<\u0001javascript:alert(1)>)",
      "[a]( javascript:alert(1) \"title\")",
      "[a](vbscript:msgbox(1))",
      "[a](VBScript:msgbox(1))",
      "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "[a](DATA:text/html,<script>alert(1)</script>)",
      "<javascript:alert(1)>",
      "<JAVASCRIPT:alert(1)>",
      "<vbscript:msgbox(1)>",
      "<data:text/html,x>",
      "![img](javascript:alert(1))",
      "![img](data:text/html,x)",
      "![img](data:image/svg+xml;base64,PHN2Zy8+)",
      "[a][r]\n\n[r]: javascript:alert(1)",
      "[r]\n\n[r]: JaVaScRiPt:alert(1)",
      "![img][r]\n\n[r]: vbscript:msgbox(1)",
      "[a][r]\n\n[r]: <data:text/html,x> \"t\"",
      "[![img](javascript:alert(1))](javascript:alert(2))",
      "| a |\n|---|\n| [x](javascript:alert(1)) |",
      "[a](file:///etc/passwd)",
  })
  void noLinkThatRunsCodeSurvives(String hostile, @TempDir Path dir) {
    String markdown = "# T\n\n" + hostile + "\n";
    String html = Preview.html(dir.resolve("x.md"), markdown);
    for (Attribute a : attributes(html)) {
      String value = inBrowser(a.value());
      for (String scheme : List.of("javascript:", "vbscript:", "data:text", "file:")) {
        assertFalse(value.contains(scheme), () -> a + " survived in the page of " + hostile + ":\n" + html);
      }
      if (a.name().equals("href") || a.name().equals("src")) {
        assertTrue(value.matches("(https?:|mailto:|[^:/?#]*([/?#].*)?$).*"),
            () -> a + ": only http, https, mailto and relative links, in the page of " + hostile + ":\n" + html);
      }
    }
    assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        + "img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">"), html);
  }

  @Test
  void aLinkThatIsRefusedIsShownAsItsText(@TempDir Path dir) {
    String html = Preview.html(dir.resolve("x.md"), "See [the notes](JavaScript:alert(1)), ![a chart](vbscript:x) "
        + "and <javascript:alert(1)>.\n");
    assertTrue(html.contains("<p>See the notes, a chart and &lt;javascript:alert(1)&gt;.</p>"), html);
  }

  @Test
  void goodLinksSurvive(@TempDir Path dir) {
    String html = Preview.html(dir.resolve("x.md"), String.join("\n",
        "[site](https://example.org/a?b=c&d=e \"A title\")",
        "[plain](http://example.org)",
        "[upper](HTTPS://EXAMPLE.ORG/)",
        "[mail](mailto:someone@example.org)",
        "[other](2026-04-29-track5-label-smoothing-results.md#2-gates)",
        "[section](#3-paired-delta)",
        "[colon later](notes/a:b.md)",
        "<https://example.org/auto>",
        "<someone@example.org>",
        "[ref][r]",
        "",
        "[r]: https://example.org/ref",
        ""));
    List<String> hrefs = attributes(html).stream().filter(a -> a.name().equals("href")).map(Attribute::value).toList();
    assertEquals(List.of("https://example.org/a?b=c&d=e", "http://example.org", "HTTPS://EXAMPLE.ORG/",
        "mailto:someone@example.org", "2026-04-29-track5-label-smoothing-results.md#2-gates", "#3-paired-delta",
        "notes/a:b.md", "https://example.org/auto", "mailto:someone@example.org", "https://example.org/ref"),
        hrefs.stream().map(PreviewTest::decoded).toList());
  }

  @Test
  void aMissingFigureSaysHowToWriteIt(@TempDir Path dir) {
    DossierException e = assertThrows(DossierException.class,
        () -> Preview.html(dir.resolve("x.md"), "![a figure](img/track9-forest.svg)\n"));
    assertEquals(dir.resolve("img/track9-forest.svg") + ": figure not found; run `dossier refresh` to write it",
        e.getMessage());
  }

  record Attribute(String tag, String name, String value) {}

  /** A start tag: its name, then its attributes. */
  private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)"
      + "((?:\\s+[^\\s=>/]+(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s>]+))?)*)\\s*/?>");
  /** An attribute: its name, then its value in double quotes, single quotes or none. */
  private static final Pattern ATTRIBUTE = Pattern.compile(
      "([^\\s=>/]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?");

  /** Every attribute of every tag of the page, its value as written (entities not yet decoded). */
  private static List<Attribute> attributes(String html) {
    List<Attribute> out = new java.util.ArrayList<>();
    Matcher tag = TAG.matcher(html);
    while (tag.find()) {
      Matcher a = ATTRIBUTE.matcher(tag.group(2));
      while (a.find()) {
        String value = a.group(2) != null ? a.group(2) : a.group(3) != null ? a.group(3) : a.group(4);
        out.add(new Attribute(tag.group(1).toLowerCase(java.util.Locale.ROOT),
            a.group(1).toLowerCase(java.util.Locale.ROOT), value == null ? "" : value));
      }
    }
    return out;
  }

  private static final Pattern ENTITY = Pattern.compile("&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);?");
  private static final Pattern PERCENT = Pattern.compile("%([0-9a-fA-F]{2})");

  /** A value with its character references decoded once, as a browser reads an attribute. */
  private static String decoded(String value) {
    return ENTITY.matcher(value).replaceAll(m -> {
      String e = m.group(1);
      String c = e.startsWith("#x") || e.startsWith("#X") ? Character.toString(Integer.parseInt(e.substring(2), 16))
          : e.startsWith("#") ? Character.toString(Integer.parseInt(e.substring(1)))
          : switch (e.toLowerCase(java.util.Locale.ROOT)) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "colon" -> ":";
            case "tab" -> "\t";
            case "newline" -> "\n";
            default -> m.group();
          };
      return Matcher.quoteReplacement(c);
    });
  }

  /**
   * An attribute's value at its most suspicious: character references and percent escapes decoded
   * as often as it takes, white space and control characters dropped, lower case.
   */
  private static String inBrowser(String value) {
    String s = value;
    for (String before = null; !s.equals(before); ) {
      before = s;
      s = PERCENT.matcher(decoded(s)).replaceAll(m -> Matcher.quoteReplacement(
          Character.toString(Integer.parseInt(m.group(1), 16))));
    }
    return s.codePoints().filter(c -> c > ' ' && !Character.isISOControl(c) && !Character.isWhitespace(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()
        .toLowerCase(java.util.Locale.ROOT);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  private static List<String> matches(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
