package dossier.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dossier.DossierException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  private List<String> leftovers(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
    }
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  @Test
  void writesTheContentAsUtf8() throws IOException {
    Path target = dir.resolve("results.md");
    AtomicFile.write(target, "# Track 6 — γ=0 ✅\n");
    assertEquals("# Track 6 — γ=0 ✅\n", Files.readString(target, StandardCharsets.UTF_8));
    assertEquals(List.of(), leftovers(dir));
  }

  @Test
  void createsMissingFolders() throws IOException {
    Path target = dir.resolve("a/b/results.md");
    AtomicFile.write(target, "x\n");
    assertEquals("x\n", Files.readString(target));
  }

  @Test
  void replacesAnExistingFile() throws IOException {
    Path target = dir.resolve("results.md");
    Files.writeString(target, "old content that is longer than the new one\n");
    AtomicFile.write(target, "new\n");
    assertEquals("new\n", Files.readString(target));
    assertEquals(List.of(), leftovers(dir));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void aNewFileIsNotOwnerOnly() throws IOException {
    // Written like any other file (the umask decides), not with a temporary file's 0600.
    Path plain = Files.writeString(dir.resolve("plain.md"), "x");
    Path target = dir.resolve("results.md");
    AtomicFile.write(target, "x");
    if (posix(target)) {
      assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
    }
  }

  @Test
  void aReplacedFileKeepsItsPermissions() throws IOException {
    Path target = Files.writeString(dir.resolve("results.md"), "old");
    if (posix(target)) {
      Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-r-----");
      Files.setPosixFilePermissions(target, mode);
      AtomicFile.write(target, "new");
      assertEquals(mode, Files.getPosixFilePermissions(target));
    }
  }

  @Test
  void failsNamingThePathWhenTheParentIsAFile() throws IOException {
    // Fails for root too, unlike a read-only folder.
    Path parent = Files.writeString(dir.resolve("not-a-folder"), "keep me\n");
    Path target = parent.resolve("results.md");
    DossierException e = assertThrows(DossierException.class, () -> AtomicFile.write(target, "x"));
    assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
    assertTrue(e.getMessage().endsWith("the previous file, if any, is unchanged"), e.getMessage());
    assertEquals("keep me\n", Files.readString(parent));
    assertEquals(List.of(), leftovers(dir));
  }

  @Test
  void aFailedReplaceLeavesTheExistingTargetUntouched() throws IOException {
    // The rename cannot replace a non-empty folder, for root too; everything in it stays.
    Path target = Files.createDirectories(dir.resolve("results.md"));
    Path inside = Files.writeString(target.resolve("old.md"), "old\n");
    DossierException e = assertThrows(DossierException.class, () -> AtomicFile.write(target, "new\n"));
    assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
    assertTrue(Files.isDirectory(target));
    assertEquals("old\n", Files.readString(inside));
    assertEquals(List.of(), leftovers(dir));
  }

  private static final String KEEP = "; the previous file, if any, is unchanged";

  @Test
  void aTargetThatIsASymbolicLinkIsRefusedAndTheFileItPointsToKept() throws IOException {
    Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "not a dossier\n");
    Path target = Files.createSymbolicLink(dir.resolve("results.md"), elsewhere);
    DossierException e = assertThrows(DossierException.class, () -> AtomicFile.write(target, "new\n"));
    assertEquals("cannot write " + target + ": it is a symbolic link, refused so that nothing it points to is "
        + "changed; remove the link or choose another path" + KEEP, e.getMessage());
    assertTrue(Files.isSymbolicLink(target), "the link is left as it was");
    assertEquals("not a dossier\n", Files.readString(elsewhere));
    assertEquals(List.of(), leftovers(dir));
  }

  @Test
  void aTargetThatIsAFolderIsRefused() throws IOException {
    Path target = Files.createDirectories(dir.resolve("results.md"));
    DossierException e = assertThrows(DossierException.class, () -> AtomicFile.write(target, "new\n"));
    assertEquals("cannot write " + target + ": it is a folder, not a file; remove it or choose another path" + KEEP,
        e.getMessage());
  }

  @Test
  void aTargetThatIsAPipeIsRefusedAndKept() throws Exception {
    Path target = dir.resolve("results.md");
    Process mkfifo = new ProcessBuilder("mkfifo", target.toString()).inheritIO().start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
    DossierException e = assertThrows(DossierException.class, () -> AtomicFile.write(target, "new\n"));
    assertEquals("cannot write " + target + ": it is not a regular file (a pipe, a device or a socket); remove it or "
        + "choose another path" + KEEP, e.getMessage());
    assertTrue(Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS),
        "the pipe is left as it was");
    assertEquals(List.of(), leftovers(dir));
  }

  /**
   * Another user who can write the folder swaps a symbolic link in at the temporary file's name
   * (and now and then at the target) while the tool writes; the file the link points to, private
   * to its owner, must keep its bytes and its mode. A real second thread does the swapping.
   */
  @Test
  void aSymbolicLinkSwappedInWhileWritingNeverChangesTheFileItPointsTo() throws Exception {
    assumeTrue(posix(dir));
    Path vault = Files.createDirectory(dir.resolve("vault"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path secret = Files.writeString(vault.resolve("secret"), "root only\n");
    Set<PosixFilePermission> secretMode = PosixFilePermissions.fromString("rw-------");
    Files.setPosixFilePermissions(secret, secretMode);
    byte[] secretBytes = Files.readAllBytes(secret);
    Path project = Files.createDirectory(dir.resolve("project"));
    Path target = project.resolve("results.md");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger swaps = new AtomicInteger();
    Thread attacker = new Thread(() -> {
      for (long pass = 0; !stop.get(); pass++) {
        try (Stream<Path> entries = Files.list(project)) {
          for (Path p : entries.toList()) {
            String name = p.getFileName().toString();
            boolean temporary = name.startsWith(".results.md.") && name.endsWith(".tmp");
            boolean targetNow = p.equals(target) && pass % 64 == 0;
            if ((temporary || targetNow) && !Files.isSymbolicLink(p)) {
              Files.delete(p);
              Files.createSymbolicLink(p, secret);
              swaps.incrementAndGet();
            }
          }
        } catch (IOException raced) {
          // the writer renamed or removed it first: try again
        }
      }
    }, "attacker");
    attacker.start();
    int written = 0;
    try {
      Instant end = Instant.now().plus(Duration.ofSeconds(8));
      for (int i = 0; i < 3000 && Instant.now().isBefore(end); i++) {
        try {
          AtomicFile.write(target, "dossier " + i + "\n");
          written++;
        } catch (DossierException refused) {
          assertTrue(refused.getMessage().startsWith("cannot write " + target + ": "), refused.getMessage());
          if (Files.isSymbolicLink(target)) {
            Files.delete(target); // as its owner would, after the error; the file it points to stays
          }
        }
        assertEquals(Arrays.toString(secretBytes), Arrays.toString(Files.readAllBytes(secret)), "after write " + i);
        assertEquals(secretMode, Files.getPosixFilePermissions(secret), "after write " + i);
      }
    } finally {
      stop.set(true);
      attacker.join();
    }
    Files.deleteIfExists(target);
    AtomicFile.write(target, "final\n");
    assertTrue(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS));
    assertEquals("final\n", Files.readString(target));
    assertEquals(Arrays.toString(secretBytes), Arrays.toString(Files.readAllBytes(secret)));
    assertEquals(secretMode, Files.getPosixFilePermissions(secret));
    assertTrue(written > 0, "no write got through (" + swaps + " swaps)");
  }

  /** A run killed before its rename leaves its temporary file; the next write of that target removes it. */
  @Test
  void aStaleTemporaryFileOfTheSameTargetIsRemovedAndNothingElse() throws IOException {
    Path target = dir.resolve("track6-forest.svg");
    FileTime beforeThisRun = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
    Path stale = Files.writeString(dir.resolve(".track6-forest.svg.k3x9q2.tmp"), "half a fig");
    Files.setLastModifiedTime(stale, beforeThisRun);
    // Written after this JVM started: maybe another process's write, still running.
    Path fresh = Files.writeString(dir.resolve(".track6-forest.svg.a0b1c2.tmp"), "being written");
    // Same pattern but a link: neither it nor the old file it points to is removed.
    Path pointedAt = Files.writeString(dir.resolve("notes.txt"), "a person's notes\n");
    Files.setLastModifiedTime(pointedAt, beforeThisRun);
    Path link = Files.createSymbolicLink(dir.resolve(".track6-forest.svg.zz9.tmp"), pointedAt);
    Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(beforeThisRun, null, null);
    // Old, but not this target's temporary files.
    List<Path> others = List.of(dir.resolve(".track6-forest.svg.old.tmp.bak"), dir.resolve(".track6-forest.svg.tmp"),
        dir.resolve(".track6-forest.svg.a.b.tmp"), dir.resolve(".track6.svg.k3x9q2.tmp"),
        dir.resolve("track6-forest.svg.k3x9q2.tmp"));
    for (Path other : others) {
      Files.setLastModifiedTime(Files.writeString(other, "keep"), beforeThisRun);
    }

    AtomicFile.write(target, "<svg/>\n");

    assertEquals("<svg/>\n", Files.readString(target));
    assertTrue(Files.notExists(stale, LinkOption.NOFOLLOW_LINKS), "the stale temporary file is removed");
    assertEquals("being written", Files.readString(fresh));
    assertTrue(Files.isSymbolicLink(link), "the link is kept");
    assertEquals("a person's notes\n", Files.readString(pointedAt));
    for (Path other : others) {
      assertEquals("keep", Files.readString(other), other.toString());
    }
  }
}
