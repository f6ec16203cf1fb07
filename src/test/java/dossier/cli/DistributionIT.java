package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installable tool that {@code mvn package} leaves in target/dossier/, used as README says:
 * bin/dossier linked onto PATH, run from a folder of a project.
 */
class DistributionIT {
  static final Path DIST = Projects.REPO.resolve("target/dossier");

  @TempDir Path tmp;

  @Test
  void theDistributionHoldsAnExecutableLauncherItsJarAndTheManPages() {
    Path launcher = DIST.resolve("bin/dossier");
    assertTrue(Files.isRegularFile(launcher) && Files.isExecutable(launcher), launcher + " is an executable file");
    assertTrue(Files.isRegularFile(DIST.resolve("lib/dossier.jar")));
    assertTrue(Files.isRegularFile(DIST.resolve("man/dossier-check.adoc")));
  }

  @Test
  void linkedOntoPathItRunsFromASubfolderOfAProject() throws Exception {
    Path onPath = Files.createDirectories(tmp.resolve("path"));
    Path link = Files.createSymbolicLink(onPath.resolve("dossier"), DIST.resolve("bin/dossier"));
    Path project = Projects.copy(tmp.resolve("project"));
    Files.createDirectories(project.resolve("src"));
    for (Path cwd : List.of(project.resolve("dossiers"), project.resolve("src"))) {
      // Executed as a command, not through sh: the launcher kept its executable bit.
      ProcessBuilder pb = new ProcessBuilder(link.toString(), "check").directory(cwd.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("DOSSIER_") || k.equals("JAVA_OPTS"));
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), "from " + cwd + ": " + out + err);
      assertEquals("current dossiers/2026-04-29-track5-label-smoothing-results.md\n"
          + "current dossiers/2026-04-29-track6-focal-loss-results.md\n", out, "from " + cwd);
    }
    try (Stream<Path> left = Files.list(project.resolve("src"))) {
      assertEquals(List.of(), left.toList(), "nothing written where it ran");
    }
  }
}
