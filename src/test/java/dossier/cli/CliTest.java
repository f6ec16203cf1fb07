package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.spec.SpecLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command run in-process as a user would: exit code, standard output, standard error. */
class CliTest {
  @TempDir Path tmp;
  @TempDir Path home;
  Path project;

  @BeforeEach
  void project() {
    project = Projects.copy(tmp.resolve("project"));
  }

  private Run run(String... args) {
    return Run.offline(home, Stream.concat(Stream.of("-C", project.toString()), Stream.of(args))
        .toArray(String[]::new));
  }

  private Path dossier() {
    return new SpecLoader(project).load("track6").output();
  }

  @Test
  void generateWritesTheDossierAndSaysWhereTheRowsCameFrom() throws IOException {
    Files.delete(dossier());
    Run r = run("generate", "track6");
    assertEquals(0, r.exit(), r.err());
    assertEquals("wrote dossiers/2026-04-29-track6-focal-loss-results.md (ABANDON)\n", r.out());
    assertEquals("dossier: no database configured (--db, DOSSIER_DB_URL, PGHOST); reading the snapshot "
        + "dossiers/data/track6-focal-loss.csv\n", r.err());
    assertTrue(Files.readString(dossier()).startsWith("# Track 6 — Focal loss : results dossier (ABANDON)\n"));
  }

