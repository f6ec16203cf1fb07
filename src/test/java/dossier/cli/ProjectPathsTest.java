package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is read or written outside the project, whatever symbolic links the repository holds
 * (git stores them), and nothing is written into its .git folder: every path that a spec or the
 * command line names is judged on its real path ({@link dossier.ProjectPaths}). Each refusal
 * writes nothing anywhere.
 */
class ProjectPathsTest {
  private static final String DOSSIER = "dossiers/2026-04-29-track6-focal-loss-results.md";
  private static final String UNREACHABLE = "postgresql://127.0.0.1:1/sweeps";

  @TempDir Path tmp;
  @TempDir Path home;
  Path project;
  Path outside;

  @BeforeEach
  void project() throws IOException {
    project = Projects.copy(tmp.resolve("project"));
    outside = Files.createDirectories(tmp.resolve("somewhere"));
  }

  private Run run(String... args) {
    return Run.offline(home, Stream.concat(Stream.of("-C", project.toString()), Stream.of(args))
        .toArray(String[]::new));
  }

  /** Adds {@code line} to track6's spec as its line 11, after the snapshot. */
  private void specLine(String line) throws IOException {
    Path spec = project.resolve("dossiers/track6.yaml");
    String text = Files.readString(spec);
    Files.writeString(spec, text.replace("snapshot: data/track6-focal-loss.csv\n",
        "snapshot: data/track6-focal-loss.csv\n" + line + "\n"));
  }

