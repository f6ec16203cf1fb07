package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.testing.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} for people and for CI: change lines that read (a table cell by its row and column,
 * a sentence whole), {@code --format json|markdown}, and exit codes that tell stale (1) from could
 * not check (3).
 */
class CheckOutputTest {
  private static final String TRACK6 = "dossiers/2026-04-29-track6-focal-loss-results.md";
  private static final String TRACK5 = "dossiers/2026-04-29-track5-label-smoothing-results.md";
  private static final String SNAPSHOT = "dossiers/data/track6-focal-loss.csv";

  @TempDir Path project;
  @TempDir Path home;

  @BeforeEach
  void copy() {
    Projects.copy(project);
  }

  private Run check(String... args) {
    return check(Map.of(), args);
  }

  private Run check(Map<String, String> env, String... args) {
    return Run.of(env, home, Stream.concat(Stream.of("-C", project.toString(), "check"), Stream.of(args))
        .toArray(String[]::new));
  }

  /** Lifts mild_focus's f1_buy by 0.08 on every row: its mean, CI, gates and verdict sentences change. */
  private void liftMildFocus() throws IOException {
    Path csv = project.resolve(SNAPSHOT);
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8).stream().map(line -> {
      String[] f = line.split(",", -1);
      if (f.length > 6 && f[2].equals("mild_focus") && !f[6].isEmpty()) {
        f[6] = String.format(java.util.Locale.ROOT, "%.6f", Double.parseDouble(f[6]) + 0.08);
      }
      return String.join(",", f);
    }).toList();
    Files.write(csv, lines, StandardCharsets.UTF_8);
  }

  @Test
  void changeLinesNameTheCellByRowAndColumnAndShowASentenceWhole() throws IOException {
    liftMildFocus();
    Run r = check(TRACK6);
    assertEquals(1, r.exit(), r.err());
    List<String> out = r.out().lines().toList();
    assertEquals("stale " + TRACK6, out.get(0));
    for (String line : List.of(
        "  means · AAVEUSDC · mild_focus: 0.3951 → 0.4751",
        "  paired · mild_focus · mean Δf1_buy: -0.0697 → 0.0103",
        "  paired · mild_focus · Cohen's d: -1.541 → 0.227",
        "  gates · 4. Per-asset — f1_buy improves on ≥ 4/5 cryptos · Verdict: FAIL × 4 → PASS × 1, FAIL × 3",
        // Before: "gates: Verdict: ∅ → `mild_focus`, ∅ → 3 of 6 gates → ABANDON ; `standard` FAIL on, all → …"
        "  gates, was: Verdict per variant : FAIL on 4 of 6 gates → all 4 focal variants ABANDON.",
        "  gates, now: Verdict per variant : `mild_focus` FAIL on 3 of 6 gates → ABANDON ; `standard` FAIL on 4 of 6"
            + " gates → ABANDON ; `aggressive_focus` FAIL on 4 of 6 gates → ABANDON ; `class_balanced` FAIL on 4 of 6"
            + " gates → ABANDON.",
        "  figure img/track6-forest.svg would be rewritten")) {
      assertTrue(out.contains(line), line + "\nin\n" + r.out());
    }
    // Every line names its block first; a cell's line names its row and column.
    out.subList(1, out.size()).forEach(l -> assertTrue(l.matches("  (figure |\\w+ · .+: .+ → .+|\\w+, (was|now): .+)"
        + ".*"), l));
  }

  @Test
  void jsonHasEachChangeAsData() throws IOException {
    liftMildFocus();
    Run r = check("--format", "json");
    assertEquals(1, r.exit(), r.err());
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) JsonReader.parse(r.out());
    assertEquals(1.0, doc.get("exit_code"));
    assertEquals(1.0, doc.get("stale"));
    assertEquals(1.0, doc.get("current"));
    assertEquals(0.0, doc.get("errors"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> dossiers = (List<Map<String, Object>>) doc.get("dossiers");
    assertEquals(Map.of("file", TRACK5, "status", "current"), dossiers.get(0));
    Map<String, Object> stale = dossiers.get(1);
    assertEquals(TRACK6, stale.get("file"));
    assertEquals("stale", stale.get("status"));
    assertEquals(List.of("img/track6-forest.svg", "img/track6-crypto.svg"), stale.get("figures"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> changes = (List<Map<String, Object>>) stale.get("changes");
    assertTrue(changes.contains(Map.of("block", "means", "label", "AAVEUSDC · mild_focus", "old", "0.3951",
        "new", "0.4751")), changes.toString());
    Map<String, Object> sentence = changes.stream()
        .filter(c -> c.get("block").equals("gates") && c.get("label") == null).findFirst().orElseThrow();
    assertEquals("Verdict per variant : FAIL on 4 of 6 gates → all 4 focal variants ABANDON.", sentence.get("old"));
    assertTrue(r.err().lines().allMatch(l -> l.startsWith("dossier: no database configured")), r.err());
  }

  @Test
  void markdownIsASummaryForAPullRequest() throws IOException {
    liftMildFocus();
    Run r = check("--format", "markdown");
    assertEquals(1, r.exit(), r.err());
    String md = r.out();
    assertTrue(md.startsWith("### dossier check: 1 stale, 1 current\n\n`" + TRACK6 + "` is stale; `dossier refresh "
        + TRACK6 + "` writes the fresh numbers:\n\n| Block | Where | Now | After a refresh |\n|---|---|---|---|\n"), md);
    assertTrue(md.contains("\n| means | AAVEUSDC · mild_focus | 0.3951 | 0.4751 |\n"), md);
    assertTrue(md.contains("\n| gates | text | Verdict per variant : FAIL on 4 of 6 gates → all 4 focal variants"
        + " ABANDON. | Verdict per variant : `mild_focus` FAIL on 3 of 6 gates → ABANDON ;"), md);
    // A figure's line is shown as text, not as an image that the pull request cannot load.
    assertTrue(md.contains("| means | text | !\\[Bar chart of the mean f1_buy"), md);
    assertTrue(md.endsWith("\nFigures a refresh rewrites: `img/track6-forest.svg`, `img/track6-crypto.svg`.\n\n"
        + "Current: `" + TRACK5 + "`.\n"), md);

    Run all = check("--format", "markdown", TRACK5);
    assertEquals(new Run(0, "### dossier check: the dossier is current\n", all.err()), all);
  }

  @Test
  void markdownNamesWhatCouldNotBeChecked() throws IOException {
    Files.write(project.resolve(TRACK6), new byte[] {'<', '!', (byte) 0xff, '\n'});
    Run r = check("--format", "markdown", TRACK6, TRACK5);
    assertEquals(3, r.exit(), r.err());
    assertEquals("### dossier check: 1 could not be checked, 1 current\n\n`" + TRACK6 + "` could not be checked: `"
        + TRACK6 + ": not UTF-8 text; the file is left as it was`\n\nCurrent: `" + TRACK5 + "`.\n", r.out());
    assertTrue(r.err().contains("dossier: " + TRACK6 + ": not UTF-8 text; the file is left as it was\n"), r.err());
  }

  @Test
  void exitCodesTellStaleFromCouldNotCheck() throws IOException {
    assertEquals(0, check().exit());
    assertEquals(2, check("--format", "yaml").exit(), "a usage error of the command line");

    // Stale, and a dossier that could not be checked: 3 wins, and the stale one is still reported.
    liftMildFocus();
    Path other = project.resolve("dossiers/x-copy.md");
    Files.writeString(other, Files.readString(project.resolve(TRACK5)).replace("dossier:spec track5", "dossier:spec nope"));
    Run both = check();
    assertEquals(3, both.exit(), both.err());
    assertTrue(both.out().contains("stale " + TRACK6 + "\n"), both.out());
    assertTrue(both.err().contains("dossier: unknown track 'nope' (known: track5, track6); specs live in dossiers/\n"), both.err());
    Files.delete(other);

    // A spec that does not parse (2 elsewhere) cannot be checked.
    Path spec = project.resolve("dossiers/track5.yaml");
    String yaml = Files.readString(spec);
    Files.writeString(spec, yaml.replace("title: Label smoothing", "title: [not closed"));
    Run bad = check(TRACK5);
    assertEquals(3, bad.exit(), bad.err());
    assertTrue(bad.err().startsWith("dossier: dossiers/track5.yaml:"), bad.err());
    Files.writeString(spec, yaml);

    // An edit inside a block: refused, not reported as stale numbers.
    String text = Files.readString(project.resolve(TRACK5));
    Files.writeString(project.resolve(TRACK5), text.replaceFirst("(<!-- dossier:begin means -->\\n)", "$1Edited.\n"));
    Run edited = check(TRACK5);
    assertEquals(3, edited.exit(), edited.err());
    assertTrue(edited.err().contains("you edited block `means`"), edited.err());
    Files.writeString(project.resolve(TRACK5), text);

    // The database cannot be reached.
    Run down = check(Map.of("DOSSIER_DB_URL", "postgresql://127.0.0.1:1/sweeps"), TRACK5);
    assertEquals(3, down.exit(), down.err());
    assertTrue(down.err().startsWith("dossier: cannot connect to PostgreSQL at postgresql://127.0.0.1:1/sweeps"),
        down.err());

    // No dossiers to look at: no folder at all.
    Run none = Run.offline(home, "-C", home.toString(), "check", "--format", "json");
    assertEquals(3, none.exit(), none.err());
    assertEquals("dossier: no dossiers/ folder in " + home + "\n", none.err());
    assertTrue(none.out().contains("\"exit_code\": 3,"), none.out());
  }

  /**
   * A --query file that is there but cannot be read fails the check (3), not the command line (2):
   * said once, before any dossier, and still in the report, so CI's JSON or comment names it.
   */
  @Test
  void aQueryFileThatCannotBeReadIsReportedOnce() throws IOException {
    Path latin1 = project.resolve("latin1.sql");
    Files.write(latin1, "-- caf\u00e9\nSELECT 1\n".getBytes(StandardCharsets.ISO_8859_1));
    Run r = check(Map.of("DOSSIER_DB_URL", "postgresql://127.0.0.1:1/sweeps"), "--format", "json",
        "--query", latin1.toString());
    assertEquals(3, r.exit(), r.err());
    String error = "latin1.sql: the query is not UTF-8 text; save the file as UTF-8";
    assertEquals("dossier: " + error + "\n", r.err(), "one line, once");
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) JsonReader.parse(r.out());
    assertEquals(3L, ((Number) doc.get("exit_code")).longValue(), r.out());
    assertEquals(List.of(Map.of("status", "error", "error", error)),
        ((List<?>) doc.get("dossiers")).stream().map(d -> {
          Map<?, ?> m = (Map<?, ?>) d;
          assertTrue(m.containsKey("file") && m.get("file") == null, r.out());
          return Map.of("status", m.get("status"), "error", m.get("error"));
        }).toList(), r.out());
  }

  @Test
  void theHelpDocumentsTheExitCodes() {
    Run help = check("--help");
    assertTrue(help.out().contains("Exit codes:\n  0   every dossier is current\n  1   a dossier is stale: `dossier refresh`"
        + " writes the fresh numbers\n  2   usage (a bad option, or a --query that names no file of the project)\n  3   a dossier could not be checked"), help.out());
  }
}
