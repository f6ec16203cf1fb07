package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dossier.spec.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens to files when things go wrong: concurrent runs, a full disk, a folder that
 * cannot be written. A dossier is complete or untouched, and no temporary file is left behind.
 */
class FileSafetyTest {
  @TempDir Path tmp;
  @TempDir Path home;

  @Test
  void concurrentGenerateRunsLeaveOneCompleteFileAndNoTemporaryFiles() throws Exception {
    Path project = Projects.copy(tmp.resolve("p"));
    Path dossier = new SpecLoader(project).load("track6").output();
    String expected = Files.readString(dossier);
    Files.delete(dossier);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 5; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Run>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          runs.add(pool.submit(() -> {
            start.await();
            return Run.offline(home, "-C", project.toString(), "generate", "track6", "--snapshot");
          }));
        }
        start.countDown();
        for (Future<Run> f : runs) {
          Run r = f.get();
          assertEquals(0, r.exit(), r.err());
        }
        assertEquals(expected, Files.readString(dossier), "one complete dossier");
        assertEquals(List.of(), temporaryFiles(project));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFullDiskGivesAnErrorAndKeepsTheOldDossier() throws Exception {
    Path mount = tmp.resolve("tiny");
    Files.createDirectories(mount);
    // A real full disk: a small tmpfs (needs root, as on this project's machines and CI).
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mount.toString()) == 0,
        "cannot mount a tmpfs here");
    try {
      Path project = Projects.copy(mount.resolve("p"));
      Path dossier = new SpecLoader(project).load("track6").output();
      String old = Files.readString(dossier).replace("focal regresses f1_buy", "an older text");
      Files.writeString(dossier, old);
      // Fill the disk, leaving less than a dossier's worth.
      Path filler = mount.resolve("filler");
      try (var out = Files.newOutputStream(filler)) {
        byte[] block = new byte[4096];
        while (true) {
          out.write(block);
          out.flush();
        }
      } catch (IOException full) {
        // the disk is full now
      }
      Run r = Run.offline(home, "-C", project.toString(), "generate", "track6", "--snapshot", "--force");
      assertEquals(1, r.exit(), r.out());
      assertTrue(r.err().startsWith("dossier: cannot write "), r.err());
      assertTrue(r.err().contains("No space left on device"), r.err());
      assertTrue(r.err().contains("the previous file, if any, is unchanged"), r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertEquals(old, Files.readString(dossier), "the old dossier is kept whole");
      assertEquals(List.of(), temporaryFiles(project));
    } finally {
      run("umount", mount.toString());
    }
  }

  @Test
  void anUnwritableTargetGivesAnErrorAndWritesNothing() throws IOException {
    Path project = Projects.copy(tmp.resolve("p"));
    Path blocker = project.resolve("out");
    Files.writeString(blocker, "a file where a folder should be");
    Run r = Run.offline(home, "-C", project.toString(), "generate", "track6", "--snapshot", "--out",
        blocker.resolve("t6.md").toString());
    assertEquals(1, r.exit());
    assertEquals("dossier: cannot write " + blocker.resolve("img/track6-forest.svg") + ": Not a directory ("
        + blocker.resolve("img") + "); the previous file, if any, is unchanged\n", r.err());
    assertEquals("a file where a folder should be", Files.readString(blocker));
    assertEquals(List.of(), temporaryFiles(project));
  }

  @Test
  void aDossierThatIsNotUtf8IsLeftAsItWasUnlessForced() throws IOException {
    Path project = Projects.copy(tmp.resolve("p"));
    Path dossier = new SpecLoader(project).load("track6").output();
    String expected = Files.readString(dossier);
    byte[] latin1 = "<!-- dossier:spec track6 -->\nR\u00e9sultats\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(dossier, latin1);
    Run refused = Run.offline(home, "-C", project.toString(), "generate", "track6", "--snapshot");
    assertEquals(1, refused.exit(), refused.out());
    assertEquals("dossier: dossiers/2026-04-29-track6-focal-loss-results.md: not UTF-8 text; the file is left as it was\n",
        refused.err());
    assertEquals(java.util.Arrays.toString(latin1), java.util.Arrays.toString(Files.readAllBytes(dossier)));
    Run forced = Run.offline(home, "-C", project.toString(), "generate", "track6", "--snapshot", "--force");
    assertEquals(0, forced.exit(), forced.err());
    assertEquals(expected, Files.readString(dossier));
  }

  private static List<Path> temporaryFiles(Path project) throws IOException {
    try (Stream<Path> files = Files.walk(project)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}