  /** Every file and link under the project and the outside folder, with its bytes or its target. */
  private Map<String, String> files() throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Path root : List.of(project, outside)) {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.toList()) {
          if (Files.isSymbolicLink(p)) {
            out.put(p.toString(), "-> " + Files.readSymbolicLink(p));
          } else if (Files.isRegularFile(p)) {
            out.put(p.toString(), Arrays.toString(Files.readAllBytes(p)));
          }
        }
      }
    }
    return out;
  }

  private String inside() throws IOException {
    return "; name a path inside " + project.toRealPath() + "\n";
  }

  private String outsideAt(String name) throws IOException {
    return " is outside the project (its real path is " + outside.toRealPath().resolve(name)
        + ", through a symbolic link or '..')";
  }

  @Test
  void anOutputThroughALinkedFolderIsRefused() throws IOException {
    Files.createSymbolicLink(project.resolve("dossiers/out"), outside);
    specLine("output: out/authorized_keys");
    Map<String, String> before = files();
    Run r = run("generate", "track6", "--snapshot", "--force");
    assertEquals("dossier: dossiers/track6.yaml:11: 'output' (out/authorized_keys)" + outsideAt("authorized_keys")
        + inside(), r.err());
    assertEquals(2, r.exit());
    assertEquals(before, files());
  }

  @Test
  void anOutputIntoDotGitIsRefused() throws Exception {
    assertEquals(0, new ProcessBuilder("git", "init", "-q", project.toString()).inheritIO().start().waitFor());
    specLine("output: ../.git/hooks/post-commit");
    Map<String, String> before = files();
    Run r = run("generate", "track6", "--snapshot");
    assertEquals("dossier: dossiers/track6.yaml:11: 'output' (../.git/hooks/post-commit) is inside the repository's"
        + " .git folder (" + project.toRealPath().resolve(".git/hooks/post-commit") + "); dossier never writes there:"
        + " name a path outside .git\n", r.err());
    assertEquals(2, r.exit());
    assertEquals(before, files());
  }

  @Test
  void aSnapshotThroughALinkedFolderIsRefusedBeforeTheDatabaseIsRead() throws IOException {
    Files.createSymbolicLink(project.resolve("dossiers/out"), outside);
    Files.writeString(outside.resolve("rows.csv"), "secret");
    Path spec = project.resolve("dossiers/track6.yaml");
    Files.writeString(spec, Files.readString(spec).replace("snapshot: data/track6-focal-loss.csv",
        "snapshot: out/rows.csv"));
    Map<String, String> before = files();
    Run r = run("snapshot", "track6", "--db", UNREACHABLE);
    assertEquals("dossier: dossiers/track6.yaml:10: 'snapshot' (out/rows.csv)" + outsideAt("rows.csv") + inside(),
        r.err());
    assertEquals(2, r.exit());
    assertEquals(before, files());
  }

  @Test
  void aDossierThatIsALinkIsNeitherGeneratedNorRefreshedOver() throws IOException {
    Path dossier = project.resolve(DOSSIER);
    Path kept = project.resolve("kept.md");
    Files.move(dossier, kept);
    Files.createSymbolicLink(dossier, kept);
    String refused = "dossier: " + DOSSIER + " is a symbolic link (to " + kept + "); dossier writes only a file of its"
        + " own: replace the link with the file, or name another path\n";
    Map<String, String> before = files();
    Run generate = run("generate", "track6", "--snapshot", "--force");
    assertEquals(refused, generate.err());
    assertEquals(2, generate.exit());
    assertEquals(before, files());

    // Stale numbers (a number changed, the blocks' checksums gone as in a dossier written before
    // them, so that this reads as stale, not as a person's edit): refresh would write, and refuses to.
    Files.writeString(kept,
        Files.readString(kept).replace("-0.0697", "-0.0700").replaceAll(" sha1:[0-9a-f]+ -->", " -->"));
    before = files();
    Run refresh = run("refresh", "--snapshot");
    assertEquals(refused, refresh.err());
    assertEquals(2, refresh.exit());
    assertEquals(before, files());
  }

  @Test
  void figuresInALinkedFolderAreRefusedBeforeAnyIsWritten() throws IOException {
    Path img = project.resolve("dossiers/img");
    try (Stream<Path> svgs = Files.list(img)) {
      for (Path svg : svgs.toList()) {
        Files.delete(svg);
      }
    }
    Files.delete(img);
    Files.createSymbolicLink(img, outside);
    Map<String, String> before = files();
    Run r = run("generate", "track6", "--snapshot", "--force");
    assertEquals("dossier: dossiers/img/track6-forest.svg" + outsideAt("track6-forest.svg") + inside(), r.err());
    assertEquals(2, r.exit());
    assertEquals(before, files());
  }

  @Test
  void anOutThatIsAFifoIsRefusedBeforeTheRowsAreRead() throws Exception {
    Path fifo = project.resolve("fifo.md");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
    Map<String, String> before = files();
    // An unreachable database: were it read first, the error would say so. A read of the FIFO would block.
    Run r = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> run("generate", "track6", "--db", UNREACHABLE, "--out", fifo.toString()));
    assertEquals("dossier: --out fifo.md is not a regular file (a FIFO, a device or a socket); name a file\n",
        r.err());
    assertEquals(2, r.exit());
    Run refresh = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run("refresh", fifo.toString()));
    assertEquals("dossier: fifo.md is not a regular file (a FIFO, a device or a socket); name a file\n",
        refresh.err());
    assertEquals(2, refresh.exit());
    Run preview = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> run("preview", DOSSIER, "--out", fifo.toString()));
    assertEquals("dossier: --out fifo.md is not a regular file (a FIFO, a device or a socket); name a file\n",
        preview.err());
    assertEquals(2, preview.exit());
    assertEquals(before, files());
  }

  @Test
  void anOutThatIsAFolderADeviceOrOutsideTheProjectIsRefused() throws IOException {
    Map<String, String> before = files();
    Run folder = run("generate", "track6", "--db", UNREACHABLE, "--out", project.resolve("dossiers").toString());
    assertEquals("dossier: --out dossiers is a folder; name a file\n", folder.err());
    assertEquals(2, folder.exit());

    Run device = run("generate", "track6", "--db", UNREACHABLE, "--out", "/dev/null");
    assertEquals("dossier: --out /dev/null is not a regular file (a FIFO, a device or a socket); name a file\n",
        device.err());
    assertEquals(2, device.exit());

    Path elsewhere = outside.resolve("t6.md");
    Run away = run("generate", "track6", "--db", UNREACHABLE, "--out", elsewhere.toString());
    assertEquals("dossier: --out " + elsewhere + outsideAt("t6.md") + inside(), away.err());
    assertEquals(2, away.exit());

    Path up = project.resolve("missing/../t6.md");
    Run dotDot = run("generate", "track6", "--db", UNREACHABLE, "--out", up.toString());
    assertEquals("dossier: --out t6.md goes up ('..') out of a folder that does not exist; name the path without"
        + " '..'\n", dotDot.err());
    assertEquals(2, dotDot.exit());
    assertEquals(before, files());
  }

  @Test
  void previewInlinesNoFigureFromOutsideTheProject() throws IOException {
    Path secret = Files.writeString(outside.resolve("id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----");
    Path figure = project.resolve("dossiers/img/track6-forest.svg");
    Files.delete(figure);
    Files.createSymbolicLink(figure, secret);
    Map<String, String> before = files();
    Run r = run("preview", DOSSIER);
    assertEquals("dossier: dossiers/img/track6-forest.svg" + outsideAt("id_rsa") + inside(), r.err());
    assertEquals(2, r.exit());
    assertEquals(before, files());
  }

  @Test
  void newChecksTheFilesItWritesBeforeReadingTheRows() throws IOException {
    Path rows = Files.copy(project.resolve("dossiers/data/track6-focal-loss.csv"), tmp.resolve("rows.csv"));
    Path data = project.resolve("dossiers/data");
    Projects.copyTree(data, tmp.resolve("data-moved"));
    try (Stream<Path> csvs = Files.list(data)) {
      for (Path csv : csvs.toList()) {
        Files.delete(csv);
      }
    }
    Files.delete(data);
    Files.createSymbolicLink(data, outside);
    Map<String, String> before = files();
    Run r = run("new", "track7", "--factor", "focal_loss", "--run", "ftf_20260429_121011_282ec7_ATR0.5_1.5_H4",
        "--data", rows.toString());
    assertEquals("dossier: dossiers/data/track7-focal-loss.csv" + outsideAt("track7-focal-loss.csv") + inside(),
        r.err());
    assertEquals(2, r.exit());
    assertEquals(before, files());
    assertFalse(Files.exists(project.resolve("dossiers/track7.yaml")));
    assertTrue(Files.isSymbolicLink(data));
  }
}
