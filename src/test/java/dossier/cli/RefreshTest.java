package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import dossier.render.Blocks;
import java.io.IOException;
import java.io.PrintWriter;
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
 * Refresh in place, check, and the pre-commit hook, in a git repository made by the test: people's
 * text survives byte for byte, numbers follow the rows, broken markers are refused.
 */
class RefreshTest {
  private static final String DOSSIER = "dossiers/2026-04-29-track6-focal-loss-results.md";
  private static final String SNAPSHOT = "dossiers/data/track6-focal-loss.csv";

  @TempDir Path repo;
  @TempDir Path home;

  @BeforeEach
  void repository() {
    Projects.copy(repo);
    GitRepo.init(repo, home);
  }

  private Run dossier(String... args) {
    return Run.offline(home, Stream.concat(Stream.of("-C", repo.toString()), Stream.of(args)).toArray(String[]::new));
  }

  private String read(String path) throws IOException {
    return Files.readString(repo.resolve(path), StandardCharsets.UTF_8);
  }

  private void write(String path, String text) throws IOException {
    Files.writeString(repo.resolve(path), text, StandardCharsets.UTF_8);
  }

  /** Changes the f1_buy of one row (line 5) of the snapshot: a retry landed. */
  private void changeARow() throws IOException {
    List<String> lines = Files.readAllLines(repo.resolve(SNAPSHOT));
    lines.set(4, lines.get(4).replaceFirst(",completed,0\\.[0-9]+,", ",completed,0.5,"));
    Files.write(repo.resolve(SNAPSHOT), lines);
  }

  private static final String PROSE_OUTSIDE = "\nA note that a reviewer added by hand.  \n";

  @Test
  void refreshReplacesNumbersAndKeepsEveryByteOfProse() throws IOException {
    String original = read(DOSSIER);
    // Prose edited outside the blocks, inside a section, at the end, with trailing spaces.
    String edited = original
        .replace("Our reading, not a tested claim:", "Our reading (edited by a reviewer), not a tested claim:  ")
        .replace("## 3. Paired delta", "Words between sections." + "\n\n## 3. Paired delta")
        + PROSE_OUTSIDE;
    write(DOSSIER, edited);
    changeARow();
    assertEquals(1, dossier("check").exit(), "stale after the row changed");

    Run r = dossier("refresh");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("refreshed " + DOSSIER
        + " (tldr, means, paired, provenance, img/track6-forest.svg, img/track6-crypto.svg)"), r.out());
    String refreshed = read(DOSSIER);
    assertNotEquals(edited, refreshed, "numbers changed");
    assertTrue(refreshed.contains("| `aggressive_focus` | -0.0721 |"), "the new mean Δ");
    assertEquals(outside(edited), outside(refreshed), "every byte outside the blocks kept");
    assertTrue(refreshed.endsWith(PROSE_OUTSIDE));
    assertTrue(refreshed.contains("Our reading (edited by a reviewer), not a tested claim:  \n"));

