package dossier.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {
  public record Variant(String name, int pairs) {}

  public record Model(String title, List<Variant> variants) {}

  public record WithDouble(String title, double mean) {}

  @TempDir Path dir;

  private String render(String template, Record model) throws IOException {
    Files.writeString(dir.resolve("results.md.ftl"), template);
    return new Renderer(Optional.of(dir)).render("results", model);
  }

  private DossierException refused(String template, Record model) throws IOException {
    Files.writeString(dir.resolve("results.md.ftl"), template);
    Renderer renderer = new Renderer(Optional.of(dir));
    return assertThrows(DossierException.class, () -> renderer.render("results", model));
  }

  private static Model model(String... names) {
    return new Model("Focal loss", java.util.Arrays.stream(names).map(n -> new Variant(n, 25)).toList());
  }

  @Test
  void rendersAnOverrideTemplate() throws IOException {
    assertEquals("# Focal loss\n\n- none (25)\n- mild_focus (25)\n",
        render("# ${title}\n\n<#list variants as v>\n- ${v.name} (${v.pairs})\n</#list>\n", model("none", "mild_focus")));
  }

  @Test
  void newBuiltInCannotCreateObjects() throws IOException {
    DossierException e = refused("${\"freemarker.template.utility.Execute\"?new()(\"id\")}\n", model());
    assertTrue(e.getMessage().startsWith("template results.md.ftl: "), e.getMessage());
    assertTrue(e.getMessage().contains("freemarker.template.utility.Execute"), e.getMessage());
    assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
  }

  @Test
  void newBuiltInCannotCreateObjectsEvenWithoutCallingThem() throws IOException {
    DossierException e = refused("<#assign x = \"freemarker.template.utility.ObjectConstructor\"?new()>\n", model());
    assertTrue(e.getMessage().contains("results.md.ftl"), e.getMessage());
    assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
  }

  @Test
  void apiBuiltInIsDisabled() throws IOException {
    DossierException e = refused("${title?api.getClass().getName()}\n", model());
    assertTrue(e.getMessage().startsWith("template results.md.ftl: "), e.getMessage());
    assertTrue(e.getMessage().contains("?api"), e.getMessage());
  }

  @Test
  void aDoubleInTheModelIsRefusedBeforeTheTemplateRuns() throws IOException {
    // TemplateTree converts the whole model first: a double is a programming error (numbers reach
    // templates already formatted), reported as such, whether or not the template uses the value.
    for (String template : List.of("${mean}\n", "${title}\n")) {
      Files.writeString(dir.resolve("results.md.ftl"), template);
      Renderer renderer = new Renderer(Optional.of(dir));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> renderer.render("results", new WithDouble("t", 0.5)));
      assertEquals("templates get formatted values, not java.lang.Double", e.getMessage());
    }
  }

  @Test
  void aHostileNameStaysOneCellOfOneRow() throws IOException {
    String hostile = "a|b<script>alert(1)</script>\n| x | y | z |\r\n[l](http://evil) *e*";
    String md = render("""
        | Variant | Pairs |
        |---|---|
        <#list variants as v>
        | ${v.name} | ${v.pairs} |
        </#list>
        """, model("none", hostile));
    String[] lines = md.split("\n");
    assertEquals(4, lines.length, md);
    assertEquals("| a\\|b&lt;script>alert(1)&lt;/script> \\| x \\| y \\| z \\| \\[l](http://evil) \\*e\\* | 25 |",
        lines[3]);
    assertFalse(md.contains("<script"), md);
    assertEquals(1, TableCheck.check(md, "rendered"));
    String html = MarkdownEscaperTest.html(md);
    assertEquals(2, MarkdownEscaperTest.count(html, "<tr><td>"), html);
    assertEquals(4, MarkdownEscaperTest.count(html, "<td>"), html);
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<a href"), html);
    assertFalse(html.contains("<em>"), html);
  }

  @Test
  void aBrokenTableIsRefusedBeforeAnythingIsWritten() throws IOException {
    // ?no_esc is for Markdown written by people; on data it can break a table, and TableCheck says so.
    DossierException e = refused("""
        | Variant | Pairs |
        |---|---|
        <#list variants as v>
        | ${v.name?no_esc} | ${v.pairs} |
        </#list>
        """, model("a|b"));
    assertTrue(e.getMessage().contains("results.md.ftl"), e.getMessage());
    assertTrue(e.getMessage().contains("line 3 has 3 cells where its table header has 2"), e.getMessage());
  }

  @Test
  void aDraftIsCheckedOnlyWhenAsked() throws IOException {
    // The broken table of the test above: render refuses it, draft returns it for its caller to
    // check when it would write it (Refresher.splice, GenerateCommand), and checkTables refuses it.
    Files.writeString(dir.resolve("results.md.ftl"), """
        | Variant | Pairs |
        |---|---|
        <#list variants as v>
        | ${v.name?no_esc} | ${v.pairs} |
        </#list>
        """);
    Renderer renderer = new Renderer(Optional.of(dir));
    String broken = "| Variant | Pairs |\n|---|---|\n| a|b | 25 |\n";
    assertEquals(broken, renderer.draft("results", model("a|b")));
    DossierException e = assertThrows(DossierException.class, () -> Renderer.checkTables("results", broken));
    assertTrue(e.getMessage().contains("line 3 has 3 cells where its table header has 2"), e.getMessage());
    assertThrows(DossierException.class, () -> renderer.render("results", model("a|b")));
    Renderer.checkTables("results", renderer.draft("results", model("a")));
  }

  @Test
  void codeFunctionWritesACodeSpan() throws IOException {
    assertEquals("`mild_focus` and `` a\\|b`c ``\n", render("${code(title)} and ${code(variants[0].name)}\n",
        new Model("mild_focus", List.of(new Variant("a|b`c", 1)))));
  }

  @Test
  void codeFunctionTakesOneString() throws IOException {
    DossierException e = refused("${code(variants[0].pairs)}\n", model("x"));
    assertTrue(e.getMessage().contains("code(text) takes one string"), e.getMessage());
    e = refused("${code(title, title)}\n", model("x"));
    assertTrue(e.getMessage().contains("code(text) takes one string"), e.getMessage());
  }

  @Test
  void outputIsNormalised() throws IOException {
    String md = render("\n\n# ${title}   \n\n\n\ntext\t\n\n\n```\ncode  \n\n\n\nmore\n```\n\n\nend\n\n\n", model());
    assertEquals("# Focal loss\n\ntext\n\n```\ncode\n\n\n\nmore\n```\n\nend\n", md);
  }

  @Test
  void outputEndsWithOneNewline() throws IOException {
    assertEquals("x\n", render("x", model()));
    assertEquals("x\n", render("x\r\n\r\n", model()));
  }

  @Test
  void overrideTemplatesCanImportTheShippedMacros() throws IOException {
    assertEquals("FAIL × 4, PASS × 2\n",
        render("<#import \"macros.ftl\" as m>\n<@m.verdictCounts [{\"label\": \"FAIL\", \"count\": 4},"
            + " {\"label\": \"PASS\", \"count\": 2}]/>\n", model()));
  }

  @Test
  void templatesCannotReachFilesOutsideTheirFolders(@TempDir Path root) throws IOException {
    Path templates = Files.createDirectories(root.resolve("templates"));
    Files.writeString(root.resolve("secret.txt"), "secret");
    Files.writeString(templates.resolve("results.md.ftl"), "<#include \"../secret.txt\">\n");
    Renderer renderer = new Renderer(Optional.of(templates));
    DossierException e = assertThrows(DossierException.class, () -> renderer.render("results", model()));
    assertTrue(e.getMessage().startsWith("template results.md.ftl: "), e.getMessage());
    assertFalse(e.getMessage().contains("secret\n"), e.getMessage());
  }

  @Test
  void anUnknownLayoutIsAnErrorNamingIt() {
    Renderer renderer = new Renderer(Optional.of(dir));
    DossierException e = assertThrows(DossierException.class, () -> renderer.render("nope", model()));
    assertTrue(e.getMessage().startsWith("template nope.md.ftl: "), e.getMessage());
  }
}
