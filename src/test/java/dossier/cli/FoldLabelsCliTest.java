package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.TestDatabase;
import dossier.source.ResultRow;
import dossier.source.SnapshotReader;
import dossier.source.SnapshotWriter;
import dossier.spec.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fold ids are labels: the Track 6 sweep with its folds numbered from 0, as the team's Python code
 * numbers them, read from the snapshot and from PostgreSQL (whose schema allows fold >= 0), and
 * started as a new track with {@code dossier new}.
 */
class FoldLabelsCliTest {
  private static final String RUN = "ftf_20260429_121011_282ec7_ATR0.5_1.5_H4";
  private static final String SNAPSHOT = "dossiers/data/track6-focal-loss.csv";
  private static final String FOLDS_ROW = "| Folds | 5 per crypto (fold ids 0–4; purged k-fold per ADR-14) |";

  @TempDir Path tmp;
  @TempDir Path home;
  Path project;

  @BeforeEach
  void project() {
    project = Projects.copy(tmp.resolve("project"));
  }

  /** Track 6's rows with every fold passed through {@code relabel}. */
  private static List<ResultRow> track6(IntUnaryOperator relabel) {
    return SnapshotReader.read(Projects.REPO.resolve(SNAPSHOT)).stream()
        .map(r -> new ResultRow(r.runId(), r.factor(), r.variant(), r.crypto(), relabel.applyAsInt(r.fold()),
            r.status(), r.f1Buy(), r.sortino(), r.totalReturn(), r.nTrades(), r.ece(), r.expectancyNet(),
            r.maxDrawdown(), r.createdAt()))
        .toList();
  }

  private String dossier() throws IOException {
    return Files.readString(new SpecLoader(project).load("track6").output(), StandardCharsets.UTF_8);
  }

  @Test
  void foldsFromZeroInTheSnapshot() throws IOException {
    Files.writeString(project.resolve(SNAPSHOT), SnapshotWriter.write(track6(f -> f - 1)), StandardCharsets.UTF_8);

    Run r = Run.offline(home, "-C", project.toString(), "generate", "track6", "--force");

    assertEquals(0, r.exit(), r.err());
    String md = dossier();
    assertTrue(md.contains(FOLDS_ROW), md);
    assertTrue(md.contains("n=25 paired samples per variant"), md);
  }

  @Test
  void foldsFromZeroInPostgreSql() throws IOException {
    try (TestDatabase db = TestDatabase.create()) {
      db.insert(track6(f -> f - 1));

      Run r = Run.of(Map.of(), home, "-C", project.toString(), "generate", "track6", "--force", "--db", db.url());

      assertEquals(0, r.exit(), r.err());
      String md = dossier();
      assertTrue(md.contains(FOLDS_ROW), md);
      assertTrue(md.contains("n=25 paired samples per variant"), md);
    }
  }

  @Test
  void foldsFromOneAreNotNamed() throws IOException {
    Run r = Run.offline(home, "-C", project.toString(), "generate", "track6", "--force");

    assertEquals(0, r.exit(), r.err());
    assertTrue(dossier().contains("| Folds | 5 per crypto (purged k-fold per ADR-14) |"));
  }

  /** Track 6 with a retry of one cell logged by another run with the very same created_at; its first row. */
  private ResultRow tie() throws IOException {
    List<ResultRow> rows = new java.util.ArrayList<>(track6(f -> f));
    ResultRow first = rows.stream().filter(r -> r.variant().equals("mild_focus") && r.crypto().equals("OPUSDC")
        && r.fold() == 2).findFirst().orElseThrow();
    rows.add(new ResultRow(RUN + "_r10", first.factor(), first.variant(), first.crypto(), first.fold(), first.status(),
        first.f1Buy(), first.sortino(), first.totalReturn(), first.nTrades(), first.ece(), first.expectancyNet(),
        first.maxDrawdown(), first.createdAt()));
    Files.writeString(project.resolve(SNAPSHOT), SnapshotWriter.write(rows), StandardCharsets.UTF_8);
    Path spec = project.resolve("dossiers/track6.yaml");
    Files.writeString(spec, Files.readString(spec, StandardCharsets.UTF_8).replace("runs: [" + RUN + "]",
        "runs: [" + RUN + ", " + RUN + "_r10]"), StandardCharsets.UTF_8);
    return first;
  }

  private static String tieWarning(String source, ResultRow first) {
    return "dossier: warning: " + source + ": two completed attempts of mild_focus, OPUSDC fold 2 have the same"
        + " created_at " + first.createdAt() + " (runs " + RUN + "_r10 and " + RUN + "); the one of run " + RUN
        + "_r10 counts (the later run id, its numbers compared as numbers)\n";
  }

