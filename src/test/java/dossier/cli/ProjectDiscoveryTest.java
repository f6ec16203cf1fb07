package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dossier finds its project as git finds its repository: the nearest folder holding dossiers/, from the working folder up. */
class ProjectDiscoveryTest {
  private static final String TRACK6 = "dossiers/2026-04-29-track6-focal-loss-results.md";
  private static final String TRACK5 = "dossiers/2026-04-29-track5-label-smoothing-results.md";
  private static final String CURRENT = "current " + TRACK5 + "\ncurrent " + TRACK6 + "\n";

  @TempDir Path project;
  @TempDir Path home;

  @BeforeEach
  void copy() throws IOException {
    Projects.copy(project);
    Files.createDirectories(project.resolve("src/deep/er"));
  }

  private Run in(Path cwd, String... args) {
    return Run.in(cwd, Map.of(), home, args);
  }

  @Test
  void fromDossiersOrSrcItFindsTheProjectAbove() {
    for (Path cwd : new Path[] {project.resolve("dossiers"), project.resolve("src"), project.resolve("src/deep/er")}) {
      Run check = in(cwd, "check");
      assertEquals(new Run(0, CURRENT, check.err()), check, "from " + cwd);
    }
    Run list = in(project.resolve("src"), "list");
    assertEquals(0, list.exit(), list.err());
    assertTrue(list.out().contains("track6"), list.out());
  }

  @Test
  void aDossierNamedFromASubfolderIsRelativeToThatFolder() {
    Run check = in(project.resolve("dossiers"), "check", Path.of(TRACK6).getFileName().toString());
    assertEquals(new Run(0, "current " + TRACK6 + "\n", check.err()), check);
  }

  @Test
  void generateFromASubfolderWritesIntoTheProject() throws IOException {
    Files.delete(project.resolve(TRACK6));
    Run r = in(project.resolve("src"), "generate", "track6");
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.isRegularFile(project.resolve(TRACK6)));
    assertTrue(Files.notExists(project.resolve("src/dossiers")));
  }

  @Test
  void dashCWinsAndItsFilesAreRelativeToIt(@TempDir Path other) throws IOException {
    Projects.copy(other);
    Files.delete(other.resolve(TRACK5));
    Run check = in(project.resolve("dossiers"), "-C", other.toString(), "check");
    assertEquals(new Run(0, "current " + TRACK6 + "\n", check.err()), check);
    Run named = in(project.resolve("src"), "-C", other.toString(), "check", TRACK6);
    assertEquals(new Run(0, "current " + TRACK6 + "\n", named.err()), named);
  }

  @Test
  void withNoProjectAboveItIsTheCurrentFolderAsBefore(@TempDir Path lonely) {
    Run check = in(lonely, "check");
    assertEquals(3, check.exit());
    assertEquals("dossier: no dossiers/ folder in " + lonely + "\n", check.err());
  }
}
