package dossier.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the repository's dossiers/ in a temporary project, so tests never write the repo. */
public final class Projects {
  public static final Path REPO = Path.of("").toAbsolutePath();

  private Projects() {}

  public static Path copy(Path target) {
    copyTree(REPO.resolve("dossiers"), target.resolve("dossiers"));
    return target;
  }

  public static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.sorted().toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