    assertEquals(0, dossier("check").exit(), "current after the refresh");
    assertEquals(0, dossier("refresh").exit());
    assertEquals(refreshed, read(DOSSIER), "a second refresh changes nothing");
  }

  @Test
  void checkPrintsOldAndNewValuesAndWritesNothing() throws IOException {
    changeARow();
    String before = read(DOSSIER);
    Run r = dossier("check");
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("stale " + DOSSIER + "\n"), r.out());
    assertTrue(r.out().contains("  means · AAVEUSDC · aggressive_focus: 0.3658 → 0.4032\n"), r.out());
    assertTrue(r.out().contains("  figure img/track6-forest.svg would be rewritten\n"), r.out());
    assertTrue(r.out().contains("  paired · aggressive_focus · mean Δf1_buy: -0.0796 → -0.0721\n"
        + "  paired · aggressive_focus · CI95 low: -0.0995 → -0.0958\n"), r.out());
    assertTrue(r.out().contains("current dossiers/2026-04-29-track5-label-smoothing-results.md\n"), r.out());
    assertEquals(before, read(DOSSIER));
    assertEquals(0, dossier("check", "dossiers/2026-04-29-track5-label-smoothing-results.md").exit());
  }

  @Test
  void crlfDossierKeepsItsLineEndings() throws IOException {
    String crlf = read(DOSSIER).replace("\n", "\r\n");
    write(DOSSIER, crlf);
    assertEquals(0, dossier("check").exit(), "line endings alone do not make a dossier stale");
    changeARow();
    assertEquals(0, dossier("refresh").exit());
    String refreshed = read(DOSSIER);
    assertFalse(refreshed.replace("\r\n", "").contains("\n"), "no bare LF was introduced");
    assertEquals(outside(crlf), outside(refreshed));
  }

  @Test
  void aMangledOrMissingMarkerIsReportedWithItsLineAndTheFileIsUntouched() throws IOException {
    String original = read(DOSSIER);
    String end = endMarker(original, "paired");
    int line = lineOf(original, end);
    String mangled = original.replace(end, "<!-- dossier:ned paired -->");
    write(DOSSIER, mangled);
    changeARow();
    Run r = dossier("refresh", DOSSIER);
    assertEquals(1, r.exit());
    assertEquals("dossier: " + DOSSIER + ":" + line + ": mangled marker <!-- dossier:ned paired -->; expected "
        + "<!-- dossier:begin NAME --> or <!-- dossier:end NAME sha1:CHECKSUM --> (no checksum in a dossier written before"
        + " checksums): put the marker back as it was (git diff, or git log -p, shows it); the file is left as it was\n", r.err()
        .lines().filter(l -> !l.contains("no database")).map(l -> l + "\n").findFirst().orElse(""));
    assertEquals(mangled, read(DOSSIER));

    String deleted = original.replace(end + "\n", "");
    write(DOSSIER, deleted);
    Run d = dossier("refresh", DOSSIER);
    assertEquals(1, d.exit());
    assertTrue(d.err().contains(DOSSIER + ":" + (lineOf(original, "<!-- dossier:begin gates -->") - 1)
        + ": block 'gates' begins inside block 'paired' (line " + lineOf(original, "<!-- dossier:begin paired -->")
        + "); a marker was moved or deleted: put back <!-- dossier:end paired --> above this line, or remove this"
        + " block's markers; the file is left as it was"), d.err());
    assertEquals(deleted, read(DOSSIER));

    String both = original.replace("<!-- dossier:begin joint -->\n", "").replace(endMarker(original, "joint") + "\n", "");
    write(DOSSIER, both);
    Run b = dossier("refresh", DOSSIER);
    assertEquals(1, b.exit());
    assertTrue(b.err().contains(DOSSIER + ":1: generated block joint not found (markers deleted by hand?)"), b.err());
    assertEquals(both, read(DOSSIER));
  }

  @Test
  void aRenderingsTablesAreCheckedWhenItsBlocksChangeTheFileAndOnlyThen() throws IOException {
    // The shipped templates escape what would break a table, so the rendering is broken by hand
    // here: a row with a cell too many, in the means table and then in a paragraph of the spec's
    // words, outside every block.
    Main main = new Main(Map.of(), home, Main.workingDir());
    main.project = repo;
    PrintWriter quiet = new PrintWriter(java.io.Writer.nullWriter());
    Pipeline.Rendered r = Pipeline.render(new dossier.spec.SpecLoader(repo).load("track6"),
        new SourceOptions(null, true), main, quiet);
    String text = read(DOSSIER);
    assertEquals(text, r.markdown());
    String row = "| AAVEUSDC | 0.4560 | 0.3951 | 0.3541 | 0.3658 | 0.3845 |";
    assertTrue(text.contains(row), "a means row to break");
    Path file = repo.resolve(DOSSIER);
    Blocks.Parsed old = Blocks.parse(text + PROSE_OUTSIDE, DOSSIER);
    // Outside the blocks: the splice keeps the file's own text there, so nothing changes and nothing is checked.
    Pipeline.Rendered brokenOutside = new Pipeline.Rendered(r.spec(), r.analysis(),
        r.markdown() + "\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n", r.figures());
    Refresher.Outcome kept = Refresher.splice(file, DOSSIER, text + PROSE_OUTSIDE, old, brokenOutside);
    assertFalse(kept.stale());
    // Inside a block: the splice would write it, so the table check refuses it first.
    Pipeline.Rendered brokenInside = new Pipeline.Rendered(r.spec(), r.analysis(),
        r.markdown().replace(row, row + " 9 |"), r.figures());
    DossierException e = assertThrows(DossierException.class,
        () -> Refresher.splice(file, DOSSIER, text + PROSE_OUTSIDE, old, brokenInside));
    assertTrue(e.getMessage().startsWith("results.md.ftl: rendered line "), e.getMessage());
    assertTrue(e.getMessage().contains("cells where its table header has"), e.getMessage());
  }

  @Test
  void aBrokenDossierIsReportedBeforeAnythingItsRenderingSays() throws IOException {
    // check reads a current dossier without parsing it; one that differs is parsed before what its
    // rendering printed is shown, so a broken file gets its error alone, as it did, and the note
    // about the snapshot goes to the next dossier that reads it.
    String original = read(DOSSIER);
    String end = endMarker(original, "paired");
    int line = lineOf(original, end);
    write(DOSSIER, original.replace(end, "<!-- dossier:ned paired -->"));
    String copy = "dossiers/z-copy.md";
    write(copy, original);
    Run r = dossier("check", DOSSIER, copy);
    assertEquals(3, r.exit(), r.err());
    assertEquals("dossier: " + DOSSIER + ":" + line + ": mangled marker <!-- dossier:ned paired -->; expected "
        + "<!-- dossier:begin NAME --> or <!-- dossier:end NAME sha1:CHECKSUM --> (no checksum in a dossier written before"
        + " checksums): put the marker back as it was (git diff, or git log -p, shows it); the file is left as it was\n"
        + "dossier: no database configured (--db, DOSSIER_DB_URL, PGHOST); reading the snapshot " + SNAPSHOT + "\n",
        r.err());
    assertEquals("current " + copy + "\n", r.out());
  }

  @Test
  void aMarkerQuotedInCodeIsText() throws IOException {
    String original = read(DOSSIER);
    String quoted = original + "\nThe markers look like `<!-- dossier:end paired -->`.\n\n```\n<!-- dossier:begin x -->\n```\n";
    write(DOSSIER, quoted);
    assertEquals(0, dossier("check").exit());
  }

  private static final String TLDR_WORDS = "stays as the production champion.";
  private static final String TLDR_EDITED = "stays as the production champion (agreed with the desk on 30 April).";

  @Test
  void anEditInsideABlockIsNeverLost() throws IOException {
    // Before: refresh, generate and the hook put the block's text back without a word, and the hook
    // said the numbers were stale. Each block's end marker now carries the checksum of its content.
    String edited = read(DOSSIER).replace(TLDR_WORDS, TLDR_EDITED);
    write(DOSSIER, edited);
    int line = lineOf(edited, "<!-- dossier:begin tldr -->");
    String refused = DOSSIER + ": you edited block `tldr` at line " + line + ": move your words outside the markers, "
        + "or %s to discard them; the file is left as it was";

    Run r = dossier("refresh", DOSSIER);
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("dossier: " + String.format(refused, "`--force`") + "\n"), r.err());
    assertEquals(edited, read(DOSSIER));
    changeARow(); // stale numbers too: still refused
    Run stale = dossier("refresh", DOSSIER);
    assertEquals(1, stale.exit(), stale.err());
    assertTrue(stale.err().contains("dossier: " + String.format(refused, "`--force`") + "\n"), stale.err());
    assertEquals(edited, read(DOSSIER));

    Run g = dossier("generate", "track6");
    assertEquals(1, g.exit(), g.err());
    assertTrue(g.err().contains("dossier: " + String.format(refused, "`--force`") + "\n"), g.err());
    assertEquals(edited, read(DOSSIER));

    Run c = dossier("check", DOSSIER);
    assertEquals(3, c.exit(), "an edit inside a block is no stale number: it could not be checked");
    assertTrue(c.err().contains("dossier: " + String.format(refused, "`dossier refresh --force " + DOSSIER + "`")
        + "\n"), c.err());
    assertEquals(edited, read(DOSSIER));

    assertEquals(0, dossier("hook", "install").exit());
    git("add", DOSSIER, SNAPSHOT);
    GitRepo.Result blocked = commit("an edit inside a block");
    assertEquals(1, blocked.exit(), blocked.output());
    assertTrue(blocked.output().contains("dossier: " + String.format(refused, "`dossier refresh --force " + DOSSIER
        + "`") + "\n"), blocked.output());
    assertEquals(edited, read(DOSSIER));

    Run forced = dossier("refresh", "--force", DOSSIER);
    assertEquals(0, forced.exit(), forced.err());
    assertFalse(read(DOSSIER).contains(TLDR_EDITED), "--force discards the edit");
    assertEquals(0, dossier("check", DOSSIER).exit());
  }

  @Test
  void aDossierWithoutChecksumsRefreshesOnceAndGetsThem() throws IOException {
    String signed = read(DOSSIER);
    String unsigned = signed.replaceAll(" sha1:[0-9a-f]{12} -->", " -->");
    assertNotEquals(signed, unsigned, "the committed dossier carries checksums");
    write(DOSSIER, unsigned);
    assertEquals(0, dossier("check", DOSSIER).exit(), "checksums alone are no number");
    Run r = dossier("refresh", DOSSIER);
    assertEquals(0, r.exit(), r.err());
    assertEquals("checksummed " + DOSSIER + " (numbers current; its blocks now carry checksums)\n", r.out());
    assertEquals(signed, read(DOSSIER));
    // Without a checksum, an edit inside a block cannot be told from stale numbers: refreshed, once.
    write(DOSSIER, unsigned.replace(TLDR_WORDS, TLDR_EDITED));
    assertEquals(0, dossier("refresh", DOSSIER).exit());
    assertEquals(signed, read(DOSSIER));
  }

  @Test
  void generateRefusesToOverwriteProseButRefreshKeepsIt() throws IOException {
    write(DOSSIER, read(DOSSIER) + PROSE_OUTSIDE);
    Run g = dossier("generate", "track6");
    assertEquals(1, g.exit());
    assertTrue(g.err().contains(DOSSIER + " has text written by people outside its generated blocks; "
        + "`dossier refresh " + DOSSIER + "` updates its numbers"), g.err());
    assertTrue(read(DOSSIER).endsWith(PROSE_OUTSIDE));
    assertEquals(0, dossier("generate", "track6", "--force").exit());
    assertFalse(read(DOSSIER).endsWith(PROSE_OUTSIDE));
  }

  @Test
  void hookBlocksAStaleCommitAndLetsTheRestagedOneThrough() throws IOException {
    Run install = dossier("hook", "install");
    assertEquals(0, install.exit(), install.err());
    changeARow();
    git("add", SNAPSHOT);
    // Partially staged: one prose edit staged, another left in the working tree.
    write(DOSSIER, read(DOSSIER).replace("Our reading, not a tested claim:", "Our reading, staged:"));
    git("add", DOSSIER);
    write(DOSSIER, read(DOSSIER) + "\nAn unstaged line.\n");

    GitRepo.Result blocked = commit("new rows");
    assertEquals(1, blocked.exit(), blocked.output());
    assertTrue(blocked.output().contains("the numbers of dossiers were stale for what is staged and have been refreshed"
        + " in the working tree; review these files, stage them (git add), and commit again:"), blocked.output());
    assertTrue(blocked.output().contains("  " + DOSSIER + "\n"), blocked.output());
    assertTrue(blocked.output().contains("  dossiers/img/track6-forest.svg\n"), blocked.output());
    String working = read(DOSSIER);
    assertTrue(working.contains("| `aggressive_focus` | -0.0721 |"), "working tree refreshed");
    assertTrue(working.contains("Our reading, staged:"), "the staged edit kept");
    assertTrue(working.endsWith("\nAn unstaged line.\n"), "the unstaged edit kept");

    git("add", DOSSIER, "dossiers/img");
    GitRepo.Result passed = commit("new rows, numbers refreshed");
    assertEquals(0, passed.exit(), passed.output());
  }

  @Test
  void hookRefreshesSeveralStagedDossiersInOrder() throws IOException {
    // Several staged dossiers are computed at once; they are refreshed, and listed, in order. The
    // copy shares the figures of the Track 6 dossier, which its refresh already rewrote.
    String copy = "dossiers/a-copy.md";
    String track5 = "dossiers/2026-04-29-track5-label-smoothing-results.md";
    write(copy, read(DOSSIER));
    git("add", copy);
    git("commit", "-q", "-m", "a copy");
    changeARow();
    write(DOSSIER, read(DOSSIER) + PROSE_OUTSIDE);
    write(copy, read(copy) + PROSE_OUTSIDE);
    write(track5, read(track5) + PROSE_OUTSIDE);
    git("add", SNAPSHOT, DOSSIER, copy, track5);
    Run r = dossier("hook", "run");
    assertEquals(1, r.exit(), r.err());
    assertEquals("dossier: no database configured (--db, DOSSIER_DB_URL, PGHOST); reading the snapshot "
        + "dossiers/data/track5-label-smoothing.csv\n"
        + "dossier: no database configured (--db, DOSSIER_DB_URL, PGHOST); reading the snapshot " + SNAPSHOT + "\n"
        + "dossier: the numbers of dossiers were stale for what is staged and have been refreshed in the working tree;"
        + " review these files, stage them (git add), and commit again:\n"
        + "  " + DOSSIER + "\n  dossiers/img/track6-forest.svg\n  dossiers/img/track6-crypto.svg\n  " + copy + "\n",
        r.err());
    assertEquals(read(DOSSIER), read(copy), "both refreshed alike");
    assertTrue(read(copy).contains("| `aggressive_focus` | -0.0721 |"));
  }

  @Test
  void hookLetsACommitWithoutDossiersThroughAndFallsBackToTheSnapshot() throws IOException {
    assertEquals(0, dossier("hook", "install").exit());
    write("notes.txt", "not a dossier\n");
    git("add", "notes.txt");
    assertEquals(0, commit("notes").exit());

    // An unreachable database does not block: the hook says so and uses the snapshot.
    write(DOSSIER, read(DOSSIER) + PROSE_OUTSIDE);
    git("add", DOSSIER);
    Run r = Run.of(Map.of("PGHOST", "127.0.0.1", "PGPORT", "1", "PGDATABASE", "x"), home, "-C", repo.toString(),
        "hook", "run");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("cannot connect to PostgreSQL at postgresql://127.0.0.1:1/x"), r.err());
    assertTrue(r.err().contains("the hook uses the committed snapshots instead"), r.err());
  }

  @Test
  void installRefusesAForeignHookWithoutForce() throws IOException {
    Path hook = repo.resolve(".git/hooks/pre-commit");
    Files.writeString(hook, "#!/bin/sh\necho theirs\n");
    Run r = dossier("hook", "install");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("exists and is not dossier's"), r.err());
    assertEquals("#!/bin/sh\necho theirs\n", Files.readString(hook));
    assertEquals(0, dossier("hook", "install", "--force").exit());
    assertEquals("#!/bin/sh\necho theirs\n", Files.readString(repo.resolve(".git/hooks/pre-commit.before-dossier")));
    assertTrue(Files.readString(hook).contains(HookCommand.SIGNATURE));
    assertEquals(0, dossier("hook", "install").exit(), "reinstalling over our own hook needs no --force");
  }

  @Test
  void refreshFailOnChangeIsForThePreCommitFramework() throws IOException {
    changeARow();
    assertEquals(1, dossier("refresh", "--fail-on-change", DOSSIER).exit());
    assertEquals(0, dossier("refresh", "--fail-on-change", DOSSIER).exit(), "nothing left to change");
  }

  @Test
  void newScaffoldsASpecAndADossierFromTheData() throws IOException {
    Run r = dossier("new", "track7", "--factor", "focal_loss", "--run", "ftf_20260429_121011_282ec7_ATR0.5_1.5_H4",
        "--data", repo.resolve(SNAPSHOT).toString(), "--date", "2026-05-01", "--title", "Focal loss again");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("variants (5): aggressive_focus, class_balanced, mild_focus, none, standard — baseline none"),
        r.out());
    assertTrue(r.out().contains("cryptos (5): AAVEUSDC, ARBUSDC, LDOUSDC, OPUSDC, UNIUSDC ; folds: 5"), r.out());
    assertTrue(Files.exists(repo.resolve("dossiers/track7.yaml")));
    assertTrue(read("dossiers/2026-05-01-track7-focal-loss-again-results.md").contains("| `mild_focus` | -0.0697 |"));
    assertEquals(2, dossier("new", "track7", "--factor", "focal_loss", "--run", "x", "--data",
        repo.resolve(SNAPSHOT).toString()).exit(), "an existing spec is never overwritten");
    Run missing = dossier("new", "track8", "--factor", "nope", "--run", "x", "--data", repo.resolve(SNAPSHOT).toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("no rows for factor 'nope' in run 'x'"), missing.err());
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static String outside(String text) {
    return dossier.render.Blocks.parse(text, "x").outside();
  }

  /** The end marker of block {@code name} as the file has it, with its checksum. */
  static String endMarker(String text, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<!-- dossier:end " + name + " sha1:[0-9a-f]{12} -->")
        .matcher(text);
    assertTrue(m.find(), "the end marker of " + name);
    return m.group();
  }

  private static int lineOf(String text, String needle) {
    return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count() + 1;
  }


  private GitRepo.Result commit(String message) {
    return gitResult("commit", "-q", "-m", message);
  }

  private void git(String... args) {
    GitRepo.Result r = gitResult(args);
    assertEquals(0, r.exit(), "git " + String.join(" ", args) + ": " + r.output());
  }

  private GitRepo.Result gitResult(String... args) {
    return GitRepo.run(repo, home, Map.of(), args);
  }
}
