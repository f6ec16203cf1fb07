package dossier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dossier sample-data --big}: a bench project that {@code generate} and {@code check} accept. */
class BigSweepCliTest {
  @Test
  void writesABenchProjectThatGenerates(@TempDir Path project, @TempDir Path home) throws Exception {
    Run written = Run.offline(home, "sample-data", "--big", "4x6x3", "--big", "3x5x2", "--out", project.toString());
    assertEquals(0, written.exit(), written.err());
    assertTrue(written.out().contains("big-4x6x3: 72 cells, 18 retried, 90 rows"), written.out());
    assertTrue(Files.isRegularFile(project.resolve("dossiers/data/big-3x5x2.csv")));
    assertTrue(Files.isRegularFile(project.resolve("dossiers/big-3x5x2.yaml")));

    Run generated = Run.offline(home, "-C", project.toString(), "generate", "big-4x6x3");
    assertEquals(0, generated.exit(), generated.err());
    String dossier = Files.readString(project.resolve("dossiers/big-4x6x3-results.md"));
    assertTrue(dossier.contains("90 rows"), dossier);

    Run checked = Run.offline(home, "-C", project.toString(), "check");
    assertEquals(0, checked.exit(), checked.out() + checked.err());
  }

  @Test
  void refusesABadSize(@TempDir Path project, @TempDir Path home) {
    Run run = Run.offline(home, "sample-data", "--big", "20x200", "--out", project.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("20x200"), run.err());
  }
}
