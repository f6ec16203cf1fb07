package dossier.render;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import dossier.DossierException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes a file whole or not at all: the bytes go to a temporary file {@code .NAME.RAND.tmp} in
 * the same folder, are forced to disk, and the temporary file is renamed over the target. A reader
 * sees the old file or the new one, never half of one; on any failure the old file is untouched
 * and the temporary file removed. A run killed before its rename leaves its temporary file; the
 * next write of the same target removes it.
 *
 * <p>Others may be able to write the folder (a shared checkout), so nothing here follows a symbolic
 * link: the temporary file is created new and written through the one descriptor that created it,
 * and a target that is a link, a folder or a device is refused rather than replaced.
 */
public final class AtomicFile {
  private AtomicFile() {}

  private static final String KEPT = "; the previous file, if any, is unchanged";
  private static final String SWAPPED = "its temporary file was replaced by another while being written (someone "
      + "else can write this folder); make the folder writable by you alone and run again";

  /**
   * When this JVM started, as the system reports it (on Linux rounded down, to within a second). A
   * temporary file last changed before then is taken as left by a killed run (a write renames its
   * temporary file moments after creating it); one changed since may be another process's write
   * still under way, and is kept.
   */
  private static final Optional<Instant> STARTED = ProcessHandle.current().info().startInstant();

  /** "No space left on device", "Not a directory (/x/out)": the reason, without Java's class names. */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason() + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
    }
    if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.AccessDeniedException) {
      return e.getClass().getSimpleName().replace("Exception", "") + " " + e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  public static void write(Path target, String content) {
    write(target, content, null);
  }

  /**
   * The same, the file created with {@code permissions} (less the umask, as for any new file)
   * rather than the replaced file's mode: an executable script, say, without a chmod by path after.
   */
  public static void write(Path target, String content, Set<PosixFilePermission> permissions) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      FileAttribute<?>[] mode = modeToKeep(target);
      if (permissions != null && target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        mode = new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
      }
      removeStaleTemporaries(dir, target.getFileName().toString());
      tmp = dir.resolve("." + target.getFileName() + "."
          + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, Set.of(CREATE_NEW, WRITE, NOFOLLOW_LINKS), mode)) {
        ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      // Someone who can write the folder may have put a link at the temporary name meanwhile;
      // renaming it would make the target that link.
      if (!Files.isRegularFile(tmp, NOFOLLOW_LINKS)) {
        throw new DossierException("cannot write " + target + ": " + SWAPPED + KEPT);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      if (Files.isSymbolicLink(target)) { // swapped in between the check and the rename
        Files.delete(target); // the link only, never what it points to
        throw new DossierException("cannot write " + target + ": " + SWAPPED + "; the link was removed and the "
            + "file it points to is unchanged");
      }
    } catch (IOException e) {
      throw new DossierException("cannot write " + target + ": " + reason(e) + KEPT, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp); // a link here is removed, never followed
        } catch (IOException ignored) {
          // best effort: the write already failed and says so
        }
      }
    }
  }

  /**
   * The mode for the temporary file, given when it is created (Java cannot change a mode through a
   * descriptor, and changing it by path could follow a link swapped in): the replaced file's mode,
   * or none for a new file, which the umask then decides as for any file. The umask applies to the
   * replaced file's mode too.
   */
  private static FileAttribute<?>[] modeToKeep(Path target) throws IOException {
    BasicFileAttributes now;
    try {
      now = target.getFileSystem().supportedFileAttributeViews().contains("posix")
          ? Files.readAttributes(target, PosixFileAttributes.class, NOFOLLOW_LINKS)
          : Files.readAttributes(target, BasicFileAttributes.class, NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return new FileAttribute<?>[0];
    }
    if (now.isSymbolicLink()) {
      throw refused(target, "it is a symbolic link, refused so that nothing it points to is changed; remove the link");
    } else if (now.isDirectory()) {
      throw refused(target, "it is a folder, not a file; remove it");
    } else if (!now.isRegularFile()) {
      throw refused(target, "it is not a regular file (a pipe, a device or a socket); remove it");
    }
    return now instanceof PosixFileAttributes posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(posix.permissions())}
        : new FileAttribute<?>[0];
  }

  /**
   * Removes this target's temporary files ({@code .NAME.RAND.tmp}, as named above) that are regular
   * files older than this JVM. A link with such a name is left alone, and so is what it points to.
   */
  private static void removeStaleTemporaries(Path dir, String name) {
    if (STARTED.isEmpty()) {
      return; // no start time to compare with: keep everything
    }
    Pattern ours = Pattern.compile(Pattern.quote("." + name + ".") + "[0-9a-z]+\\.tmp");
    try (DirectoryStream<Path> candidates =
        Files.newDirectoryStream(dir, p -> ours.matcher(p.getFileName().toString()).matches())) {
      candidates.forEach(AtomicFile::removeIfStale);
    } catch (IOException | DirectoryIteratorException e) {
      // housekeeping: the write itself goes on, and says so if it fails
    }
  }

  private static void removeIfStale(Path temporary) {
    try {
      BasicFileAttributes a = Files.readAttributes(temporary, BasicFileAttributes.class, NOFOLLOW_LINKS);
      if (a.isRegularFile() && a.lastModifiedTime().toInstant().isBefore(STARTED.get())) {
        Files.deleteIfExists(temporary); // unlinks the name: were a link swapped in since, its target stays
      }
    } catch (IOException e) {
      // renamed or removed by its own run meanwhile, or not ours to remove: left alone
    }
  }

  private static DossierException refused(Path target, String what) {
    return new DossierException("cannot write " + target + ": " + what + " or choose another path" + KEPT);
  }
}
