package dossier.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dossier.DossierException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
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
}
