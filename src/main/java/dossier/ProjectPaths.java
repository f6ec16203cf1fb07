package dossier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The one rule for every file that the tool reads or writes because a spec or a command line
 * names it: it lies inside the project, judged on its real path, and outside the repository's
 * {@code .git}. A repository that others push to may hold symbolic links, and git stores them:
 * a textual check ({@code normalize().startsWith(project)}) lets {@code out/authorized_keys}
 * through when {@code out} links elsewhere.
 *
 * <p>A file still to be created is judged by the real path of its nearest existing folder plus
 * the names that remain, none of which may be {@code ..} (where a missing folder leads is
 * unknown). The checks happen where a path is resolved, before anything is read; the write itself
 * ({@code AtomicFile}) refuses a link swapped in later.
 *
 * <p>A refusal is a usage error (exit 2), one line: {@code what}, as the caller names the path
 * (a spec's file, line and key, an option and its value), then what is wrong and what to do.
 */
public final class ProjectPaths {
  private final Path root;

  /** @param project the folder that holds {@code dossiers/} */
  public ProjectPaths(Path project) {
    Path real;
    try {
      real = realPath(project.toAbsolutePath(), project.toString());
    } catch (DossierException e) {
      real = project.toAbsolutePath().normalize(); // a project that is not there: nothing in it will be found
    }
    this.root = real;
  }

  /**
   * {@code path}, when its real path lies inside the project and outside {@code .git}.
   *
   * @param what how the caller names the path, e.g. {@code dossiers/t.yaml:4: 'output' (out/x.md)}
   */
  public Path inside(Path path, String what) {
    Path real = realPath(path.toAbsolutePath(), what);
    if (!real.startsWith(root)) {
      throw refused(what, "is outside the project (its real path is " + real + ", through a symbolic link or '..');"
          + " name a path inside " + root);
    }
    for (Path name : root.relativize(real)) {
      if (name.toString().toLowerCase(Locale.ROOT).equals(".git")) {
        throw refused(what, "is inside the repository's .git folder (" + real + "); dossier never writes there: "
            + "name a path outside .git");
      }
    }
    return path;
  }

  /** {@code path} to read: {@link #inside}, and a regular file (through links) when it exists. */
  public Path toRead(Path path, String what) {
    inside(path, what);
    if (Files.exists(path) && !Files.isRegularFile(path)) {
      throw refused(what, Files.isDirectory(path) ? "is a folder; name a file"
          : "is not a regular file (a FIFO, a device or a socket); name a file");
    }
    return path;
  }

  /**
   * {@code path} to write, or to replace: {@link #inside}, and when it exists a regular file of its
   * own, not a link (the write would replace the link with a file, or be led elsewhere), a folder,
   * a FIFO or a device (which a read of the old text would block on, or empty).
   */
  public Path toWrite(Path path, String what) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      attributes = null; // not there (or not reachable): judged by where it would be created
    }
    if (attributes != null && attributes.isSymbolicLink()) {
      throw refused(what, "is a symbolic link (to " + linkTarget(path) + "); dossier writes only a file of its own: "
          + "replace the link with the file, or name another path");
    }
    if (attributes != null && attributes.isDirectory()) {
      throw refused(what, "is a folder; name a file");
    }
    if (attributes != null && !attributes.isRegularFile()) {
      throw refused(what, "is not a regular file (a FIFO, a device or a socket); name a file");
    }
    return inside(path, what);
  }

  /** The real path of the nearest existing folder (or file) of {@code abs}, plus the names that remain. */
  private static Path realPath(Path abs, String what) {
    Deque<String> rest = new ArrayDeque<>();
    Path existing = abs;
    while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      rest.push(existing.getFileName().toString());
      existing = existing.getParent();
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      throw Files.isSymbolicLink(existing)
          ? refused(what, "leads through " + existing + ", a symbolic link to " + linkTarget(existing)
              + ", which does not exist; remove the link or name another path")
          : refused(what, "cannot be resolved: " + existing + ": " + e.getMessage() + "; check the folder's permissions");
    }
    for (String name : rest) {
      if (name.equals("..")) {
        throw refused(what, "goes up ('..') out of a folder that does not exist; name the path without '..'");
      }
      if (!name.equals(".")) {
        real = real.resolve(name);
      }
    }
    return real;
  }

  private static String linkTarget(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "a file that cannot be read";
    }
  }

  private static DossierException refused(String what, String message) {
    return DossierException.usage(what + " " + message);
  }
}
