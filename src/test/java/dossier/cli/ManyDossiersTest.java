package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} over many dossiers computes them several at a time, {@code refresh} one after
 * another: what they print, in what order, their exit code and the files they leave must be what running the command on
 * each dossier in turn gives (in one process the snapshot note is given once, by the first dossier
 * that reads the snapshot). The dossiers mix current, stale, CRLF, broken-marker and broken-spec
 * files, and copies that share their figures, so a refresh of one changes what the next one finds.
 */
class ManyDossiersTest {
  private static final String TRACK6 = "dossiers/2026-04-29-track6-focal-loss-results.md";
  private static final String TRACK5 = "dossiers/2026-04-29-track5-label-smoothing-results.md";
  private static final String SNAPSHOT = "dossiers/data/track6-focal-loss.csv";
  private static final String NOTE = "dossier: no database configured (--db, DOSSIER_DB_URL, PGHOST); reading the "
      + "snapshot ";

  @TempDir Path tmp;
  @TempDir Path home;

  /** The repository's dossiers plus copies of them, some edited; returns the dossiers, sorted. */
  private static List<String> project(Path project, boolean newRows) throws IOException {
    Projects.copy(project);
    String six = read(project, TRACK6);
    String five = read(project, TRACK5);
    write(project, "dossiers/a-copy.md", six);
    // Stale: a number changed in a dossier written before checksums (with one, that is a person's edit).
    write(project, "dossiers/b-stale-by-hand.md", six.replaceAll(" sha1:[0-9a-f]{12} -->", " -->")
        .replaceFirst("\\| 0\\.[0-9]{4} \\|", "| 0.9999 |"));
    write(project, "dossiers/c-broken-spec.md", six.replaceFirst("<!-- dossier:spec track6", "<!-- dossier:spec broken"));
    write(project, "dossiers/broken.yaml", "track: [unclosed\n");
    write(project, "dossiers/d-crlf.md", five.replace("\n", "\r\n"));
    write(project, "dossiers/e-mangled.md", six.replace(RefreshTest.endMarker(six, "paired"), "<!-- dossier:ned paired -->"));
    write(project, "dossiers/f-no-spec.md", six.replaceFirst("<!-- dossier:spec track6", "<!-- dossier:spec nosuch"));
    write(project, "dossiers/g-copy.md", five);
    write(project, "dossiers/h-copy.md", six);
    if (newRows) {
      // A retry landed: every Track 6 dossier and its figures are stale; the copies share the figures.
      List<String> lines = Files.readAllLines(project.resolve(SNAPSHOT));
      lines.set(4, lines.get(4).replaceFirst(",completed,0\\.[0-9]+,", ",completed,0.5,"));
      Files.write(project.resolve(SNAPSHOT), lines);
    }
    return List.of(TRACK5, TRACK6, "dossiers/a-copy.md", "dossiers/b-stale-by-hand.md", "dossiers/c-broken-spec.md",
        "dossiers/d-crlf.md", "dossiers/e-mangled.md", "dossiers/f-no-spec.md", "dossiers/g-copy.md",
        "dossiers/h-copy.md");
  }

  private Run dossier(Path project, List<String> args) {
    List<String> all = new ArrayList<>(List.of("-C", project.toString()));
    all.addAll(args);
    return Run.offline(home, all.toArray(String[]::new));
  }

  /**
   * The command run on each file in turn, in its own process as it were: outputs concatenated, the
   * snapshot note kept only the first time (one process gives it once), the highest exit code (a
   * failure's code is at least the 1 of a stale dossier, and the many-file run exits with it).
   */
  private Run oneByOne(Path project, String command, List<String> files) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Set<String> notes = new HashSet<>();
    int exit = 0;
    for (String file : files) {
      Run r = dossier(project, List.of(command, file));
      out.append(r.out());
      r.err().lines().filter(l -> !l.startsWith(NOTE) || notes.add(l)).forEach(l -> err.append(l).append('\n'));
      exit = Math.max(exit, r.exit());
    }
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void checkPrintsWhatCheckingEachDossierInTurnPrints() throws IOException {
    Path project = tmp.resolve("p");
    List<String> files = project(project, false);
    Run all = dossier(project, List.of("check"));
    assertEquals(oneByOne(project, "check", files), all);
    // Not vacuous: every kind of outcome is there, and the two notes come from the first two dossiers.
    assertEquals(3, all.exit(), all.err()); // some could not be checked
    assertTrue(all.out().contains("current dossiers/a-copy.md\n") && all.out().contains("stale dossiers/b-stale"),
        all.out());
    List<String> err = all.err().lines().toList();
    assertEquals(5, err.size(), all.err());
    assertEquals(NOTE + "dossiers/data/track5-label-smoothing.csv", err.get(0));
    assertEquals(NOTE + SNAPSHOT, err.get(1));
    assertTrue(err.get(2).startsWith("dossier: dossiers/broken.yaml:"), err.get(2));
    assertTrue(err.get(3).startsWith("dossier: dossiers/e-mangled.md:"), err.get(3));
  }

  @Test
  void checkOfNamedFilesKeepsTheirOrder() throws IOException {
    Path project = tmp.resolve("p");
    List<String> files = new ArrayList<>(project(project, true));
    java.util.Collections.reverse(files);
    List<String> args = new ArrayList<>(List.of("check"));
    args.addAll(files);
    Run all = dossier(project, args);
    assertEquals(oneByOne(project, "check", files), all);
    assertEquals(3, all.exit());
  }

  @Test
  void refreshWritesWhatRefreshingEachDossierInTurnWrites() throws IOException {
    Path many = tmp.resolve("many");
    Path single = tmp.resolve("single");
    List<String> files = new ArrayList<>(project(many, true));
    project(single, true);
    // The same dossier twice: the second time it is up to date.
    files.add(2, TRACK6);
    List<String> args = new ArrayList<>(List.of("refresh"));
    args.addAll(files);

    Run all = dossier(many, args);
    Run reference = oneByOne(single, "refresh", files);
    assertEquals(reference, all);
    assertEquals(tree(single), tree(many), "the same files written, the same bytes");
    // Not vacuous: the first Track 6 dossier rewrote the shared figures, the copies after it did not.
    assertTrue(all.out().contains("refreshed " + TRACK6 + " (tldr, means, paired, provenance, img/track6-forest.svg,"
        + " img/track6-crypto.svg)\nup to date " + TRACK6 + "\nrefreshed dossiers/a-copy.md (tldr, means, paired,"
        + " provenance)\n"), all.out());
    assertEquals(2, all.exit());
  }

  private static String read(Path project, String path) throws IOException {
    return Files.readString(project.resolve(path), StandardCharsets.UTF_8);
  }

  private static void write(Path project, String path, String text) throws IOException {
    Files.writeString(project.resolve(path), text, StandardCharsets.UTF_8);
  }

  private static SortedMap<String, String> tree(Path project) {
    SortedMap<String, String> out = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(project)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        out.put(project.relativize(p).toString(), Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