  @Test
  void aTieOfCompletedAttemptsIsAWarningNamingBothRows() throws IOException {
    ResultRow first = tie();

    Run r = Run.offline(home, "-C", project.toString(), "generate", "track6", "--force");

    assertEquals(0, r.exit(), r.err());
    assertEquals("dossier: no database configured (--db, DOSSIER_DB_URL, PGHOST); reading the snapshot " + SNAPSHOT
        + "\n" + tieWarning(SNAPSHOT, first), r.err());
    // The dossier says it too, under the per-crypto table, once.
    String md = dossier();
    String line = "⚠ Two completed attempts of `mild_focus`, OPUSDC fold 2 have the same created_at ("
        + first.createdAt() + "): the one of run `" + RUN + "_r10` counts, by the later run id, and the one of run `"
        + RUN + "` is set aside.\n";
    assertEquals(1, md.split(java.util.regex.Pattern.quote(line), -1).length - 1, md);
    assertTrue(md.indexOf(line) > md.indexOf("| Crypto |") && md.indexOf(line) < md.indexOf("## 3."), md);
  }

  @Test
  void statsWarnsOfTheSameTie() throws IOException {
    ResultRow first = tie();

    Run ofTrack = Run.offline(home, "-C", project.toString(), "stats", "track6");
    Run ofData = Run.offline(home, "-C", project.toString(), "stats", "--data",
        project.resolve(SNAPSHOT).toString(), "--baseline", "none");

    assertEquals(0, ofTrack.exit(), ofTrack.err());
    assertEquals("dossier: no database configured (--db, DOSSIER_DB_URL, PGHOST); reading the snapshot " + SNAPSHOT
        + "\n" + tieWarning(SNAPSHOT, first), ofTrack.err());
    assertEquals(0, ofData.exit(), ofData.err());
    assertEquals(tieWarning(project.resolve(SNAPSHOT).toString(), first), ofData.err());
    Run json = Run.offline(home, "-C", project.toString(), "stats", "track6", "--format", "json");
    assertTrue(json.out().replaceAll("\\s+", "").contains("\"ties\":[{\"variant\":\"mild_focus\",\"cell\":\"OPUSDCfold2\","
        + "\"created_at\":\"" + first.createdAt() + "\",\"counted_run\":\"" + RUN + "_r10\",\"set_aside_run\":\"" + RUN
        + "\"}]"), json.out());
  }

  @Test
  void newOnFoldsFromZeroInPostgreSql() throws IOException {
    try (TestDatabase db = TestDatabase.create()) {
      db.insert(track6(f -> f - 1));

      Run r = Run.of(Map.of(), home, "-C", project.toString(), "new", "track7", "--factor", "focal_loss", "--run",
          RUN, "--db", db.url(), "--date", "2026-05-02");

      assertEquals(0, r.exit(), r.err());
      String spec = Files.readString(project.resolve("dossiers/track7.yaml"), StandardCharsets.UTF_8);
      assertTrue(spec.contains("    folds: 5\n"), spec);
      assertEquals(new TreeSet<>(List.of(0, 1, 2, 3, 4)), new TreeSet<>(SnapshotReader.read(
          project.resolve("dossiers/data/track7-focal-loss.csv")).stream().map(ResultRow::fold).toList()));
      String md = Files.readString(project.resolve("dossiers/2026-05-02-track7-focal-loss-results.md"),
          StandardCharsets.UTF_8);
      assertTrue(md.contains("| Folds | 5 per crypto (fold ids 0–4) |"), md);
    }
  }

  @Test
  void newThatFailsWritesNothing() throws IOException {
    // A figure's path is taken by a folder: `new` fails after writing the spec, snapshot and readiness file.
    Path taken = Files.createDirectories(project.resolve("dossiers/img/track7-forest.svg"));
    Files.writeString(taken.resolve("keep.txt"), "someone's", StandardCharsets.UTF_8);
    List<Path> before = files();

    Run r = Run.offline(home, "-C", project.toString(), "new", "track7", "--factor", "focal_loss", "--run", RUN,
        "--data", project.resolve(SNAPSHOT).toString(), "--date", "2026-05-02");

    assertEquals(1, r.exit(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertEquals(before, files(), "every file this run wrote is removed again");
    assertFalse(Files.exists(project.resolve("dossiers/track7.yaml")));

    // Nothing was left behind, so once the way is clear the same command succeeds.
    Files.delete(taken.resolve("keep.txt"));
    Files.delete(taken);
    Run again = Run.offline(home, "-C", project.toString(), "new", "track7", "--factor", "focal_loss", "--run", RUN,
        "--data", project.resolve(SNAPSHOT).toString(), "--date", "2026-05-02");
    assertEquals(0, again.exit(), again.err());
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> paths = Files.walk(project)) {
      return paths.sorted().toList();
    }
  }
}
