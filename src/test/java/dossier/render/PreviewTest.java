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

  @Test
  void aMissingFigureSaysHowToWriteIt(@TempDir Path dir) {
    DossierException e = assertThrows(DossierException.class,
        () -> Preview.html(dir.resolve("x.md"), "![a figure](img/track9-forest.svg)\n"));
    assertEquals(dir.resolve("img/track9-forest.svg") + ": figure not found; run `dossier refresh` to write it",
        e.getMessage());
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