  @Test
  void generateOutWritesElsewhereAndSnapshotFlagIsQuiet() throws IOException {
    Path out = tmp.resolve("elsewhere/t6.md");
    Run r = run("generate", "track6", "--snapshot", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    assertEquals(Files.readString(dossier()), Files.readString(out));
  }

  @Test
  void unknownTrackIsAUsageErrorListingTheKnownOnes() {
    Run r = run("generate", "track9");
    assertEquals(2, r.exit());
    assertEquals("dossier: unknown track 'track9' (known: track5, track6); specs live in dossiers/\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void unknownOptionAndMissingArgumentAreUsageErrors() {
    assertEquals(2, run("generate", "track6", "--bogus").exit());
    assertEquals(2, run("generate").exit());
    assertEquals(2, run("frobnicate").exit());
  }

  @Test
  void helpAndVersion() {
    Run help = run("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("generate") && help.out().contains("stats") && help.out().contains("list"));
    assertTrue(help.out().contains("2   usage (bad option, unknown track, invalid spec)"), help.out());
    Run version = run("--version");
    assertEquals(0, version.exit());
    assertTrue(version.out().matches("dossier \\d+\\.\\d+\\.\\d+.*\\n"), version.out());
  }

  @Test
  void statsJsonHasTheFiguresAndGatesOfEveryVariant() {
    Run r = run("stats", "track6", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    String json = r.out();
    for (String key : List.of("\"variant\": \"mild_focus\"", "\"n_pairs\": 25", "\"mean_delta\": -0.0697",
        "\"ci_low\"", "\"ci_high\"", "\"cohens_d\"", "\"p_raw\"", "\"p_bh\"", "\"gates\"", "\"status\": \"FAIL\"",
        "\"status\": \"PASS\"", "\"verdict\": \"ABANDON\"", "\"rng\": \"SplitMix64\"")) {
      assertTrue(json.contains(key), key + " in\n" + json);
    }
    // Four variants, six gates each, in gate order.
    assertEquals(4, json.split("\"n_pairs\"", -1).length - 1);
    assertEquals(24, json.split("\"evidence\"", -1).length - 1);
    assertTrue(json.indexOf("\"gate\": \"f1_lift\"") < json.indexOf("\"gate\": \"readiness\""));
  }

  @Test
  void statsJsonOfTrack5ListsEveryBranchWithItsAnomalies() {
    Run r = run("stats", "track5", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    String json = r.out();
    // Three branches: label_smoothing, the first cleanlab attempt (sweep state only), the re-run.
    assertEquals(3, json.split("\"factor\": ", -1).length - 1);
    assertTrue(json.contains("\"factor\": \"label_smoothing\",\n      \"analysed\": true"), json);
    assertTrue(json.contains("\"factor\": \"cleanlab\",\n      \"analysed\": false"), json);
    assertTrue(json.contains("\"summary\": \"ece reads exactly 0 on every row of mild\""), json);
    assertTrue(json.contains("\"summary\": \"ece reads exactly 0 on every row of aggressive\""), json);
    assertTrue(json.contains("\"summary\": \"1 cell(s) of off have no completed attempt (UNIUSDC fold 3)\""), json);
    assertTrue(json.contains("\"reason\": \"off (baseline) attempt failed (training_failed)\""), json);
    assertTrue(json.contains("\"gate\": \"ece\",\n              \"status\": \"WARN\""), json);
    assertEquals(2, json.split("\"n_pairs\": 24", -1).length - 1, "both cleanlab variants: 24 pairs");
  }

  @Test
  void statsWithoutASpecOnAnySweep() {
    Path csv = project.resolve("dossiers/data/track6-focal-loss.csv");
    Run r = run("stats", "--data", csv.toString(), "--baseline", "none", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\"factor\": \"focal_loss\""));
    assertTrue(r.out().contains("\"n_pairs\": 25"));
    Run text = run("stats", "--data", csv.toString(), "--baseline", "none", "--metric", "sortino");
    assertEquals(0, text.exit(), text.err());
    assertTrue(text.out().contains("metric sortino"), text.out());
  }

  @Test
  void statsUsageErrors() {
    Path csv = project.resolve("dossiers/data/track6-focal-loss.csv");
    assertEquals(2, run("stats").exit());
    Run metric = run("stats", "--data", csv.toString(), "--baseline", "none", "--metric", "accuracy");
    assertEquals(2, metric.exit());
    assertTrue(metric.err().contains("unknown metric 'accuracy' (known: f1_buy, sortino"), metric.err());
    Run baseline = run("stats", "--data", csv.toString(), "--baseline", "nothing");
    assertEquals(2, baseline.exit());
    assertTrue(baseline.err().contains("baseline 'nothing' has no rows (variants: aggressive_focus, class_balanced,"),
        baseline.err());
    assertEquals(2, run("stats", "--format", "xml", "track6").exit());
  }

  @Test
  void listShowsEveryTrackWithItsVerdict() {
    Run r = run("list");
    assertEquals(0, r.exit(), r.err());
    assertEquals("track5     ABANDON  Track 5 — Label smoothing (dossiers/data/track5-label-smoothing.csv)\n"
        + "track6     ABANDON  Track 6 — Focal loss (dossiers/data/track6-focal-loss.csv)\n", r.out());
  }

  @Test
  void badSnapshotNamesFileLineAndColumnAndKeepsTheOldDossier() throws IOException {
    Path csv = project.resolve("dossiers/data/track6-focal-loss.csv");
    List<String> lines = Files.readAllLines(csv);
    lines.set(3, lines.get(3).replaceFirst(",completed,0\\.[0-9]+,", ",completed,abc,"));
    Files.write(csv, lines);
    byte[] before = Files.readAllBytes(dossier());
    Run r = run("generate", "track6");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("dossiers/data/track6-focal-loss.csv:4: column f1_buy: 'abc' is not a number"),
        r.err());
    assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(dossier()));
    assertNoTemporaryFiles();
  }

  @Test
  void variantMissingFromTheDataNamesTheSpecLine() throws IOException {
    Path spec = project.resolve("dossiers/track6.yaml");
    Files.writeString(spec, Files.readString(spec).replace("- name: standard", "- name: standart"));
    Run r = run("generate", "track6");
    assertEquals(1, r.exit());
    int line = Files.readAllLines(spec).indexOf("      - name: standart") + 1;
    assertEquals("dossier: dossiers/track6.yaml:" + line + ": variant 'standart' has no rows for factor "
        + "'focal_loss' in dossiers/data/track6-focal-loss.csv (found: aggressive_focus, class_balanced, "
        + "mild_focus, none, standard)\n", r.err().lines().skip(1).findFirst().orElse("") + "\n");
  }

  @Test
  void specErrorIsAUsageErrorWithFileAndLine() throws IOException {
    Path spec = project.resolve("dossiers/track6.yaml");
    Files.writeString(spec, Files.readString(spec).replace("layout: results", "layout: poster"));
    Run r = run("generate", "track6");
    assertEquals(2, r.exit());
    int line = Files.readAllLines(spec).indexOf("layout: poster") + 1;
    assertEquals("dossier: dossiers/track6.yaml:" + line + ": unknown layout 'poster' (known: results, gate-decision)\n",
        r.err());
  }

  @Test
  void unreachableDatabaseNamesHostAndPortNeverThePasswordAndWritesNothing() throws IOException {
    int port = closedPort();
    byte[] before = Files.readAllBytes(dossier());
    Run r = Run.of(Map.of("PGPASSWORD", "s3cret-pw"), home, "-C", project.toString(), "generate", "track6",
        "--db", "postgresql://alice:hunter2@127.0.0.1:" + port + "/sweeps");
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("dossier: cannot connect to PostgreSQL at postgresql://127.0.0.1:" + port
        + "/sweeps"), r.err());
    assertFalse(r.err().contains("hunter2") || r.out().contains("hunter2"));
    assertFalse(r.err().contains("s3cret-pw"));
    assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(dossier()));
    assertNoTemporaryFiles();
  }

  @Test
  void pgHostInTheEnvironmentMeansTheDatabaseIsUsed() throws IOException {
    int port = closedPort();
    Run r = Run.of(Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(port), "PGDATABASE", "sweeps"), home,
        "-C", project.toString(), "generate", "track6");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("postgresql://127.0.0.1:" + port + "/sweeps"), r.err());
  }

  /** A local port that was free a moment ago and is closed again: nothing listens there. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void assertNoTemporaryFiles() throws IOException {
    try (Stream<Path> files = Files.walk(project)) {
      assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
    }
  }
}
